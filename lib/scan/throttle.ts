/**
 * When live changes are rescanned, without the DOM: the changes of a short while coalesce into one
 * rescan `delayMs` after the first of them, one rescan runs at a time, and a page that changes itself
 * more than `stormRate` times a second (a ticker, a script in a tight loop) is rescanned only every
 * `stormDelayMs`, so Backstory never adds to a storm. entrypoints/content/live-updates.ts feeds it.
 */
import { globalTimers, type Timers } from '../timers';

export interface RescanThrottleOptions {
  delayMs?: number;
  /** Above this many batches of changes in the last second, wait `stormDelayMs` between rescans. */
  stormRate?: number;
  stormDelayMs?: number;
  now?: () => number;
  timers?: Timers;
}

export interface RescanThrottle<T> {
  /** One batch of changes (one observer callback): the blocks that changed, and whether anything was removed. */
  batch(changed: Iterable<T>, removed: boolean): void;
  /** Drops what is pending; nothing runs after this. */
  dispose(): void;
}

export function createRescanThrottle<T>(
  rescan: (changed: T[], removed: boolean) => Promise<unknown>,
  { delayMs = 150, stormRate = 8, stormDelayMs = 1_000, now = () => performance.now(), timers = globalTimers }: RescanThrottleOptions = {},
): RescanThrottle<T> {
  const changed = new Set<T>();
  let removed = false;
  let timer: unknown;
  let running = false;
  let disposed = false;
  /** When the batches of the last second arrived. */
  const recentBatches: number[] = [];

  const forgetOldBatches = (at: number) => {
    while (recentBatches.length && at - recentBatches[0]! > 1_000) recentBatches.shift();
  };

  function schedule() {
    if (disposed || timer !== undefined || running || (!changed.size && !removed)) return;
    forgetOldBatches(now());
    timer = timers.setTimeout(flush, recentBatches.length > stormRate ? stormDelayMs : delayMs);
  }

  async function flush() {
    timer = undefined;
    const blocks = [...changed];
    const wasRemoval = removed;
    changed.clear();
    removed = false;
    running = true;
    try {
      await rescan(blocks, wasRemoval);
    } finally {
      running = false;
      schedule();
    }
  }

  return {
    batch(blocks, anyRemoved) {
      if (disposed) return;
      let any = anyRemoved;
      for (const block of blocks) {
        changed.add(block);
        any = true;
      }
      if (anyRemoved) removed = true;
      // Only batches that brought something count towards a storm (changes to Backstory's own UI and to
      // skipped elements were filtered out before), even when their block is already waiting.
      if (!any) return;
      const at = now();
      recentBatches.push(at);
      forgetOldBatches(at);
      schedule();
    },
    dispose() {
      disposed = true;
      timers.clearTimeout(timer);
      timer = undefined;
      changed.clear();
      removed = false;
    },
  };
}
