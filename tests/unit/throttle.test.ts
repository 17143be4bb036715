import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRescanThrottle } from '@/lib/scan/throttle';

// Live-update timing with fake timers: rescans 150 ms after a change, 1 s apart above 8 batches a second.
const DELAY = 150;
const STORM_DELAY = 1_000;

function setUp(rescanMs = 0) {
  const runs: { at: number; blocks: string[]; removed: boolean }[] = [];
  const throttle = createRescanThrottle<string>(
    (blocks, removed) => {
      runs.push({ at: Date.now(), blocks, removed });
      return rescanMs ? new Promise((resolve) => setTimeout(resolve, rescanMs)) : Promise.resolve();
    },
    { delayMs: DELAY, stormRate: 8, stormDelayMs: STORM_DELAY, now: () => Date.now() },
  );
  return { throttle, runs };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('live-update throttle', () => {
  it('coalesces the changes of a short while into one rescan, delayMs after the first', async () => {
    const { throttle, runs } = setUp();
    throttle.batch(['p1'], false);
    await vi.advanceTimersByTimeAsync(50);
    throttle.batch(['p2', 'p1'], false);
    await vi.advanceTimersByTimeAsync(DELAY - 51);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([{ at: DELAY, blocks: ['p1', 'p2'], removed: false }]);
    await vi.advanceTimersByTimeAsync(10 * DELAY);
    expect(runs).toHaveLength(1);
  });

  it('runs one rescan at a time: changes during a rescan wait for it, then get their own', async () => {
    const { throttle, runs } = setUp(400);
    throttle.batch(['p1'], false);
    await vi.advanceTimersByTimeAsync(DELAY);
    throttle.batch(['p2'], false);
    await vi.advanceTimersByTimeAsync(400 + DELAY - 1);
    expect(runs.map((r) => r.blocks)).toEqual([['p1']]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs.map((r) => r.blocks)).toEqual([['p1'], ['p2']]);
    expect(runs[1]!.at).toBe(DELAY + 400 + DELAY);
  });

  it('a batch that only removed nodes still rescans, flagged as removal', async () => {
    const { throttle, runs } = setUp();
    throttle.batch([], true);
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(runs).toEqual([{ at: DELAY, blocks: [], removed: true }]);
    throttle.batch(['p1'], false);
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(runs[1]).toEqual({ at: 2 * DELAY, blocks: ['p1'], removed: false });
  });

  it('a batch with nothing in it schedules nothing', async () => {
    const { throttle, runs } = setUp();
    throttle.batch([], false);
    await vi.advanceTimersByTimeAsync(10 * DELAY);
    expect(runs).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('above stormRate batches a second, rescans are stormDelayMs apart', async () => {
    const { throttle, runs } = setUp();
    // A ticker changing one block every 50 ms: 20 batches a second.
    const ticker = setInterval(() => throttle.batch(['ticker'], false), 50);
    await vi.advanceTimersByTimeAsync(5_000);
    clearInterval(ticker);
    const gaps = runs.slice(1).map((r, k) => r.at - runs[k]!.at);
    // The first rescans come at the usual pace, until the rate is known; then about one a second (the
    // delay starts with the first change after the previous rescan, the next tick at most 50 ms later).
    expect(runs[0]!.at).toBe(50 + DELAY);
    for (const gap of gaps.slice(-3)) expect(gap).toBeGreaterThanOrEqual(STORM_DELAY), expect(gap).toBeLessThanOrEqual(STORM_DELAY + 50);
    expect(runs.length).toBeLessThanOrEqual(8);
  });

  it('at stormRate batches a second or fewer, the delay stays delayMs', async () => {
    const { throttle, runs } = setUp();
    // Eight batches in any second (one every 130 ms): not above the rate, never a storm.
    const ticker = setInterval(() => throttle.batch(['ticker'], false), 130);
    await vi.advanceTimersByTimeAsync(3_000);
    clearInterval(ticker);
    const gaps = runs.slice(1).map((r, k) => r.at - runs[k]!.at);
    expect(gaps.every((gap) => gap < STORM_DELAY)).toBe(true);
    expect(runs.length).toBeGreaterThan(10);
  });

  it('after a storm calms down, the usual delay comes back', async () => {
    const { throttle, runs } = setUp();
    const ticker = setInterval(() => throttle.batch(['ticker'], false), 20);
    await vi.advanceTimersByTimeAsync(2_000);
    clearInterval(ticker);
    await vi.advanceTimersByTimeAsync(3_000);
    const before = runs.length;
    throttle.batch(['p1'], false);
    await vi.advanceTimersByTimeAsync(DELAY);
    expect(runs.length).toBe(before + 1);
  });

  it('dispose drops what is pending', async () => {
    const { throttle, runs } = setUp();
    throttle.batch(['p1'], true);
    throttle.dispose();
    throttle.batch(['p2'], false);
    await vi.advanceTimersByTimeAsync(10 * DELAY);
    expect(runs).toEqual([]);
  });
});
