import { localized } from '@/lib/i18n/localized';
import type { PackSummary } from '@/lib/store/packs';
import { t, uiLanguage, uiLocale } from './i18n';

/** What the reader can do to a listed pack; absent: the list only shows (the popup, tests). */
export interface PackActions {
  setEnabled(pack: PackSummary, enabled: boolean): void;
  remove(pack: PackSummary): void;
  exportFile(pack: PackSummary): void;
  /** A write to packs is under way (one at a time: an import, a switch, a removal): switches and removal wait. */
  writing?: boolean;
}

/** "1.2 MB", "840 kB", in the UI's language. */
function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [Math.max(bytes / 1_000, 0.1), 'kilobyte'];
  return new Intl.NumberFormat(uiLocale(), { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/**
 * The installed packs with what they hold and whom to credit: the options page's packs section. Every
 * text of a pack (title, attribution, licence: a file's own words) is rendered as text, never as markup.
 */
export function PackList({ packs, actions }: { packs: PackSummary[]; actions?: PackActions }) {
  if (packs.length === 0) return <p>{t('noPacks')}</p>;
  const lang = uiLanguage();
  return (
    <ul class="pack-list">
      {packs.map((pack) => {
        const title = localized(pack.title, lang);
        return (
          <li key={pack.id} data-pack-id={pack.id} data-enabled={String(pack.enabled)} class={pack.enabled ? undefined : 'off'}>
            <h3 id={`pack-title-${pack.id}`}>{title}</h3>
            <p class="pack-meta">
              {t('packVersion', pack.version)} · {t(pack.origin === 'builtin' ? 'packBuiltIn' : 'packImported')}
              {!pack.enabled && <> · <strong>{t('packOff')}</strong></>}
            </p>
            <dl class="pack-counts">
              <div><dt>{t('countActors')}</dt><dd data-count="actors">{pack.stats.actors.toLocaleString(uiLocale())}</dd></div>
              <div><dt>{t('countEvents')}</dt><dd data-count="events">{pack.stats.events.toLocaleString(uiLocale())}</dd></div>
              <div><dt>{t('countSources')}</dt><dd data-count="sources">{pack.stats.sources.toLocaleString(uiLocale())}</dd></div>
            </dl>
            <p class="pack-credit"><strong>{t('packLanguages')}:</strong> {pack.languages.join(', ')}</p>
            {pack.bytes !== undefined && <p class="pack-credit"><strong>{t('packSize')}:</strong> <span data-size>{formatBytes(pack.bytes)}</span></p>}
            <p class="pack-credit"><strong>{t('packAttribution')}:</strong> {pack.attribution}</p>
            <p class="pack-credit"><strong>{t('packLicence')}:</strong> {pack.licence}</p>
            {actions && (
              <div class="pack-actions" role="group" aria-label={t('packActionsFor', title)}>
                <label class="pack-toggle">
                  <input
                    type="checkbox"
                    role="switch"
                    name="pack-enabled"
                    checked={pack.enabled}
                    disabled={actions.writing}
                    onChange={(e) => actions.setEnabled(pack, (e.currentTarget as HTMLInputElement).checked)}
                  />
                  {t('packEnabled')}
                </label>
                <button type="button" class="pack-export" onClick={() => actions.exportFile(pack)}>{t('packExport')}</button>
                {pack.origin === 'imported' && (
                  <button type="button" class="pack-remove danger" disabled={actions.writing} onClick={() => actions.remove(pack)}>{t('packRemove')}</button>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
