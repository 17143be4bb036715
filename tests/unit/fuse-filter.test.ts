import { describe, expect, it } from 'vitest';
import { buildFuseFilter, bytesToBase64, filterBytes, filterBytesInSteps, FuseFilter, fuseFilterOf, WIDE_FINGERPRINTS_UP_TO } from '@/lib/match/fuse-filter';

/** Deterministic pseudo-random 32-bit numbers (xorshift). */
function numbers(count: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  });
}

/** The filter as a page gets it: shape and base64 through JSON, bytes decoded again. */
function sentToPage(keys: number[]) {
  const { shape, bytes } = buildFuseFilter(keys);
  return { filter: fuseFilterOf(JSON.parse(JSON.stringify({ ...shape, base64: bytesToBase64(bytes) }))), shape, bytes };
}

const falseYesRate = (filter: FuseFilter, held: readonly number[], seed: number) => {
  const keys = new Set(held);
  const others = numbers(200_000, seed).filter((n) => !keys.has(n));
  return others.filter((n) => filter.has(n)).length / others.length;
};

describe('FuseFilter', () => {
  it.each([0, 1, 2, 3, 10, 1_000, 20_000, WIDE_FINGERPRINTS_UP_TO + 1])('never says no to a key it holds (%i keys), after the trip through JSON and base64', (count) => {
    const keys = numbers(count, 7 + count);
    const { filter } = sentToPage(keys);
    expect(keys.filter((key) => !filter.has(key))).toEqual([]);
  });

  it('holds negative and repeated hashes, as the sieve asks them (hash | 0)', () => {
    const keys = [-1, -2_000_000_000, 5, 5, 5, 0, 0xffff_ffff];
    const { filter } = sentToPage(keys);
    expect(keys.every((key) => filter.has(key) && filter.has(key >>> 0))).toBe(true);
  });

  it('a small lexicon gets 16-bit fingerprints: almost no false yes (a page rebuilds no run for nothing)', () => {
    const keys = numbers(2_000, 3);
    const { filter, shape } = sentToPage(keys);
    expect(shape.fingerprintBits).toBe(16);
    expect(falseYesRate(filter, keys, 5)).toBeLessThan(0.0002);
  });

  it('a large one gets 12-bit fingerprints, about 1 false yes in 4,096, at about 14 bits a key', () => {
    const keys = numbers(WIDE_FINGERPRINTS_UP_TO + 50_000, 11);
    const { filter, shape, bytes } = sentToPage(keys);
    expect(shape.fingerprintBits).toBe(12);
    expect(keys.every((key) => filter.has(key))).toBe(true);
    const rate = falseYesRate(filter, keys, 13);
    expect(rate).toBeGreaterThan(0.0001);
    expect(rate).toBeLessThan(0.0005);
    expect((bytes.length * 8) / keys.length).toBeLessThan(14.5);
  });

  it('is deterministic: the same keys in another order give the same bytes', () => {
    const keys = numbers(5_000, 17);
    expect(buildFuseFilter([...keys].reverse()).bytes).toEqual(buildFuseFilter(keys).bytes);
  });

  it('refuses bytes that do not fit the shape it is given, rather than reading out of range', () => {
    const { shape, bytes } = buildFuseFilter(numbers(100, 19));
    expect(() => new FuseFilter(shape, bytes.subarray(1))).toThrow(/do not fit/);
    expect(() => new FuseFilter({ ...shape, segmentLength: 6 }, bytes)).toThrow(/do not fit/);
  });
});

describe('filterBytes', () => {
  it('gives the same bytes through the native decoder as through atob, and uses the native one where it exists', () => {
    const base64 = bytesToBase64(buildFuseFilter([1, 2, 3, 0xdeadbeef, 77_777]).bytes);
    const viaAtob = filterBytes(base64);
    let nativeCalls = 0;
    const native = Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array };
    native.fromBase64 = (text) => {
      nativeCalls++;
      return new Uint8Array(Buffer.from(text, 'base64'));
    };
    try {
      expect(filterBytes(base64)).toEqual(viaAtob);
      expect(nativeCalls).toBe(1);
    } finally {
      delete native.fromBase64;
    }
  });
});

describe('filterBytesInSteps', () => {
  it('gives the bytes filterBytes gives, pausing between steps of a long filter, for every padding', async () => {
    for (const length of [10, 100_000, 98_303, 98_304, 98_305, 400_001]) {
      const bytes = Uint8Array.from({ length }, (_, k) => (k * 131 + (k >>> 7)) & 0xff);
      const base64 = bytesToBase64(bytes);
      let pauses = 0;
      const stepped = await filterBytesInSteps(base64, () => {
        pauses++;
        return Promise.resolve();
      });
      expect(stepped).toEqual(filterBytes(base64));
      expect(stepped).toEqual(bytes);
      // One step per 2^17 base64 characters (about 98 kB); a filter of one step is decoded whole.
      expect(pauses, `length ${length}`).toBe(base64.length > 2 ** 17 ? Math.ceil(base64.length / 2 ** 17) : 0);
    }
  });
});
