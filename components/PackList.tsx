import { localized } from '@/lib/i18n/localized';
import type { PackSummary } from '@/lib/store/packs';
import { t, uiLanguage } from './i18n';

/** The installed packs with what they hold and whom to credit: the about/data section of the options page. */
export function PackList({ packs }: { packs: PackSummary[] }) {
  if (packs.length === 0) return <p>{t('noPacks')}</p>;
  const lang = uiLanguage();
  return (
    <ul class="pack-list">
      {packs.map((pack) => (
        <li key={pack.id} data-pack-id={pack.id}>
          <h3>{localized(pack.title, lang)}</h3>
          <p class="pack-meta">
            {t('packVersion', pack.version)} · {t(pack.origin === 'builtin' ? 'packBuiltIn' : 'packImported')}
          </p>
          <dl class="pack-counts">
            <div><dt>{t('countActors')}</dt><dd data-count="actors">{pack.stored.actors}</dd></div>
            <div><dt>{t('countEvents')}</dt><dd data-count="events">{pack.stored.events}</dd></div>
            <div><dt>{t('countSources')}</dt><dd data-count="sources">{pack.stored.sources}</dd></div>
          </dl>
          <p class="pack-credit"><strong>{t('packAttribution')}:</strong> {pack.attribution}</p>
          <p class="pack-credit"><strong>{t('packLicence')}:</strong> {pack.licence}</p>
        </li>
      ))}
    </ul>
  );
}
