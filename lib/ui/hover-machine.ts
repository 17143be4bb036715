/**
 * When a hover opens and closes a card, without the DOM: a mention under the pointer for `dwellMs`
 * opens its card (its content is asked for as soon as the pointer lands, so the card can paint right
 * when the dwell ends); leaving both mention and card for `graceMs` closes it. Each dwell gets a token,
 * so a late answer for an old hover is dropped. Nothing opens while a button is held (selecting,
 * dragging) or while text is selected. entrypoints/content/hover.ts feeds it the pointer.
 */
import { globalTimers, type Timers } from '../timers';

export interface HoverMachineOptions<M> {
  /** Read at each dwell, so a change in the reader's settings applies at once. */
  dwellMs: () => number;
  graceMs: number;
  /** Starts preparing the card for `mention` (the pointer just landed on it); `isCurrent()` turns false once that hover is over. */
  prefetch(mention: M, isCurrent: () => boolean): void;
  /** The dwell ended on `mention`: show its card unless `isCurrent()` turns false meanwhile. */
  open(mention: M, isCurrent: () => boolean): void;
  close(): void;
  isOpen(): boolean;
  /**
   * Called when a dwell ends, before deciding to open: the wiring examines a pointer move it has
   * received but not looked at yet, which may cancel the dwell (docs/browser-quirks.md #28).
   */
  beforeOpen?(): void;
  timers?: Timers;
}

/** Where the pointer is, as the wiring saw it. `mentionAt` is only asked when nothing blocks a hover. */
export interface PointerSample<M> {
  /** The pointer is over the card itself. */
  onCard: boolean;
  /** A button is held or text is selected: the reader is selecting or dragging, not reading a name. */
  busy: boolean;
  mentionAt(): M | undefined;
}

export interface HoverMachine<M> {
  pointerAt(sample: PointerSample<M>): void;
  /** The pointer left the window. */
  leftWindow(): void;
  /** A button went down: whatever dwell was running is off. */
  pressed(): void;
  dispose(): void;
}

export function createHoverMachine<M>(options: HoverMachineOptions<M>): HoverMachine<M> {
  const timers = options.timers ?? globalTimers;
  let under: M | undefined;
  let dwellTimer: unknown;
  let graceTimer: unknown;
  let token = 0;

  const stopDwell = () => {
    timers.clearTimeout(dwellTimer);
    dwellTimer = undefined;
    token++;
  };
  const stopGrace = () => {
    timers.clearTimeout(graceTimer);
    graceTimer = undefined;
  };
  const startGrace = () => {
    if (graceTimer !== undefined || !options.isOpen()) return;
    graceTimer = timers.setTimeout(() => {
      graceTimer = undefined;
      options.close();
    }, options.graceMs);
  };

  return {
    pointerAt(sample) {
      if (sample.onCard) {
        stopGrace();
        return;
      }
      const mention = sample.busy ? undefined : sample.mentionAt();
      if (mention !== undefined && mention === under) {
        stopGrace();
        return;
      }
      under = mention;
      stopDwell();
      if (mention === undefined) {
        startGrace();
        return;
      }
      stopGrace();
      const mine = token;
      const isCurrent = () => mine === token;
      options.prefetch(mention, isCurrent);
      dwellTimer = timers.setTimeout(() => {
        dwellTimer = undefined;
        options.beforeOpen?.();
        if (isCurrent()) options.open(mention, isCurrent);
      }, options.dwellMs());
    },
    leftWindow() {
      under = undefined;
      stopDwell();
      startGrace();
    },
    pressed() {
      under = undefined;
      stopDwell();
    },
    dispose() {
      stopDwell();
      stopGrace();
    },
  };
}
