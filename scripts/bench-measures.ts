// The arithmetic of `npm run bench` (scripts/bench.ts), apart from the browsers so it can be unit-tested:
// what one page load's `backstory:*` measures say about the tab, and how loads are summed up.

/** One `backstory:*` performance measure as read from the page (times in ms since navigation start). */
export interface PassMeasure {
  name: string;
  startTime: number;
  duration: number;
  /** Main-thread time inside the pass's slices; absent on measures that are not passes (`backstory:card`). */
  busyMs?: number;
  longestSliceMs?: number;
  /** When the longest slice began (the page's performance.now), for the passes that say. */
  longestSliceAt?: number;
}

/** What one load cost the tab, over every pass the content script reported. */
export interface LoadCost {
  /** Sum of `busyMs` over every `backstory:*` measure: passes added later count without a bench change. */
  totalBusyMs: number;
  /** Busy time per measure name (rescans and repeated passes added up). */
  busyByPass: Record<string, number>;
  /** The longest slice per measure name. */
  sliceByPass: Record<string, number>;
  /** The longest slice of any pass, and which pass it was. */
  longestSliceMs: number;
  longestSlicePass: string;
  /** When it began, if its pass said (a trace then gives its thread time: scripts/bench.ts BENCH_TRACE). */
  longestSliceAt?: number;
  /** End of the first `backstory:scan`: when the reader first sees highlights, counted from navigation start. */
  firstScanEndMs: number;
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function loadCost(measures: readonly PassMeasure[]): LoadCost {
  const ours = measures.filter((m) => m.name.startsWith('backstory:'));
  const scans = ours.filter((m) => m.name === 'backstory:scan').sort((a, b) => a.startTime - b.startTime);
  const first = scans[0];
  if (!first) throw new Error('no backstory:scan measure in this load');
  const busyByPass: Record<string, number> = {};
  const sliceByPass: Record<string, number> = {};
  let totalBusyMs = 0;
  let longestSliceMs = 0;
  let longestSlicePass = first.name;
  let longestSliceAt: number | undefined;
  for (const m of ours) {
    if (isNumber(m.busyMs)) {
      busyByPass[m.name] = (busyByPass[m.name] ?? 0) + m.busyMs;
      totalBusyMs += m.busyMs;
    }
    if (!isNumber(m.longestSliceMs)) continue;
    sliceByPass[m.name] = Math.max(sliceByPass[m.name] ?? 0, m.longestSliceMs);
    if (m.longestSliceMs > longestSliceMs) {
      longestSliceMs = m.longestSliceMs;
      longestSlicePass = m.name;
      longestSliceAt = isNumber(m.longestSliceAt) ? m.longestSliceAt : undefined;
    }
  }
  return { totalBusyMs, busyByPass, sliceByPass, longestSliceMs, longestSlicePass, ...(longestSliceAt !== undefined && { longestSliceAt }), firstScanEndMs: first.startTime + first.duration };
}

/**
 * The JavaScript memory of a renderer, in bytes, from CDP `Runtime.getHeapUsage` after a forced GC: the
 * V8 heap of the renderer's isolate (the page's world and every isolated world, the content script's
 * included) plus the backing stores of ArrayBuffers, which live outside the V8 heap and which
 * `Performance.getMetrics` JSHeapUsedSize leaves out (a typed-array index would not show there).
 */
export function jsMemoryBytes(usage: { usedSize: number; backingStorageSize?: number }): number {
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Short names for table cells: "backstory:components" → "components". */
export const passLabel = (name: string) => name.replace(/^backstory:/, '');

/**
 * The passes to show, in a stable order: the ones known today in the order a tab runs them, then any
 * new name in alphabetical order.
 */
export function passOrder(names: Iterable<string>): string[] {
  const known = ['backstory:index', 'backstory:entries', 'backstory:scan', 'backstory:components', 'backstory:notes'];
  const all = [...new Set(names)];
  return [...known.filter((n) => all.includes(n)), ...all.filter((n) => !known.includes(n)).sort()];
}
