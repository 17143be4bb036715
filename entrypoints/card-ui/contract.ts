/**
 * What the card UI script (./index.ts) hands the content script, and how. Both run in the extension's
 * isolated world of the tab's top frame (the background injects the UI there on the content script's
 * request, `card-ui:load`), so the hand-off is a property of that world's global object: the page's
 * scripts live in another world and can neither read it nor plant one. Types only, besides the key: the
 * content script imports this file without pulling any of the UI's code into its bundle.
 */
import type { CardReply, PageNote } from '@/lib/messages/protocol';
import type { LanguageChoice } from '@/lib/settings';
import type { Placement, Rect } from '@/lib/ui/placement';

/** The isolated world's property the UI script sets when it has run. */
export const CARD_UI = Symbol.for('backstory.card-ui');

/** What a card shows: an actor, or one of the reader's notes (hovering its passage). */
export type CardContent = { kind: 'actor'; card: CardReply } | { kind: 'note'; note: PageNote };

export interface ShowOptions {
  anchor: Rect;
  /** Keyboard route: move focus into the card (and give it back on close). */
  focus: boolean;
  onOpenTimeline(): void;
  notice?: string;
}

export interface CardHostOptions {
  /**
   * The content script's language, for the UI's own copy of the translations: "auto" where it is the
   * browser's (the browser's catalogue then serves, with no catalogue to fetch).
   */
  language: LanguageChoice;
  /** BCP 47 tag for dates and country names. */
  locale: string;
  /** Marks the host element as Backstory's own, so the content script's scans pass over it. */
  markOwn(host: Element): void;
  /** The card closed (Escape, the close button, the grace, a scroll). */
  onClosed(): void;
}

/** One page's card: rendered into a closed shadow root on <html>, mounted the first time a card is prepared. */
export interface CardHostUi {
  readonly isShown: boolean;
  /** True for events whose target is the card (a closed shadow root retargets them to the host). */
  contains(target: EventTarget | null): boolean;
  /** Renders a card out of sight so that showing it later is only placement (during the dwell). */
  prepare(content: CardContent, options: Omit<ShowOptions, 'anchor' | 'focus'>): void;
  show(content: CardContent, options: ShowOptions): Placement;
  hide(): void;
  dispose(): void;
}

export interface CardUi {
  /** A host in `options.language`, once that language's words are at hand. */
  createHost(options: CardHostOptions): Promise<CardHostUi>;
  /** Builds the Intl objects a card needs ahead of its first showing (slow to create the first time). */
  warmUp(locale: string): void;
}
