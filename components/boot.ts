/**
 * What every extension page does before its first render: apply the language chosen in the options,
 * then set the document's language and title, so the page never flashes in the wrong language.
 */
import { parseSettings, SETTINGS_KEY } from '@/lib/settings';
import { t, uiLanguage, useLanguageChoice, type MessageKey } from './i18n';
import { request } from './request';

export async function prepareLanguage(titleKey: MessageKey): Promise<void> {
  const settings = parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  await useLanguageChoice(settings.language, (lang) => request('i18n:catalogue', { lang })).catch(() => undefined);
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
}
