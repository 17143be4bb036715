import { describe, expect, it } from 'vitest';
import { BloomFilter, bloomBits, filterBytes, HashSet32 } from '@/lib/match/hash-set';

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

describe('BloomFilter', () => {
  const keys = numbers(50_000, 7);
  const filter = new BloomFilter(filterBytes(btoa(bloomBits(keys))));

  it('never says no to a key it holds, after the base64 round trip a page receives', () => {
    expect(keys.every((key) => filter.has(key))).toBe(true);
  });

  it('says yes to about 0.4% of the keys it does not hold', () => {
    const held = new Set(keys);
    const others = numbers(100_000, 99).filter((n) => !held.has(n));
    const falseYes = others.filter((key) => filter.has(key)).length / others.length;
    expect(falseYes).toBeLessThan(0.01);
  });

  it('takes 12 bits a key, rounded up to a power of two, and at least 64 kB', () => {
    expect(bloomBits(keys).length * 8).toBeGreaterThanOrEqual(keys.length * 12);
    expect(bloomBits(keys).length * 8).toBeLessThan(keys.length * 24);
    expect(bloomBits([1, 2, 3]).length).toBe(65_536);
    expect(new BloomFilter(filterBytes(btoa(bloomBits([])))).has(12345)).toBe(false);
  });
});

describe('a small lexicon’s filter', () => {
  it('says yes to almost nothing it does not hold: a page rebuilds no run for nothing', () => {
    const few = numbers(1_000, 3);
    const small = new BloomFilter(filterBytes(btoa(bloomBits(few))));
    const held = new Set(few);
    expect(numbers(200_000, 5).filter((n) => !held.has(n) && small.has(n)).length).toBe(0);
  });
});

describe('HashSet32', () => {
  it('holds exactly what was added, zero included', () => {
    const set = new HashSet32(3);
    for (const n of [0, 1, 0xffff_ffff]) set.add(n);
    expect([0, 1, 0xffff_ffff, 2, 0x8000_0000].map((n) => set.has(n))).toEqual([true, true, true, false, false]);
  });
});

describe('filterBytes', () => {
  it('gives the same bytes through the native decoder as through atob, and uses the native one where it exists', () => {
    const base64 = btoa(bloomBits([1, 2, 3, 0xdeadbeef, 77_777]));
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
    expect(new BloomFilter(viaAtob).has(0xdeadbeef)).toBe(true);
  });
});
