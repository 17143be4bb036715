/**
 * Pointer → mention → card, with one listener for the whole page. A mention under the pointer for
 * `dwellMs` opens its card (its content is fetched as soon as the pointer lands, so the card paints
 * right when the dwell ends); leaving both mention and card for `graceMs` closes it. Each dwell gets a
 * token so a late answer for an old hover is dropped. Nothing happens while a button is held (selecting,
 * dragging) or while text is selected.
 */
import type { PageMention } from './highlighter';

export interface HoverOptions {
  dwellMs: () => number;
  graceMs: number;
  mentionAt(x: number, y: number): PageMention | undefined;
  /** Whether the event target is the card itself. */
  isCard(target: EventTarget | null): boolean;
  /** Starts preparing the card for `mention` (called when the pointer lands), unless `isCurrent()` turns false. */
  prefetch(mention: PageMention, isCurrent: () => boolean): void;
  /** The dwell ended on `mention`: show its card unless `isCurrent()` turns false meanwhile. */
  open(mention: PageMention, isCurrent: () => boolean): void;
  close(): void;
  isOpen(): boolean;
}

export function watchHover(options: HoverOptions): () => void {
  let under: PageMention | undefined;
  let dwellTimer: ReturnType<typeof setTimeout> | undefined;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let token = 0;
  let frame = 0;
  let last: PointerEvent | undefined;

  const stopDwell = () => {
    clearTimeout(dwellTimer);
    dwellTimer = undefined;
    token++;
  };
  const stopGrace = () => {
    clearTimeout(graceTimer);
    graceTimer = undefined;
  };
  const startGrace = () => {
    if (graceTimer !== undefined || !options.isOpen()) return;
    graceTimer = setTimeout(() => {
      graceTimer = undefined;
      options.close();
    }, options.graceMs);
  };

  const busy = () => (last?.buttons ?? 0) !== 0 || !(document.getSelection()?.isCollapsed ?? true);

  function examine() {
    frame = 0;
    const event = last;
    if (!event) return;
    if (options.isCard(event.target)) {
      stopGrace();
      return;
    }
    const mention = busy() ? undefined : options.mentionAt(event.clientX, event.clientY);
    if (mention && mention === under) {
      stopGrace();
      return;
    }
    under = mention;
    stopDwell();
    if (!mention) {
      startGrace();
      return;
    }
    stopGrace();
    const mine = token;
    options.prefetch(mention, () => mine === token);
    dwellTimer = setTimeout(() => {
      dwellTimer = undefined;
      // A move no frame has examined yet decides first: on a busy page frames run late, and the pointer
      // may have left the name long before (docs/browser-quirks.md #28).
      if (frame) {
        cancelAnimationFrame(frame);
        examine();
      }
      if (mine === token) options.open(mention, () => mine === token);
    }, options.dwellMs());
  }

  // Coalesced to one hit test per frame: pointermove can fire hundreds of times a second.
  const onMove = (event: PointerEvent) => {
    last = event;
    if (!frame) frame = requestAnimationFrame(examine);
  };
  const onLeaveWindow = (event: PointerEvent) => {
    if (event.relatedTarget === null) {
      under = undefined;
      stopDwell();
      startGrace();
    }
  };
  const onDown = () => {
    under = undefined;
    stopDwell();
  };

  document.addEventListener('pointermove', onMove, { capture: true, passive: true });
  document.addEventListener('pointerout', onLeaveWindow, { capture: true, passive: true });
  document.addEventListener('pointerdown', onDown, { capture: true, passive: true });
  return () => {
    stopDwell();
    stopGrace();
    cancelAnimationFrame(frame);
    document.removeEventListener('pointermove', onMove, { capture: true });
    document.removeEventListener('pointerout', onLeaveWindow, { capture: true });
    document.removeEventListener('pointerdown', onDown, { capture: true });
  };
}
