/**
 * Sets of 32-bit word hashes (lib/match/text.ts hashFolded), asked once per
 * word of a page: HashSet32, exact, for the words a page has loaded. The whole lexicon's filter on the
 * page side, which may say yes to a word that is not there, is ./fuse-filter.ts.
 */

/** What the sieve and the matcher ask of either set. */
export interface HashLookup {
  has(hash: number): boolean;
}

/** Spreads a hash over all 32 bits again, so that any table size takes its low bits. */
export function slotOf(key: number): number {
  const mixed = Math.imul(key ^ (key >>> 16), 0x45d9f3b);
  return mixed ^ (mixed >>> 16);
}

/**
 * A set of 32-bit hashes in one typed array (open addressing), built once for a known number of keys
 * without rehashing. A collision only makes the asker do work it need not have done.
 */
export class HashSet32 implements HashLookup {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  add(hash: number): void {
    const key = hash | 0 || 1; // 0 marks an empty slot
    let at = slotOf(key) & this.mask;
    while (this.slots[at] !== 0) {
      if (this.slots[at] === key) return;
      at = (at + 1) & this.mask;
    }
    this.slots[at] = key;
  }

  has(hash: number): boolean {
    const key = hash | 0 || 1;
    let at = slotOf(key) & this.mask;
    for (let slot = this.slots[at]!; slot !== 0; slot = this.slots[at]!) {
      if (slot === key) return true;
      at = (at + 1) & this.mask;
    }
    return false;
  }
}
