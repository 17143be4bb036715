/**
 * The page's filter of the whole lexicon: a binary fuse filter (Graf and Lemire, "Binary Fuse Filters:
 * Fast and Smaller Than Xor Filters", 2022) over 32-bit word and pair hashes, built once in the
 * background and read by every page (docs/decisions.md §39).
 *
 * Each key owns three cells, one in each of three consecutive segments of a fingerprint array; the
 * cells of a key XOR to the key's fingerprint. Building peels the keys off cells only one key touches
 * and fills the cells in the reverse order. A look-up is three reads. With 12-bit fingerprints a word
 * that is not in the set says yes 1 time in 4,096, at about 14 bits a key; with 16-bit ones, 1 time in
 * 65,536. A Bloom filter needs about 18 bits a key for the 12-bit case's rate.
 *
 * Our own 32-bit variant, not a port: the keys are already 32-bit hashes (text.ts hashFolded), the
 * positions come from 32-bit mixes (a page has no fast 64-bit arithmetic), and the arrays travel as
 * base64 inside the lexicon's head.
 */
import type { HashLookup } from './hash-set';

/** What a page needs to read the filter, besides its bytes. */
export interface FuseShape {
  /** 12 or 16: the fingerprint width (two 12-bit fingerprints share three bytes). */
  fingerprintBits: 12 | 16;
  seed: number;
  /** Cells per segment: a power of two. */
  segmentLength: number;
  /** The segments a key's first cell can fall in (the array has two more). */
  segmentCount: number;
}

/** A filter ready to send: its shape and its fingerprints as base64 (little-endian; see packFingerprints). */
export interface FuseFilterData extends FuseShape {
  base64: string;
}

/**
 * Up to this many keys the fingerprints are 16 bits wide (at most about 300 kB). Above it, 12 bits, so
 * that the filter of a 100,000-actor pack (about 390,000 keys) takes 0.7 MB, not 0.9. Not 8 bits: a
 * false yes on a word as common as "the" hands the matcher nearly every text of a page, and at 1 in 256
 * a large page met such words (docs/bench.md, "The fuse filter").
 */
export const WIDE_FINGERPRINTS_UP_TO = 131_072;

/**
 * The filter's keys besides a whole one-word alias's own hash: a word that begins longer aliases, and a
 * word that comes second in one (when it is no one-word alias itself). Two words in a row could begin
 * an alias when the first is a prefix and the second is either (pairTest). Keys per pair of words would
 * be exact, but a given name begins hundreds of names: 490k pair keys at 100k actors, against 165k.
 */
export const prefixKey = (hash: number): number => mix32(hash ^ 0x2545f491);
export const secondKey = (hash: number): number => mix32(hash ^ 0x5bd1e995);

/** Whether the words hashed `first` and `second` could begin an alias of more than one word. */
export const pairTest = (filter: HashLookup) => (first: number, second: number): boolean =>
  filter.has(prefixKey(first)) && (filter.has(second) || filter.has(secondKey(second)));

/** Murmur3's finaliser: spreads every bit of a 32-bit word over all 32. */
function mix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const GOLDEN = 0x9e3779b9;

/**
 * The three cells and the fingerprint of `key`, written into `out` (no allocation per look-up). Two
 * mixes give 64 bits: the first cell from the high bits of the first (a multiply, no modulo; exact in
 * doubles while cells < 2²¹, and above that rounded the same way on both sides and still below
 * `cells`), the fingerprint from its low bits, the other two cells from the two halves of the second.
 * FuseFilter.has repeats this arithmetic inline: a page asks once per word, mostly before the engine
 * has compiled anything, when every call costs.
 */
function cellsOf(key: number, { seed, segmentLength, segmentCount }: FuseShape, fingerprintMask: number, out: Int32Array): void {
  const a = mix32(key + seed);
  const b = mix32(a ^ GOLDEN);
  const mask = segmentLength - 1;
  const first = Math.floor((a * segmentCount * segmentLength) / 4294967296);
  out[0] = first;
  out[1] = (first + segmentLength) ^ (b & mask);
  out[2] = (first + 2 * segmentLength) ^ ((b >>> 16) & mask);
  out[3] = a & fingerprintMask;
}

/** The sizes for `keys` keys: segments of a power of two cells, about 1.125 cells a key for large sets. */
function shapeFor(keys: number, seed: number): FuseShape {
  const fingerprintBits = keys <= WIDE_FINGERPRINTS_UP_TO ? 16 : 12;
  if (keys < 2) return { fingerprintBits, seed, segmentLength: 4, segmentCount: 1 };
  const segmentLength = 2 ** Math.min(18, Math.max(2, Math.floor(Math.log(keys) / Math.log(3.33) + 2.25)));
  const sizeFactor = Math.max(1.125, 0.875 + (0.25 * Math.log(1_000_000)) / Math.log(keys));
  const cells = Math.round(keys * sizeFactor);
  const segmentCount = Math.max(1, Math.ceil(cells / segmentLength) - 2);
  return { fingerprintBits, seed, segmentLength, segmentCount };
}

