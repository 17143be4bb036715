/**
 * The hover card's home on a news page (components/shadow-host.ts: a plain <div> with a closed shadow
 * root), created the first time a card is prepared, never before, so pages nobody hovers stay untouched.
 * A page that defined <backstory-ui> is why it is a <div>. Part of the card UI script: the content
 * script drives it through the contract in ./contract.ts.
 */
import { render } from 'preact';
import { ActorCard } from '@/components/card/ActorCard';
import cardCss from '@/components/card/card.css?inline';
import { NoteCard } from '@/components/note/NoteCard';
import { placeBeside, type Placement } from '@/lib/ui/placement';
import { createShadowHost, setStyles } from '@/components/shadow-host';
import type { CardContent, CardHostOptions, CardHostUi, ShowOptions } from './contract';

export class CardHost implements CardHostUi {
  private host: HTMLElement | undefined;
  private mountPoint: HTMLElement | undefined;
  private returnFocusTo: Element | null = null;
  private shown = false;
  private prepared: CardContent | undefined;

  constructor(private readonly options: CardHostOptions) {}

  private get locale(): string {
    return this.options.locale;
  }

  get isShown(): boolean {
    return this.shown;
  }

  contains(target: EventTarget | null): boolean {
    return !!this.host && target === this.host;
  }

  /** Hidden and unplaced: the hover controller calls this during the dwell, when the content has arrived. */
  prepare(content: CardContent, options: Omit<ShowOptions, 'anchor' | 'focus'>) {
    if (this.shown) return;
    const { host, mountPoint } = this.mount();
    setStyles(host, { visibility: 'hidden', 'pointer-events': 'none', display: 'block', 'max-height': 'none', left: '0px', top: '0px' });
    render(
      content.kind === 'actor' ? (
        <ActorCard card={content.card} locale={this.locale} onOpenTimeline={options.onOpenTimeline} onClose={() => this.hide()} notice={options.notice} />
      ) : (
        <NoteCard note={content.note} locale={this.locale} onClose={() => this.hide()} />
      ),
      mountPoint,
    );
    this.prepared = content;
  }

  show(card: CardContent, options: ShowOptions): Placement {
    if (options.focus && !this.shown) this.returnFocusTo = document.activeElement;
    if (this.prepared !== card || this.shown || options.notice) {
      this.shown = false;
      this.prepare(card, options);
    }
    const { host, mountPoint } = this.mount();
    const size = host.getBoundingClientRect();
    const placement = placeBeside(options.anchor, { width: size.width, height: size.height }, {
      width: document.documentElement.clientWidth,
      height: document.documentElement.clientHeight,
    });
    setStyles(host, { left: `${placement.left}px`, top: `${placement.top}px`, 'max-height': `${placement.maxHeight}px`, visibility: 'visible', 'pointer-events': 'auto' });
    this.shown = true;
    this.prepared = undefined;
    if (options.focus) mountPoint.querySelector<HTMLElement>('[role="dialog"]')?.focus();
    return placement;
  }

  hide() {
    if (!this.shown || !this.host || !this.mountPoint) return;
    this.shown = false;
    const hadFocus = document.activeElement === this.host;
    render(null, this.mountPoint);
    setStyles(this.host, { display: 'none' });
    this.prepared = undefined;
    if (hadFocus && this.returnFocusTo instanceof HTMLElement) this.returnFocusTo.focus();
    else if (hadFocus) this.host.blur();
    this.returnFocusTo = null;
    this.options.onClosed();
  }

  dispose() {
    this.hide();
    this.host?.remove();
    this.host = undefined;
    this.mountPoint = undefined;
  }

  private mount() {
    if (this.host && this.mountPoint && this.host.isConnected) return { host: this.host, mountPoint: this.mountPoint };
    const { host, mountPoint } = createShadowHost(cardCss, this.options.markOwn);
    this.host = host;
    this.mountPoint = mountPoint;
    return { host, mountPoint };
  }
}
