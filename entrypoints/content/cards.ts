/**
 * The hover card's behaviour on a page: hover (./hover.ts) and the keyboard route open it, Escape and
 * the grace period close it, "open timeline" hands over to the side panel. Hovering a mention shows its
 * actor (content from the background, `card:get`, cached per actor until the page's mentions change);
 * hovering the passage of one of the reader's notes shows the note (already on the page). The card's UI
 * is loaded into the page when the first card is about to be needed (./card-host.ts).
 */
import { request } from '@/components/request';
import { localDay } from '@/lib/pack/dates';
import { MAX_PAGE_ACTORS, type CardReply } from '@/lib/messages/protocol';
import type { ActorKey } from '@/lib/pack/keys';
import { t, uiLanguage, uiLocale } from '@/components/i18n';
import { CardHost, type CardContent, type CardHostUi } from './card-host';
import { liveRange, type PageMentions, type PageMention } from './mentions';
import type { AnchoredNote, NoteAnchors } from './note-anchors';
import { liveRangeOf } from './painter';
import { watchHover } from './hover';
import { measure, MEASURED } from './measure';

/** Events the card shows; the side panel shows all. */
const CARD_EVENTS = 4;
/**
 * Cards fetched ahead once a page's first passes are done: its most-named actors. Chrome stops the
 * background's idle worker after 30 s, and waking it for a hover cost 100–130 ms before the card could
 * paint (docs/bench.md); a warmed card paints from the page. Eight covers the names a reader of one
 * article hovers most, at a few kB each, without keeping the worker busy on long pages.
 */
const WARMED_CARDS = 8;

export interface CardOptions {
  highlighter: () => PageMentions | undefined;
  notes: () => NoteAnchors | undefined;
  published: () => string | undefined;
  /** Read at each dwell, so a change in the options applies at once. */
  dwellMs: () => number;
  graceMs: number;
}