const cellCount = ({ segmentLength, segmentCount }: FuseShape) => (segmentCount + 2) * segmentLength;

const maskOf = (fingerprintBits: 12 | 16) => (fingerprintBits === 16 ? 0xffff : 0xfff);

/** The bytes `fingerprints` take at a width: two bytes each, or three bytes for each two 12-bit ones. */
const byteCount = (cells: number, fingerprintBits: 12 | 16) => (fingerprintBits === 16 ? 2 * cells : 3 * Math.ceil(cells / 2));

/** Fingerprints as little-endian bytes: 16 bits in two bytes; 12 bits two by two in three bytes. */
function packFingerprints(fingerprints: Uint16Array, fingerprintBits: 12 | 16): Uint8Array {
  const bytes = new Uint8Array(byteCount(fingerprints.length, fingerprintBits));
  if (fingerprintBits === 16) {
    for (let k = 0; k < fingerprints.length; k++) {
      bytes[2 * k] = fingerprints[k]! & 0xff;
      bytes[2 * k + 1] = fingerprints[k]! >>> 8;
    }
    return bytes;
  }
  for (let k = 0; k < fingerprints.length; k += 2) {
    const [even, odd] = [fingerprints[k]!, fingerprints[k + 1] ?? 0];
    const at = (3 * k) / 2;
    bytes[at] = even & 0xff;
    bytes[at + 1] = (even >>> 8) | ((odd & 0xf) << 4);
    bytes[at + 2] = odd >>> 4;
  }
  return bytes;
}

/** The fingerprint in `cell`, as packFingerprints wrote it. */
function fingerprintAt(bytes: Uint8Array, cell: number, fingerprintBits: 12 | 16): number {
  if (fingerprintBits === 16) return bytes[2 * cell]! | (bytes[2 * cell + 1]! << 8);
  const at = 3 * (cell >>> 1);
  return (cell & 1) === 0 ? bytes[at]! | ((bytes[at + 1]! & 0xf) << 8) : (bytes[at + 1]! >>> 4) | (bytes[at + 2]! << 4);
}

/**
 * The fingerprints for `keys` (duplicates allowed), or undefined when this seed's cells cannot all be
 * peeled (rare: the caller tries the next seed).
 */
function tryBuild(keys: Uint32Array, shape: FuseShape): Uint8Array | undefined {
  const cells = cellCount(shape);
  const fingerprintMask = maskOf(shape.fingerprintBits);
  const touches = new Int32Array(cells);
  const keysXor = new Int32Array(cells);
  const at = new Int32Array(4);
  for (const key of keys) {
    cellsOf(key, shape, fingerprintMask, at);
    for (let k = 0; k < 3; k++) {
      touches[at[k]!]!++;
      keysXor[at[k]!]! ^= key;
    }
  }
  // Peel: a cell one key touches is that key's; removing the key may free more cells.
  const alone = new Int32Array(cells);
  let aloneCount = 0;
  for (let cell = 0; cell < cells; cell++) if (touches[cell] === 1) alone[aloneCount++] = cell;
  const peeledKeys = new Uint32Array(keys.length);
  const peeledCells = new Int32Array(keys.length);
  let peeled = 0;
  while (aloneCount > 0) {
    const cell = alone[--aloneCount]!;
    if (touches[cell] !== 1) continue;
    const key = keysXor[cell]! >>> 0;
    peeledKeys[peeled] = key;
    peeledCells[peeled++] = cell;
    cellsOf(key, shape, fingerprintMask, at);
    for (let k = 0; k < 3; k++) {
      const other = at[k]!;
      touches[other]!--;
      keysXor[other]! ^= key;
      if (touches[other] === 1) alone[aloneCount++] = other;
    }
  }
  if (peeled !== keys.length) return undefined;
  // Fill in reverse: each key's own cell is the last of its three to be set.
  const fingerprints = new Uint16Array(cells);
  for (let k = peeled - 1; k >= 0; k--) {
    cellsOf(peeledKeys[k]!, shape, fingerprintMask, at);
    fingerprints[peeledCells[k]!] = at[3]! ^ fingerprints[at[0]!]! ^ fingerprints[at[1]!]! ^ fingerprints[at[2]!]!;
  }
  return packFingerprints(fingerprints, shape.fingerprintBits);
}

