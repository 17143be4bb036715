/**
 * What every extension page does before its first render: apply the language chosen in the options,
 * then set the document's language and title, so the page never flashes in the wrong language.
 */
import { parseSettings, SETTINGS_KEY } from '@/lib/settings';
import { chooseLanguage, t, uiLanguage, type MessageKey } from './i18n';

export async function prepareLanguage(titleKey: MessageKey): Promise<void> {
  const settings = parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  await chooseLanguage(settings.language);
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
}
