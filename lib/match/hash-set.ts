/**
 * Sets of 32-bit word hashes (lib/match/text.ts hashFolded, lib/match/sieve.ts pairHash), asked once per
 * word of a page. Two shapes:
 *   - HashSet32, exact, for the words a page has loaded;
 *   - BloomFilter, for the whole lexicon on the page side: a pack of 100,000 actors has about 330,000
 *     first words and pairs, which at 12 bits each is half a megabyte, held as the one-byte string it
 *     arrives as (no copy, no decoding loop). It can say yes to a word that is not there (then the page
 *     asks the background for nothing), never no to one that is.
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

/** The second probe step of a key (odd, so the probes of one key never repeat within a power-of-two table). */
const stepOf = (key: number): number => (Math.imul(key, 0x9e3779b1) >>> 7) | 1;

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

/** Bits per key and probes per look-up: about 0.4% false yeses at 100k actors (docs/decisions.md §31). */
export const BLOOM_BITS_PER_KEY = 12;
export const BLOOM_PROBES = 6;
/**
 * The smallest filter, 64 kB: a pack of a few thousand names then gets almost no false yes (each costs
 * the page a text run rebuilt and matched for nothing), for less memory than the page's own code.
 */
const BLOOM_MIN_BITS = 1 << 19;

/** The filter's bits for `keys`, as a string of one byte per character (what btoa takes and atob gives back). */
export function bloomBits(keys: readonly number[]): string {
  let bits = BLOOM_MIN_BITS;
  while (bits < keys.length * BLOOM_BITS_PER_KEY) bits *= 2;
  const bytes = new Uint8Array(bits >>> 3);
  const mask = bits - 1;
  for (const hash of keys) {
    const key = hash | 0;
    let at = slotOf(key);
    const step = stepOf(key);
    for (let probe = 0; probe < BLOOM_PROBES; probe++, at += step) {
      const bit = at & mask;
      bytes[bit >>> 3]! |= 1 << (bit & 7);
    }
  }
  let out = '';
  for (let at = 0; at < bytes.length; at += 8192) out += String.fromCharCode(...bytes.subarray(at, at + 8192));
  return out;
}

export class BloomFilter implements HashLookup {
  private readonly mask: number;

  /** `bytes`: bloomBits' bits (filterBytes reads them from the head's base64); their number is a power of two. */
  constructor(private readonly bytes: Uint8Array) {
    this.mask = bytes.length * 8 - 1;
  }

  has(hash: number): boolean {
    const key = hash | 0;
    let at = slotOf(key);
    const step = stepOf(key);
    for (let probe = 0; probe < BLOOM_PROBES; probe++, at += step) {
      const bit = at & this.mask;
      if ((this.bytes[bit >>> 3]! & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  }
}

/** Engines with the TC39 base64 API (Chromium 140+, Firefox 133+) decode straight into bytes. */
type WithFromBase64 = typeof Uint8Array & { fromBase64?: (base64: string) => Uint8Array };

/**
 * The filter's bytes from the head's base64. `atob` made a one-byte string of them first: at 100k actors
 * (a 1.4 MB head) that one call took 25–265 ms of a page's main thread in Chromium, as one slice
 * (docs/bench.md); the native decoder writes the bytes directly. `atob` stays as the fallback (Node).
 */
export function filterBytes(base64: string): Uint8Array {
  const fromBase64 = (Uint8Array as WithFromBase64).fromBase64;
  if (fromBase64) return fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}
