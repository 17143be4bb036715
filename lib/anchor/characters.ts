/**
 * Character helpers shared by describing and anchoring: what counts as whitespace, the page text with its
 * whitespace runs collapsed (and the way back to the original offsets), and ranges that never split a
 * surrogate pair. All offsets are UTF-16 code units, like the page text's.
 */

/**
 * The characters of the RegExp `\s` class (the same set collapseWhitespace uses), tested by code for the
 * character-by-character walks over context. NBSP is included on purpose: pages swap it for a plain space
 * between versions.
 */
export function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * A text with every whitespace run made one space, and the way back to the original offsets. Only runs
 * of two or more characters shift what follows them, so only those are recorded: a page of 300,000
 * characters has some thousands, where a map of every character would be 1.2 MB to fill.
 */
export interface CollapsedText {
  text: string;
  /** For each run of two or more whitespace characters: the offset of its one space in `text`… */
  spaces: number[];
  /** …and the original offset just after the run. */
  runEnds: number[];
}

const WHITESPACE_RUN = /\s+/g;
const LONG_WHITESPACE_RUN = /\s{2,}/g;

export function collapseWhitespace(text: string): CollapsedText {
  const spaces: number[] = [];
  const runEnds: number[] = [];
  let removed = 0;
  // Native RegExp scans: a loop over every character in JavaScript costs several times more.
  for (const run of text.matchAll(LONG_WHITESPACE_RUN)) {
    spaces.push(run.index - removed);
    runEnds.push(run.index + run[0].length);
    removed += run[0].length - 1;
  }
  return { text: text.replace(WHITESPACE_RUN, ' '), spaces, runEnds };
}

/**
 * The original offset of a collapsed offset. A collapsed range [s, e) is the original
 * [originalOffset(s), originalOffset(e)): a range ending in a run's space ends after the whole run.
 */
export function originalOffset(collapsed: CollapsedText, offset: number): number {
  const { spaces, runEnds } = collapsed;
  // The last run whose space comes before `offset`: everything after that space moved by the run.
  let low = -1;
  let high = spaces.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (spaces[middle]! < offset) low = middle;
    else high = middle - 1;
  }
  return low < 0 ? offset : runEnds[low]! + (offset - spaces[low]! - 1);
}

/** The text with whitespace runs made one space and none at either end: how quotes are compared. */
export function squeeze(text: string): string {
  return collapseWhitespace(text).text.trim();
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Whether a boundary at `offset` would fall between the two halves of a surrogate pair. */
export function splitsPair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/**
 * The range narrowed past whitespace at both ends and widened so that no surrogate pair is cut: an
 * emoji is either in the passage or out of it. Empty (start = end) when the range held only whitespace.
 */
export function tidyRange(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && isWhiteSpace(text.charCodeAt(start))) start++;
  while (end > start && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  if (start === end) return { start, end };
  if (splitsPair(text, start)) start--;
  if (splitsPair(text, end)) end++;
  return { start, end };
}