export function createCards(options: CardOptions) {
  const lang = uiLanguage();
  const host = new CardHost({
    locale: uiLocale(),
    onClosed: () => {
      open = undefined;
      options.highlighter()?.setFocused(undefined);
    },
  });
  const cache = new Map<ActorKey, Promise<CardContent | null>>();
  const noteCards = new WeakMap<AnchoredNote, CardContent>();
  let open: { mention: PageMention; notice?: string } | undefined;
  let stepIndex = -1;
  const revealed = new Map<ActorKey, number>();
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped when cached cards go stale: a warming under way stops. */
  let generation = 0;
  /** Actors whose cached card was fetched ahead (warm), not for a hover: what `backstory:card` reports. */
  const warmed = new Set<string>();

  const fetchCard = (actor: ActorKey) => {
    let reply = cache.get(actor);
    if (!reply) {
      const pageActors = [...new Set(options.highlighter()?.mentions().map((m) => m.actor) ?? [])].slice(0, MAX_PAGE_ACTORS);
      const published = options.published();
      reply = request('card:get', { actor, lang, today: localDay(), pageActors, limit: CARD_EVENTS, ...(published && { published }) }).then(
        (card: CardReply | null): CardContent | null => card && { kind: 'actor', card },
      );
      reply.catch(() => cache.delete(actor));
      cache.set(actor, reply);
    }
    return reply;
  };

  /** A note's card content, one object per anchored note (the host re-renders only for a new one). */
  const noteCard = (note: AnchoredNote): CardContent => {
    let content = noteCards.get(note);
    if (!content) noteCards.set(note, (content = { kind: 'note', note: note.note }));
    return content;
  };

  async function showNote(note: AnchoredNote, isCurrent: () => boolean) {
    let ui: CardHostUi;
    try {
      ui = await host.ready();
    } catch (error) {
      console.warn(t('cardLoadFailed', String(error)));
      return;
    }
    if (!isCurrent()) return;
    const live = liveRangeOf(note.range);
    const anchor = [...live.getClientRects()][0] ?? live.getBoundingClientRect();
    ui.show(noteCard(note), { anchor, focus: false, onOpenTimeline: () => undefined });
    open = undefined;
    measure('backstory:note-card', () => ({ start: performance.now(), end: performance.now(), detail: { note: note.note.id, method: note.method } }));
  }

  async function show(mention: PageMention, focus: boolean, isCurrent: () => boolean = () => true, notice?: string) {
    const dwellEnded = performance.now();
    let content: CardContent | null;
    let ui: CardHostUi;
    try {
      // The card's content and, on the first card of the page, its UI: both asked for when the pointer landed.
      [content, ui] = await Promise.all([fetchCard(mention.actor), host.ready()]);
    } catch (error) {
      console.warn(t('cardLoadFailed', String(error)));
      return;
    }
    if (!content || content.kind !== 'actor' || !isCurrent()) return;
    const card = content.card;
    const anchor = [...liveRange(mention).getClientRects()][0] ?? liveRange(mention).getBoundingClientRect();
    const placement = ui.show(content, { anchor, focus, notice, onOpenTimeline: () => openTimeline(mention) });
    open = { mention, ...(notice && { notice }) };
    // Painted: the frame after this render has been produced (rAF runs before paint, the next task after it).
    if (MEASURED)
      requestAnimationFrame(() =>
        setTimeout(() =>
          measure('backstory:card', () => ({
            start: dwellEnded,
            end: performance.now(),
            detail: { lang, actor: card.actor.key, warmed: warmed.has(card.actor.key), notes: card.notes.map((n) => n.id), events: card.events.map((e) => e.key), later: card.events.filter((e) => e.later).map((e) => e.key), side: placement.side, focus },
          })),
        ),
      );
  }

  function openTimeline(mention: PageMention) {
    // Sent before any await, so Chrome still sees the click's user gesture in the background.
    request('timeline:open', { actor: mention.actor })
      .then(({ opened }) => {
        if (opened === 'window' && open?.mention === mention) void show(mention, false, undefined, t('cardOpenedInWindow'));
      })
      .catch((error: unknown) => console.warn(t('cardLoadFailed', String(error))));
  }

  const stopHover = watchHover<PageMention | AnchoredNote>({
    dwellMs: options.dwellMs,
    graceMs: options.graceMs,
    // A name inside a noted passage is still a name: the actor's card wins, the note's shows around it.
    mentionAt: (x, y) => options.highlighter()?.mentionAtPoint(x, y) ?? options.notes()?.noteAtPoint(x, y),
    isCard: (target) => host.contains(target),
    // The pointer landed: the card UI starts loading now (the first time), well before the dwell ends.
    prefetch: (item, isCurrent) => {
      const ready = host.ready();
      if (!('actor' in item)) {
        ready.then((ui) => isCurrent() && !ui.isShown && ui.prepare(noteCard(item), { onOpenTimeline: () => undefined }), () => undefined);
        return;
      }
      Promise.all([fetchCard(item.actor), ready]).then(
        ([content, ui]) => content && isCurrent() && !ui.isShown && ui.prepare(content, { onOpenTimeline: () => openTimeline(item) }),
        () => undefined,
      );
    },
    open: (item, isCurrent) => void ('actor' in item ? show(item, false, isCurrent) : showNote(item, isCurrent)),
    close: () => host.hide(),
    isOpen: () => host.isShown,
  });

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && host.isShown) {
      host.hide();
      event.stopPropagation();
    }
  };
  // The card sits at a fixed place: once its mention scrolls away, it would point at nothing.
  const onScroll = () => {
    if (host.isShown && !host.contains(document.activeElement)) host.hide();
  };
  document.addEventListener('keydown', onKey, true);
  window.addEventListener('scroll', onScroll, { passive: true });

  return {
    /** The keyboard route: the next or previous mention in page order, scrolled to, card open, focus inside. */
    step(direction: 1 | -1): ActorKey | null {
      const mentions = options.highlighter()?.visibleMentions() ?? [];
      if (mentions.length === 0) return null;
      const current = open ? mentions.indexOf(open.mention) : Math.min(stepIndex, mentions.length - 1);
      stepIndex = current < 0 ? (direction > 0 ? 0 : mentions.length - 1) : (current + direction + mentions.length) % mentions.length;
      const mention = mentions[stepIndex]!;
      host.hide();
      bringIntoView(mention);
      options.highlighter()?.setFocused(mention);
      void show(mention, true);
      return mention.actor;
    },
    /** Scrolls to the actor's next mention (cycling) and flashes it; the side panel's "on this page" route. */
    reveal(actor: ActorKey): boolean {
      const mentions = (options.highlighter()?.visibleMentions() ?? []).filter((m) => m.actor === actor);
      if (mentions.length === 0) return false;
      const mention = mentions[(revealed.get(actor) ?? -1) + 1] ?? mentions[0]!;
      revealed.set(actor, mentions.indexOf(mention));
      host.hide();
      bringIntoView(mention);
      options.highlighter()?.setFocused(mention);
      clearTimeout(flashTimer);
      flashTimer = setTimeout(() => {
        if (!open) options.highlighter()?.setFocused(undefined);
      }, 1_500);
      return true;
    },
    /** Scrolls to a note's passage and flashes it; the side panel's "show on page". */
    revealNote(id: string): boolean {
      const note = options.notes()?.find(id);
      if (!note) return false;
      host.hide();
      bringRangeIntoView(note.range, note.nodes[0]!.parentElement);
      options.highlighter()?.flash(note.range);
      clearTimeout(flashTimer);
      flashTimer = setTimeout(() => {
        if (!open) options.highlighter()?.setFocused(undefined);
      }, 1_500);
      return true;
    },
    /** The page's mentions or the reader's notes changed: cached cards used the old ones. */
    invalidate() {
      cache.clear();
      warmed.clear();
      generation++;
    },
    /**
     * Fetches the cards of the page's most-named actors, one after the other, so that a later hover
     * needs no answer from the background. Reports `backstory:cards` with the page's own busy time.
     */
    async warm(): Promise<void> {
      const start = performance.now();
      const mine = generation;
      const counts = new Map<ActorKey, number>();
      for (const mention of options.highlighter()?.visibleMentions() ?? []) counts.set(mention.actor, (counts.get(mention.actor) ?? 0) + 1);
      const actors = [...counts].sort((a, b) => b[1] - a[1]).slice(0, WARMED_CARDS).map(([actor]) => actor);
      let busyMs = performance.now() - start;
      let longestSliceMs = busyMs;
      for (const actor of actors) {
        if (mine !== generation) return;
        const asked = performance.now();
        const fresh = !cache.has(actor);
        const reply = fetchCard(actor);
        const slice = performance.now() - asked;
        busyMs += slice;
        longestSliceMs = Math.max(longestSliceMs, slice);
        if ((await reply.then(Boolean, () => false)) && fresh && mine === generation) warmed.add(actor);
      }
      measure('backstory:cards', () => ({ start, end: performance.now(), detail: { actors: actors.length, warmed: warmed.size, busyMs, longestSliceMs } }));
    },
    dispose() {
      stopHover();
      document.removeEventListener('keydown', onKey, true);
      window.removeEventListener('scroll', onScroll);
      host.dispose();
    },
  };
}

const bringIntoView = (mention: PageMention) => bringRangeIntoView(mention.range, mention.block);

function bringRangeIntoView(range: AbstractRange, block: Element | null) {
  const rect = liveRangeOf(range).getBoundingClientRect();
  const height = document.documentElement.clientHeight;
  if (rect.top >= 0 && rect.bottom <= height) return;
  block?.scrollIntoView({ block: 'nearest' });
  const after = liveRangeOf(range).getBoundingClientRect();
  window.scrollBy({ top: after.top - height / 3, behavior: 'instant' });
}
