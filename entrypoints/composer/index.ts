/**
 * The composer: the note and follow forms, loaded into a tab's top frame only when the reader asks for
 * one (the context menu, the keyboard command), so the forms' code and styles are not in
 * every page's content script (decisions §21). The background injects it and then sends `note:compose`;
 * a second injection into the same page finds it there and does nothing.
 */
import { senderKind } from '@/components/request';
import { chooseLanguage } from '@/components/i18n';
import { readSettings } from '@/components/storage';
import { answers, createRouter, TAB_CHECKS, TAB_SENDER_RULES, type ComposerTabMessageMap, type Handlers } from '@/lib/messages/protocol';
import { readPageContext } from '../content/page-context';
import { createComposer } from './compose';

/** In the extension's isolated world, which the page cannot see into: marks the composer as loaded. */
const LOADED = Symbol.for('backstory.composer');

export default defineUnlistedScript(() => {
  const world = globalThis as { [LOADED]?: true };
  if (world[LOADED]) return;
  world[LOADED] = true;

  const language = readSettings().then((settings) => chooseLanguage(settings.language));
  const composer = createComposer({
    published: () => readPageContext(document).published,
    canonical: () => readPageContext(document).canonical,
  });
  const handlers: Handlers<Browser.runtime.MessageSender, ComposerTabMessageMap> = {
    'note:compose': async ({ mode }) => {
      await language;
      return composer.compose(mode);
    },
  };
  const route = createRouter<Browser.runtime.MessageSender, ComposerTabMessageMap>({ senderOf: senderKind, rules: TAB_SENDER_RULES, checks: TAB_CHECKS, handlers });
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
    if (!answers(handlers, message)) return false; // the content script's
    void route(message, sender).then(sendResponse);
    return true;
  });
});
