import { describe, expect, it } from 'vitest';
import { HashSet32 } from '@/lib/match/hash-set';

describe('HashSet32', () => {
  it('holds exactly what was added, zero included', () => {
    const set = new HashSet32(3);
    for (const n of [0, 1, 0xffff_ffff]) set.add(n);
    expect([0, 1, 0xffff_ffff, 2, 0x8000_0000].map((n) => set.has(n))).toEqual([true, true, true, false, false]);
  });
});
