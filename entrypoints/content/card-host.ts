/**
 * The content script's side of the hover card. The card itself (Preact, the cards, their styles) is the
 * card UI script, entrypoints/card-ui, which this script does not carry: it asks the background to load
 * it into the tab (`card-ui:load`) the first time a card is about to be needed, and drives it through
 * ./card-ui/contract.ts. Until then the page has no card, no host element and none of the UI's code.
 */
import { request } from '@/components/request';
import { uiLanguage } from '@/components/i18n';
import type { LanguageChoice } from '@/lib/settings';
import { CARD_UI, type CardHostOptions, type CardHostUi, type CardUi } from '../card-ui/contract';
import { markOwnUi } from './text-walk';
import { measure } from './measure';

export type { CardContent, CardHostUi, ShowOptions } from '../card-ui/contract';

/** Once per content script: later hosts (a language change makes a new one) reuse the loaded UI. */
let loading: Promise<CardUi> | undefined;

/** The card UI, loaded on the first call; a failed load (a worker restarting, say) is tried again on the next. */
function loadCardUi(): Promise<CardUi> {
  if (loading) return loading;
  const asked = performance.now();
  loading = request('card-ui:load', {}).then(() => {
    // Own property of the isolated world's global: never something found up the prototype chain.
    const ui = Object.hasOwn(globalThis, CARD_UI) ? (globalThis as { [CARD_UI]?: CardUi })[CARD_UI] : undefined;
    if (!ui) throw new Error('the card UI did not load');
    measure('backstory:card-ui', () => ({ start: asked, end: performance.now() }));
    return ui;
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * One page's card host, loaded on demand. `ready()` starts the load (and is what to await before
 * showing); until it has resolved the card is simply not there: not shown, containing nothing.
 */
export class CardHost {
  private ui: CardHostUi | undefined;
  private pending: Promise<CardHostUi> | undefined;
  private disposed = false;

  constructor(private readonly options: Omit<CardHostOptions, 'markOwn' | 'language'>) {}

  get locale(): string {
    return this.options.locale;
  }

  get isShown(): boolean {
    return this.ui?.isShown ?? false;
  }

  contains(target: EventTarget | null): boolean {
    return this.ui?.contains(target) ?? false;
  }

  ready(): Promise<CardHostUi> {
    this.pending ??= loadCardUi().then(async (ui) => {
      const host = await ui.createHost({ ...this.options, language: languageChoice(), markOwn: markOwnUi });
      if (this.disposed) {
        host.dispose();
        throw new Error('the card was disposed while it loaded');
      }
      setTimeout(() => ui.warmUp(this.options.locale));
      return (this.ui = host);
    });
    this.pending.catch(() => (this.pending = undefined));
    return this.pending;
  }

  hide() {
    this.ui?.hide();
  }

  dispose() {
    this.disposed = true;
    this.ui?.dispose();
    this.ui = undefined;
  }
}

/** This script's language as the UI's translations take it: "auto" where the browser's own words are the same. */
function languageChoice(): LanguageChoice {
  const language = uiLanguage();
  const browsers = browser.i18n.getUILanguage().toLowerCase().startsWith('it') ? 'it' : 'en';
  return language === browsers ? 'auto' : language;
}
