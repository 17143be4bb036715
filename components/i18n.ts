import type english from '@/public/_locales/en/messages.json';

/** A key that does not exist in the English catalogue does not compile. */
export type MessageKey = Exclude<keyof typeof english, 'extName' | 'extDescription'> | 'extName';

export function t(key: MessageKey, ...substitutions: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The UI language, for picking a pack's localized text ("en" or "it", English otherwise). */
export function uiLanguage(): 'en' | 'it' {
  return browser.i18n.getUILanguage().toLowerCase().startsWith('it') ? 'it' : 'en';
}
