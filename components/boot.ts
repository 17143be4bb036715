/**
 * What every extension page does before its first render: apply the language chosen in the options,
 * then set the document's language and title, so the page never flashes in the wrong language.
 */
import { chooseLanguage, t, uiLanguage, type MessageKey } from './i18n';
import { readSettings } from './storage';

export async function prepareLanguage(titleKey: MessageKey): Promise<void> {
  await chooseLanguage((await readSettings()).language);
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
}
