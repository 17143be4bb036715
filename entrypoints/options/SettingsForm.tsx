/**
 * The reader's settings, saved to storage.local on every change: every open tab applies them at once
 * (storage.onChanged), no reload, no save button.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '@/components/i18n';
import {
  DWELL_RANGE,
  HIGHLIGHT_COLOURS,
  siteKey,
  type ActorKindName,
  type LanguageChoice,
  type Settings,
} from '@/lib/settings';
import { colourLine, colourTint } from '@/lib/ui/highlight-style';
import { readSettings, updateSettings, watchSettings } from '@/components/storage';

const KINDS: ActorKindName[] = ['person', 'organization'];

export function SettingsForm() {
  const [settings, setSettings] = useState<Settings>();
  const [site, setSite] = useState('');

  useEffect(() => {
    void readSettings().then(setSettings);
    // The popup may change a site while this page is open: show it, and save on top of it.
    return watchSettings(setSettings);
  }, []);
  if (!settings) return null;

  /**
   * Applies a change to the settings as stored at save time, not as this page last drew them: the popup
   * may have switched a site off meanwhile. A change that depends on the current value is a function,
   * called later: read everything it needs from the event first.
   */
  const save = (change: Partial<Settings> | ((current: Settings) => Partial<Settings>)) => {
    const patch = (current: Settings) => ({ ...current, ...(typeof change === 'function' ? change(current) : change) });
    setSettings(patch(settings));
    void updateSettings(patch).then((next) => {
      setSettings(next);
      // The page's own words change language only when it is drawn again.
      if (next.language !== settings.language) location.reload();
    });
  };

  const addSite = () => {
    const key = siteKey(site.trim().replace(/^https?:\/\//, '').replace(/\/.*$/, ''));
    if (key && !settings.disabledSites.includes(key)) save((current) => ({ disabledSites: [...new Set([...current.disabledSites, key])].sort() }));
    setSite('');
  };

  return (
    <>
      <section aria-labelledby="highlight-heading" class="settings">
        <h2 id="highlight-heading">{t('optionsHighlighting')}</h2>
        <label class="check">
          <input type="checkbox" checked={settings.enabled} onChange={(e) => save({ enabled: (e.currentTarget as HTMLInputElement).checked })} />
          {t('optionsEnabled')}
        </label>
        <fieldset>
          <legend>{t('optionsStyle')}</legend>
          {(['background', 'underline'] as const).map((style) => (
            <label key={style} class="check">
              <input type="radio" name="style" value={style} checked={settings.style === style} onChange={() => save({ style })} />
              {t(style === 'background' ? 'optionsStyleBackground' : 'optionsStyleUnderline')}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('optionsKinds')}</legend>
          {KINDS.map((kind) => (
            <div key={kind} class="kind-row">
              <label class="check">
                <input type="checkbox" checked={settings.kinds[kind]} onChange={(e) => {
                    const checked = (e.currentTarget as HTMLInputElement).checked;
                    save((current) => ({ kinds: { ...current.kinds, [kind]: checked } }));
                  }} />
                {t(kind === 'person' ? 'optionsKindPerson' : 'optionsKindOrganization')}
              </label>
              <select
                aria-label={t('optionsColourFor', t(kind === 'person' ? 'optionsKindPerson' : 'optionsKindOrganization'))}
                value={settings.colours[kind]}
                onChange={(e) => {
                  const colour = (e.currentTarget as HTMLSelectElement).value as Settings['colours'][ActorKindName];
                  save((current) => ({ colours: { ...current.colours, [kind]: colour } }));
                }}
              >
                {HIGHLIGHT_COLOURS.map((colour) => (
                  <option key={colour} value={colour}>
                    {t(`colour_${colour}` as MessageKey)}
                  </option>
                ))}
              </select>
              <span
                class="swatch"
                aria-hidden="true"
                style={{
                  background: settings.style === 'background' ? colourTint(settings.colours[kind]) : 'transparent',
                  textDecoration: `underline ${settings.style === 'background' ? 1.5 : 2.5}px ${colourLine(settings.colours[kind])}`,
                }}
              >
                {t(kind === 'person' ? 'optionsSamplePerson' : 'optionsSampleOrganization')}
              </span>
            </div>
          ))}
        </fieldset>
        <label class="dwell">
          {t('optionsDwell', String(settings.dwellMs))}
          <input
            type="range"
            min={DWELL_RANGE.min}
            max={1000}
            step={50}
            value={settings.dwellMs}
            onInput={(e) => save({ dwellMs: Number((e.currentTarget as HTMLInputElement).value) })}
          />
        </label>
      </section>

      <section aria-labelledby="sites-heading" class="settings">
        <h2 id="sites-heading">{t('optionsSites')}</h2>
        {settings.disabledSites.length === 0 ? (
          <p class="store-state">{t('optionsNoSites')}</p>
        ) : (
          <ul class="sites">
            {settings.disabledSites.map((s) => (
              <li key={s}>
                <span>{s}</span>
                <button type="button" class="link" onClick={() => save((current) => ({ disabledSites: current.disabledSites.filter((x) => x !== s) }))}>
                  {t('optionsSiteRemove', s)}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          class="add-site"
          onSubmit={(e) => {
            e.preventDefault();
            addSite();
          }}
        >
          <input type="text" value={site} aria-label={t('optionsSiteAdd')} placeholder="example.com" onInput={(e) => setSite((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit">{t('optionsSiteAdd')}</button>
        </form>
      </section>

      <section aria-labelledby="language-heading" class="settings">
        <h2 id="language-heading">{t('optionsLanguage')}</h2>
        <select aria-label={t('optionsLanguage')} value={settings.language} onChange={(e) => save({ language: (e.currentTarget as HTMLSelectElement).value as LanguageChoice })}>
          <option value="auto">{t('optionsLanguageAuto')}</option>
          <option value="en">English</option>
          <option value="it">Italiano</option>
        </select>
      </section>
    </>
  );
}
