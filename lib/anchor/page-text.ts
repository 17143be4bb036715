/**
 * The page's text as the reader's notes count it: the plain concatenation of the page's text nodes in
 * document order, with no separator between nodes. TextPositionSelector offsets (lib/notes/model.ts) are
 * UTF-16 code unit offsets into this string. Pure: the DOM side collects the chunks (skipping
 * script, style, noscript, template and Backstory's own UI) and maps a located point back to its node.
 */

/** The concatenated text and where each chunk starts in it. */
export interface PageText {
  readonly text: string;
  /** starts[i] is the offset of chunk i in `text`; ascending, equal for empty chunks. */
  readonly starts: readonly number[];
}

/** A point inside one chunk: the chunk's index and a code unit offset within that chunk. */
export interface ChunkPoint {
  chunk: number;
  offset: number;
}

/**
 * Which chunk an offset that falls on a boundary between two chunks belongs to. 'forward': the start of
 * the next chunk (what a range's start wants: its first character). 'backward': the end of the previous
 * chunk (what a range's end wants: just after its last character). Offsets inside a chunk ignore it.
 */
export type Bias = 'forward' | 'backward';

export function pageText(chunks: readonly string[]): PageText {
  const starts: number[] = new Array(chunks.length);
  let at = 0;
  for (let i = 0; i < chunks.length; i++) {
    starts[i] = at;
    at += chunks[i]!.length;
  }
  // One join rather than `+=` in the loop: the engine builds the string once.
  return { text: chunks.join(''), starts };
}

/**
 * The chunk and in-chunk offset of a text offset, by binary search over `starts`. Empty chunks are never
 * returned: a point always sits in a chunk that holds a character next to it. Undefined for an offset
 * outside [0, text.length] or a page without text.
 */
export function locate(page: PageText, offset: number, bias: Bias): ChunkPoint | undefined {
  const { text, starts } = page;
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length || text.length === 0) return undefined;
  // The chunk that holds the character at `offset` (forward) or the one just before it (backward).
  // At the text's edges only one of the two exists, so the bias gives way.
  const character = (bias === 'forward' && offset < text.length) || offset === 0 ? offset : offset - 1;
  const chunk = lastStartAtOrBefore(starts, character);
  return { chunk, offset: offset - starts[chunk]! };
}

/**
 * The greatest index whose start is ≤ `offset`. Among empty chunks sharing that start it is the last one,
 * which is the non-empty chunk that holds the character at `offset` (empty chunks start where the next
 * chunk starts).
 */
function lastStartAtOrBefore(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
