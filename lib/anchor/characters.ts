/**
 * Character helpers shared by describing and anchoring: what counts as whitespace, the page text with its
 * whitespace runs collapsed (and the way back to the original offsets), and ranges that never split a
 * surrogate pair. All offsets are UTF-16 code units, like the page text's.
 */

/**
 * The characters of the RegExp `\s` class, tested by code: the approximate path walks every character of
 * the page, and a RegExp test per character costs several times more. NBSP is included on purpose: pages
 * swap it for a plain space between versions.
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

/** A text with every whitespace run made one space, and where each of its characters came from. */
export interface CollapsedText {
  text: string;
  /**
   * origin[i] is the original offset of collapsed character i (for a space, the run's first character);
   * origin[text.length] is the original length. A collapsed range [s, e) is the original
   * [origin[s], origin[e]): it ends just before the next kept character, so it never cuts a run in two.
   */
  origin: Uint32Array;
}

export function collapseWhitespace(text: string): CollapsedText {
  const origin = new Uint32Array(text.length + 1);
  const parts: string[] = [];
  let length = 0;
  let runStart = 0; // start of the current stretch of non-whitespace, copied in one slice
  for (let i = 0; i < text.length; i++) {
    if (!isWhiteSpace(text.charCodeAt(i))) {
      origin[length++] = i;
      continue;
    }
    parts.push(text.slice(runStart, i), ' ');
    origin[length++] = i;
    while (i + 1 < text.length && isWhiteSpace(text.charCodeAt(i + 1))) i++;
    runStart = i + 1;
  }
  parts.push(text.slice(runStart));
  origin[length] = text.length;
  return { text: parts.join(''), origin: origin.subarray(0, length + 1) };
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
