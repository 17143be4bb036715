/**
 * The card UI: Preact, the actor and note cards and their styles, loaded into a tab's top frame only
 * when a card is about to be needed (the pointer lands on a mention or a noted passage, the keyboard
 * route moves), so pages nobody hovers never parse it (decisions §21, §32). The content script asks
 * the background (`card-ui:load`), which injects this file; it leaves its entry points in the isolated
 * world (./contract.ts) and does nothing else until the content script uses them. Each injection
 * replaces the entry points with its own: a content script asks once, and the newest code wins.
 */
import { chooseLanguage } from '@/components/i18n';
import { warmUpCard } from '@/components/card/ActorCard';
import { CardHost } from './card-host';
import { CARD_UI, type CardUi } from './contract';

export default defineUnlistedScript(() => {
  const ui: CardUi = {
    async createHost(options) {
      // This script has its own copy of the translations, set to the content script's language each
      // time a host is made (the content script makes a new one when the reader changes language).
      await chooseLanguage(options.language);
      return new CardHost(options);
    },
    warmUp: warmUpCard,
  };
  (globalThis as { [CARD_UI]?: CardUi })[CARD_UI] = ui;
});
