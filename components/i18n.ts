/**
 * Backstory's own words in the reader's language. By default the browser's (`browser.i18n`, from
 * public/_locales); when the options name a language, that catalogue is loaded once from the
 * background (`i18n:catalogue`) and used instead, because `browser.i18n` cannot switch languages.
 */
import type english from '@/public/_locales/en/messages.json';
import { formatCatalogueMessage, type Catalogue } from '@/lib/i18n/catalogue';
import { request } from './request';
import type { LanguageChoice } from '@/lib/settings';

/** A key that does not exist in the English catalogue does not compile. */
export type MessageKey = Exclude<keyof typeof english, 'extName' | 'extDescription'> | 'extName';

let chosen: { lang: 'en' | 'it'; catalogue: Catalogue } | undefined;

export function t(key: MessageKey, ...substitutions: string[]): string {
  if (chosen) return formatCatalogueMessage(chosen.catalogue, key, substitutions) || key;
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The UI language, for picking a pack's localized text ("en" or "it", English otherwise). */
export function uiLanguage(): 'en' | 'it' {
  if (chosen) return chosen.lang;
  return browser.i18n.getUILanguage().toLowerCase().startsWith('it') ? 'it' : 'en';
}

/** The BCP 47 tag for Intl (dates, country names) that goes with the UI language. */
export function uiLocale(): string {
  const browserLocale = browser.i18n.getUILanguage();
  return !chosen || browserLocale.toLowerCase().startsWith(chosen.lang) ? browserLocale : chosen.lang;
}

/**
 * Applies the options' language choice, fetching its catalogue from the background. Never rejects: if the
 * catalogue cannot be had, the browser's language stays.
 */
export async function chooseLanguage(choice: LanguageChoice): Promise<void> {
  if (choice === 'auto') {
    chosen = undefined;
    return;
  }
  const catalogue = await request('i18n:catalogue', { lang: choice }).catch(() => undefined);
  if (catalogue) chosen = { lang: choice, catalogue };
}