/** Builds the filter of `keys` (32-bit hashes; repeats are dropped). Deterministic: the same keys give the same bytes. */
export function buildFuseFilter(keys: Iterable<number>): { shape: FuseShape; bytes: Uint8Array } {
  const unique = Uint32Array.from(new Set(Array.from(keys, (key) => key >>> 0)));
  for (let attempt = 0; attempt < 64; attempt++) {
    const shape = shapeFor(unique.length, mix32(attempt * GOLDEN));
    const bytes = tryBuild(unique, shape);
    if (bytes) return { shape, bytes };
  }
  // Distinct keys peel with a probability near 1 per seed; 64 failures in a row means a bug, not bad luck.
  throw new Error(`fuse filter: ${unique.length} keys did not peel`);
}

/** The filter's bytes as base64, for the head (the background makes it once per lexicon). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 8192) binary += String.fromCharCode(...bytes.subarray(at, at + 8192));
  return btoa(binary);
}

/** Engines with the TC39 base64 API (Chromium 140+, Firefox 133+) decode straight into bytes. */
type WithFromBase64 = typeof Uint8Array & { fromBase64?: (base64: string) => Uint8Array };

/**
 * The filter's bytes from the head's base64. `atob` makes a one-byte string of them first: at 100k
 * actors that one call took 25–265 ms of a page's main thread in Chromium, as one slice (docs/bench.md);
 * the native decoder writes the bytes directly. `atob` stays as the fallback (Node).
 */
export function filterBytes(base64: string): Uint8Array {
  const fromBase64 = (Uint8Array as WithFromBase64).fromBase64;
  if (fromBase64) return fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}

/** Base64 characters decoded per step of filterBytesInSteps (a multiple of 4): about 100 kB of bytes. */
const DECODE_STEP = 1 << 17;

/**
 * filterBytes in steps, calling `between` after each (a page's time slicing: at 100k actors the base64 is
 * 0.9 MB, and one decode of it made a long task on a busy page). The same bytes as filterBytes.
 */
export async function filterBytesInSteps(base64: string, between: () => Promise<void> | undefined): Promise<Uint8Array> {
  if (base64.length % 4 !== 0 || base64.length <= DECODE_STEP) return filterBytes(base64);
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((base64.length / 4) * 3 - padding);
  for (let at = 0, written = 0; at < base64.length; at += DECODE_STEP) {
    const piece = filterBytes(base64.slice(at, at + DECODE_STEP));
    bytes.set(piece, written);
    written += piece.length;
    const pause = between();
    if (pause) await pause;
  }
  return bytes;
}

/** The page's filter from the head's data. */
export const fuseFilterOf = ({ base64, ...shape }: FuseFilterData): FuseFilter => new FuseFilter(shape, filterBytes(base64));

export class FuseFilter implements HashLookup {
  readonly has: (hash: number) => boolean;

  /** `bytes`: buildFuseFilter's bytes (filterBytes reads them from the head's base64). Wrong sizes are refused. */
  constructor(shape: FuseShape, bytes: Uint8Array) {
    const widthOk = shape.fingerprintBits === 12 || shape.fingerprintBits === 16;
    const segmentsOk = Number.isInteger(shape.segmentCount) && shape.segmentCount >= 1 && shape.segmentLength >= 4;
    const powerOfTwo = (shape.segmentLength & (shape.segmentLength - 1)) === 0;
    if (!widthOk || !segmentsOk || !powerOfTwo || bytes.length !== byteCount(cellCount(shape), shape.fingerprintBits)) {
      throw new Error('fuse filter: its bytes do not fit its shape');
    }
    this.has = lookUp(shape, bytes);
  }
}

/** cellsOf and fingerprintAt written out in one function per width, with the shape in locals. */
function lookUp({ seed, segmentLength, segmentCount, fingerprintBits }: FuseShape, bytes: Uint8Array): (hash: number) => boolean {
  const mask = segmentLength - 1;
  const span = segmentCount * segmentLength;
  const wide = fingerprintBits === 16;
  const fingerprintMask = maskOf(fingerprintBits);
  return (hash) => {
    let a = (hash + seed) | 0;
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    a = (a ^ (a >>> 16)) >>> 0;
    let b = a ^ GOLDEN;
    b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
    b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
    b = b ^ (b >>> 16);
    const c0 = Math.floor((a * span) / 4294967296);
    const c1 = (c0 + segmentLength) ^ (b & mask);
    const c2 = (c0 + 2 * segmentLength) ^ ((b >>> 16) & mask);
    if (wide) return ((bytes[2 * c0]! | (bytes[2 * c0 + 1]! << 8)) ^ (bytes[2 * c1]! | (bytes[2 * c1 + 1]! << 8)) ^ (bytes[2 * c2]! | (bytes[2 * c2 + 1]! << 8))) === (a & fingerprintMask);
    return (fingerprintAt(bytes, c0, 12) ^ fingerprintAt(bytes, c1, 12) ^ fingerprintAt(bytes, c2, 12)) === (a & fingerprintMask);
  };
}
