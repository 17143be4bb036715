/**
 * Reading a page's publication date from the places news sites put it. Pure: the content script
 * passes the raw strings it found (meta tags, JSON-LD blocks, <time> attributes) in priority order.
 * Everything here takes page-written input, so every function is total and does bounded work.
 */

/** "2025-12-03T08:00:00Z" → "2025-12-03"; undefined for anything that is not an ISO-like date. */
export function isoDay(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  // Only the start can hold the date: a megabyte-long attribute is not scanned.
  const m = /^\s{0,16}(\d{4})-(\d{2})-(\d{2})/.exec(value.slice(0, 64));
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) ? `${y}-${mo}-${d}` : undefined;
}

/**
 * Limits on reading a page's JSON-LD. The page writes these blocks, so a hostile or broken one can be
 * megabytes long, nested thousands deep or hold a million-element array; the content script re-reads
 * them whenever the page changes. The limits keep a read short whatever the page holds (figures in
 * docs/bench.md, "Hostile JSON-LD") and stay far above anything a real news page needs (article blocks
 * are a few kilobytes, a few levels deep).
 * Sizes are in UTF-16 code units, what a DOM string's `length` counts.
 */
export const JSON_LD_LIMITS = {
  /** Blocks looked at, in document order; later ones are ignored. */
  maxBlocks: 20,
  /** A bigger block is skipped unread (its text is never materialised or parsed). */
  maxBlockChars: 256 * 1024,
  /** Text parsed over all blocks; reading stops at the block that would go over. */
  maxTotalChars: 1024 * 1024,
  /**
   * JSON nesting (objects and arrays) a block may have at all: a deeper one is skipped unparsed. Parsing
   * is what deep nesting makes slow, and some engines throw on it; real JSON-LD is under a dozen levels.
   */
  maxNesting: 64,
  /**
   * Values (roughly: commas and opening brackets outside strings) a block may hold at all: a bigger one
   * is skipped unparsed, since a short text can hold a huge array that is slow to parse; an article's
   * JSON-LD holds tens to hundreds of values.
   */
  maxValues: 10_000,
  /** Levels below the block's root searched for datePublished (arrays and @graph each count one). */
  maxDepth: 32,
  /** Values looked at per block when searching (a second bound, should a parsed block hold more than expected). */
  maxNodes: 10_000,
};
export type JsonLdLimits = typeof JSON_LD_LIMITS;

/** One JSON-LD block as the page holds it: its size is known before its text is read. */
export interface JsonLdBlock {
  readonly length: number;
  text(): string;
}

/**
 * The first datePublished found in the page's JSON-LD blocks, in document order, within `limits`.
 * Never throws: malformed JSON, nesting too deep for the engine's parser, and any value shape give undefined.
 */
export function jsonLdBlocksDatePublished(blocks: Iterable<JsonLdBlock>, limits: JsonLdLimits = JSON_LD_LIMITS): string | undefined {
  let blocksSeen = 0;
  let charsLeft = limits.maxTotalChars;
  for (const block of blocks) {
    if (++blocksSeen > limits.maxBlocks) break;
    const length = block.length;
    if (!(length >= 0 && length <= limits.maxBlockChars)) continue;
    if (length > charsLeft) break;
    charsLeft -= length;
    const day = jsonLdDatePublished(block.text(), limits);
    if (day) return day;
  }
  return undefined;
}

/** Finds datePublished in one JSON-LD text: a NewsArticle, a @graph, or an array of them. Never throws. */
export function jsonLdDatePublished(json: string, limits: JsonLdLimits = JSON_LD_LIMITS): string | undefined {
  if (typeof json !== 'string' || json.length > limits.maxBlockChars || !shapeWithin(json, limits)) return undefined;
  let data: unknown;
  try {
    // Some engines throw RangeError (not SyntaxError) on deep nesting: any throw means "no date here".
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  return findDatePublished(data, limits);
}

/**
 * Whether `json` nests no deeper than `maxNesting` and holds no more than `maxValues` values, judged by
 * its brackets and commas outside strings: one pass over the text, no allocation, far cheaper than parsing.
 */
function shapeWithin(json: string, { maxNesting, maxValues }: Pick<JsonLdLimits, 'maxNesting' | 'maxValues'>): boolean {
  let depth = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \\ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x2c /* , */) {
      if (++values > maxValues) return false;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxNesting || ++values > maxValues) return false;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return true;
}

/**
 * Breadth first, so an article's own date wins over one nested inside it. Only arrays and @graph are
 * followed (where sites put their articles); the queue never holds more than `maxNodes` entries, so a
 * million-element array costs `maxNodes` steps, and nothing deeper than `maxDepth` is queued.
 */
function findDatePublished(root: unknown, { maxDepth, maxNodes }: JsonLdLimits): string | undefined {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  for (let next = 0; next < values.length; next++) {
    const value = values[next];
    const depth = depths[next]!;
    let children: unknown[] | undefined;
    if (Array.isArray(value)) children = value;
    else if (value && typeof value === 'object') {
      const day = dayOf(ownValue(value, 'datePublished'));
      if (day) return day;
      const graph = ownValue(value, '@graph');
      if (graph && typeof graph === 'object') children = [graph];
    }
    if (!children || depth >= maxDepth) continue;
    for (let i = 0; i < children.length && values.length < maxNodes; i++) {
      values.push(children[i]);
      depths.push(depth + 1);
    }
  }
  return undefined;
}

function ownValue(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** datePublished as sites write it: a string, or JSON-LD's value object `{"@value": "…"}`. */
function dayOf(value: unknown): string | undefined {
  if (typeof value === 'string') return isoDay(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const inner = ownValue(value, '@value');
    if (typeof inner === 'string') return isoDay(inner);
  }
  return undefined;
}

/** The first candidate that reads as a date, in the caller's priority order. */
export function firstDay(candidates: Iterable<string | null | undefined>): string | undefined {
  for (const candidate of candidates) {
    const day = isoDay(candidate);
    if (day) return day;
  }
  return undefined;
}
