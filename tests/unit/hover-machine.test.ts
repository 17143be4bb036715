import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverMachine, type PointerSample } from '@/lib/ui/hover-machine';

// The hover's timing with fake timers: a dwell of 150 ms opens, a grace of 300 ms closes.
const DWELL = 150;
const GRACE = 300;

function setUp(dwellMs = () => DWELL) {
  let open: string | undefined;
  const opened: string[] = [];
  const prefetched: { mention: string; isCurrent: () => boolean }[] = [];
  const openCalls: { mention: string; isCurrent: () => boolean }[] = [];
  let beforeOpen: (() => void) | undefined;
  const machine = createHoverMachine<string>({
    dwellMs,
    graceMs: GRACE,
    prefetch: (mention, isCurrent) => prefetched.push({ mention, isCurrent }),
    open: (mention, isCurrent) => {
      openCalls.push({ mention, isCurrent });
      opened.push(mention);
      open = mention;
    },
    close: () => {
      open = undefined;
    },
    isOpen: () => open !== undefined,
    beforeOpen: () => beforeOpen?.(),
  });
  const at = (mention: string | undefined, extra: Partial<PointerSample<string>> = {}) =>
    machine.pointerAt({ onCard: false, busy: false, mentionAt: () => mention, ...extra });
  return {
    machine,
    at,
    onCard: () => machine.pointerAt({ onCard: true, busy: false, mentionAt: () => undefined }),
    opened,
    prefetched,
    openCalls,
    shown: () => open,
    onBeforeOpen: (run: () => void) => (beforeOpen = run),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('hover machine', () => {
  it('opens the card of a name the pointer rests on for the dwell, not before', () => {
    const hover = setUp();
    hover.at('putin');
    expect(hover.prefetched.map((p) => p.mention)).toEqual(['putin']); // asked for when the pointer lands
    vi.advanceTimersByTime(DWELL - 1);
    expect(hover.opened).toEqual([]);
    hover.at('putin'); // moving within the same name does not restart the dwell
    vi.advanceTimersByTime(1);
    expect(hover.opened).toEqual(['putin']);
  });

  it('reads the dwell at each hover, so a changed setting applies at once', () => {
    let dwell = DWELL;
    const hover = setUp(() => dwell);
    dwell = 600;
    hover.at('putin');
    vi.advanceTimersByTime(599);
    expect(hover.opened).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(hover.opened).toEqual(['putin']);
  });

  it('a pointer that leaves before the dwell opens nothing', () => {
    const hover = setUp();
    hover.at('putin');
    vi.advanceTimersByTime(DWELL - 10);
    hover.at(undefined);
    vi.advanceTimersByTime(10 * DWELL);
    expect(hover.opened).toEqual([]);
  });

  it('a pointer that passes on to another name opens only the one it rests on', () => {
    const hover = setUp();
    hover.at('putin');
    vi.advanceTimersByTime(DWELL - 10);
    hover.at('trump');
    vi.advanceTimersByTime(DWELL - 1);
    expect(hover.opened).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(hover.opened).toEqual(['trump']);
  });

  it('a late answer for an old hover is dropped: its token is no longer current', () => {
    const hover = setUp();
    hover.at('putin');
    const putin = hover.prefetched[0]!;
    expect(putin.isCurrent()).toBe(true);
    hover.at('trump');
    expect(putin.isCurrent()).toBe(false); // the card data for Putin arrives now: not prepared
    expect(hover.prefetched[1]!.isCurrent()).toBe(true);
    vi.advanceTimersByTime(DWELL);
    const trump = hover.openCalls[0]!;
    expect(trump.mention).toBe('trump');
    expect(trump.isCurrent()).toBe(true);
    hover.at(undefined); // left before the card data came: show() must not paint it
    expect(trump.isCurrent()).toBe(false);
  });

  it('a pointer held down (selecting, dragging) or a selection blocks the hover', () => {
    const hover = setUp();
    const mentionAt = vi.fn(() => 'putin');
    hover.machine.pointerAt({ onCard: false, busy: true, mentionAt });
    vi.advanceTimersByTime(10 * DWELL);
    expect(hover.opened).toEqual([]);
    expect(hover.prefetched).toEqual([]);
    expect(mentionAt).not.toHaveBeenCalled(); // no hit test while busy
  });

  it('a button going down cancels the running dwell', () => {
    const hover = setUp();
    hover.at('putin');
    vi.advanceTimersByTime(DWELL - 10);
    hover.machine.pressed();
    vi.advanceTimersByTime(10 * DWELL);
    expect(hover.opened).toEqual([]);
    expect(hover.prefetched[0]!.isCurrent()).toBe(false);
  });

  it('leaving mention and card for the grace closes the card; coming back to either within it keeps it', () => {
    const hover = setUp();
    hover.at('putin');
    vi.advanceTimersByTime(DWELL);
    expect(hover.shown()).toBe('putin');

    hover.at(undefined);
    vi.advanceTimersByTime(GRACE - 1);
    hover.onCard(); // on the way to the card: stays
    vi.advanceTimersByTime(10 * GRACE);
    expect(hover.shown()).toBe('putin');

    hover.at(undefined);
    vi.advanceTimersByTime(GRACE - 1);
    hover.at('putin'); // back on the name: stays (and a new dwell shows the same card again)
    vi.advanceTimersByTime(10 * GRACE);
    expect(hover.shown()).toBe('putin');

    hover.at(undefined);
    vi.advanceTimersByTime(GRACE - 1);
    expect(hover.shown()).toBe('putin');
    vi.advanceTimersByTime(1);
    expect(hover.shown()).toBeUndefined();
  });

  it('more moves off the name do not push the grace further out', () => {
    const hover = setUp();
    hover.at('putin');
    vi.advanceTimersByTime(DWELL);
    hover.at(undefined);
    vi.advanceTimersByTime(GRACE / 2);
    hover.at(undefined);
    vi.advanceTimersByTime(GRACE / 2);
    expect(hover.shown()).toBeUndefined();
  });

  it('leaving the window cancels the dwell and starts the grace', () => {
    const hover = setUp();
    hover.at('putin');
    vi.advanceTimersByTime(DWELL);
    hover.at('trump');
    hover.machine.leftWindow();
    vi.advanceTimersByTime(GRACE);
    expect(hover.opened).toEqual(['putin']);
    expect(hover.shown()).toBeUndefined();
  });

  it('a move seen only when the dwell ends still decides: the pointer had already left', () => {
    const hover = setUp();
    hover.at('putin');
    // The wiring had a move off the name waiting for its frame when the dwell timer fired.
    hover.onBeforeOpen(() => hover.at(undefined));
    vi.advanceTimersByTime(DWELL);
    expect(hover.opened).toEqual([]);
  });

  it('with no card open, leaving starts no grace; dispose stops everything', () => {
    const hover = setUp();
    hover.at(undefined);
    expect(vi.getTimerCount()).toBe(0);
    hover.at('putin');
    hover.machine.dispose();
    vi.advanceTimersByTime(10 * DWELL);
    expect(hover.opened).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
