/**
 * Cooperative time slicing: work runs in slices of at most `sliceMs`, and yields to the browser in
 * between, so no task caused by scanning gets near the 50 ms "long task" line. Counts the time spent
 * inside slices (busy) apart from the time spent waiting, which is what `backstory:scan` reports.
 */

/**
 * Resolves in a new task, after what the browser queued meanwhile (input, rendering). A message, not
 * setTimeout(0): nested timers are clamped to 4 ms, which would add seconds over a thousand slices.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
export interface Budget {
  /** Call often (every few hundred nodes): yields when the slice is used up. */
  maybeYield(): Promise<void> | undefined;
  /** Main-thread time used so far, yields excluded. */
  busyMs(): number;
  /** The longest uninterrupted slice so far: the task length scanning imposed on the page. */
  longestSliceMs(): number;
  /** When that slice began (`now`'s clock): where a trace finds it (the bench's thread time, scripts/bench.ts). */
  longestSliceAt(): number;
  /** Waits for `promise` (a message to the background) without counting the wait as busy. */
  wait<T>(promise: Promise<T>): Promise<T>;
  finish(): number;
}

export function createBudget(now: () => number, yieldToHost: () => Promise<void>, sliceMs = 8): Budget {
  let sliceStart = now();
  let busy = 0;
  let longest = 0;
  let longestAt = sliceStart;
  const closeSlice = () => {
    const slice = now() - sliceStart;
    busy += slice;
    if (slice > longest) [longest, longestAt] = [slice, sliceStart];
  };
  return {
    maybeYield() {
      if (now() - sliceStart < sliceMs) return undefined;
      closeSlice();
      return yieldToHost().then(() => {
        sliceStart = now();
      });
    },
    busyMs: () => busy + (now() - sliceStart),
    async wait(promise) {
      closeSlice();
      try {
        return await promise;
      } finally {
        sliceStart = now();
      }
    },
    longestSliceMs: () => longest,
    longestSliceAt: () => longestAt,
    finish() {
      closeSlice();
      sliceStart = now();
      return busy;
    },
  };
}
