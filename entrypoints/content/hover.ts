/**
 * Pointer → mention → card, with one listener for the whole page: feeds the pointer to the hover
 * machine (lib/ui/hover-machine.ts, which owns dwell, grace and tokens) once per frame. Only the
 * reader's own pointer counts: events a page script dispatched (`isTrusted` false) are ignored, so a
 * page cannot open cards, or keep one open, with synthetic events.
 */
import { createHoverMachine } from '@/lib/ui/hover-machine';

/** `T`: what can be hovered (a mention, or a note's passage). */
export interface HoverOptions<T> {
  dwellMs: () => number;
  graceMs: number;
  mentionAt(x: number, y: number): T | undefined;
  /** Whether the event target is the card itself. */
  isCard(target: EventTarget | null): boolean;
  /** Starts preparing the card for `mention` (called when the pointer lands), unless `isCurrent()` turns false. */
  prefetch(mention: T, isCurrent: () => boolean): void;
  /** The dwell ended on `mention`: show its card unless `isCurrent()` turns false meanwhile. */
  open(mention: T, isCurrent: () => boolean): void;
  close(): void;
  isOpen(): boolean;
}

export function watchHover<T>(options: HoverOptions<T>): () => void {
  let frame = 0;
  let last: PointerEvent | undefined;

  const machine = createHoverMachine<T>({
    dwellMs: options.dwellMs,
    graceMs: options.graceMs,
    prefetch: options.prefetch,
    open: options.open,
    close: options.close,
    isOpen: options.isOpen,
    // A move no frame has examined yet decides first: on a busy page frames run late, and the pointer
    // may have left the name long before (docs/browser-quirks.md #28).
    beforeOpen: () => {
      if (!frame) return;
      cancelAnimationFrame(frame);
      examine();
    },
  });

  function examine() {
    frame = 0;
    const event = last;
    if (!event) return;
    machine.pointerAt({
      onCard: options.isCard(event.target),
      busy: event.buttons !== 0 || !(document.getSelection()?.isCollapsed ?? true),
      mentionAt: () => options.mentionAt(event.clientX, event.clientY),
    });
  }

  // Coalesced to one hit test per frame: pointermove can fire hundreds of times a second.
  const onMove = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    last = event;
    if (!frame) frame = requestAnimationFrame(examine);
  };
  const onLeaveWindow = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    if (event.relatedTarget === null) machine.leftWindow();
  };
  const onDown = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    machine.pressed();
  };

  document.addEventListener('pointermove', onMove, { capture: true, passive: true });
  document.addEventListener('pointerout', onLeaveWindow, { capture: true, passive: true });
  document.addEventListener('pointerdown', onDown, { capture: true, passive: true });
  return () => {
    machine.dispose();
    cancelAnimationFrame(frame);
    document.removeEventListener('pointermove', onMove, { capture: true });
    document.removeEventListener('pointerout', onLeaveWindow, { capture: true });
    document.removeEventListener('pointerdown', onDown, { capture: true });
  };
}
