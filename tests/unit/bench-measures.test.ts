import { describe, expect, it } from 'vitest';
import { jsMemoryBytes, loadCost, median, passOrder, type PassMeasure } from '../../scripts/bench-measures';

// One load as a measured build reports it: hydration, the first scan, the components pass, a card hovered.
const load: PassMeasure[] = [
  { name: 'backstory:index', startTime: 300, duration: 700, busyMs: 640, longestSliceMs: 45 },
  { name: 'backstory:scan', startTime: 1000, duration: 60, busyMs: 20, longestSliceMs: 12 },
  { name: 'backstory:components', startTime: 1100, duration: 8, busyMs: 7, longestSliceMs: 7 },
  { name: 'backstory:card', startTime: 2000, duration: 15 },
];

describe('loadCost', () => {
  it('adds up the busy time of every backstory pass, names not known to the bench included', () => {
    const cost = loadCost([...load, { name: 'backstory:entries', startTime: 950, duration: 30, busyMs: 3, longestSliceMs: 2 }]);
    expect(cost.totalBusyMs).toBe(640 + 20 + 7 + 3);
    expect(cost.busyByPass).toEqual({ 'backstory:index': 640, 'backstory:scan': 20, 'backstory:components': 7, 'backstory:entries': 3 });
  });

  it('counts rescans in the busy time but ends the first scan at the earliest one', () => {
    const rescan = { name: 'backstory:scan', startTime: 5000, duration: 9, busyMs: 4, longestSliceMs: 4 };
    const cost = loadCost([rescan, ...load]);
    expect(cost.busyByPass['backstory:scan']).toBe(24);
    expect(cost.firstScanEndMs).toBe(1060);
  });

  it('takes the longest slice over all passes and names the pass', () => {
    const cost = loadCost(load);
    expect(cost.longestSliceMs).toBe(45);
    expect(cost.longestSlicePass).toBe('backstory:index');
    expect(cost.sliceByPass).toEqual({ 'backstory:index': 45, 'backstory:scan': 12, 'backstory:components': 7 });
  });

  it('says when the longest slice began when its pass said so, and only then', () => {
    const said = loadCost(load.map((m) => (m.name === 'backstory:index' ? { ...m, longestSliceAt: 512.5 } : m)));
    expect(said.longestSliceAt).toBe(512.5);
    expect(loadCost(load.map((m) => (m.name === 'backstory:scan' ? { ...m, longestSliceAt: 1001 } : m))).longestSliceAt).toBeUndefined();
    expect(loadCost(load).longestSliceAt).toBeUndefined();
  });

  it('ignores measures that are not Backstory passes', () => {
    const cost = loadCost([...load, { name: 'other:thing', startTime: 0, duration: 500, busyMs: 500, longestSliceMs: 500 }]);
    expect(cost.totalBusyMs).toBe(667);
    expect(cost.longestSliceMs).toBe(45);
  });

  it('refuses a load without a scan rather than report zeros', () => {
    expect(() => loadCost(load.filter((m) => m.name !== 'backstory:scan'))).toThrow(/backstory:scan/);
  });
});

describe('jsMemoryBytes', () => {
  it('counts ArrayBuffer backing stores beside the V8 heap', () => {
    expect(jsMemoryBytes({ usedSize: 1_000_000, backingStorageSize: 16_000_000 })).toBe(17_000_000);
    expect(jsMemoryBytes({ usedSize: 1_000_000 })).toBe(1_000_000);
  });
});

describe('median and passOrder', () => {
  it('median of odd and even counts, unsorted input left alone', () => {
    const xs = [5, 1, 3];
    expect(median(xs)).toBe(3);
    expect(xs).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('puts known passes in run order and new ones after them', () => {
    expect(passOrder(['backstory:zeta', 'backstory:components', 'backstory:scan', 'backstory:index', 'backstory:alpha', 'backstory:scan'])).toEqual([
      'backstory:index',
      'backstory:scan',
      'backstory:components',
      'backstory:alpha',
      'backstory:zeta',
    ]);
  });
});
