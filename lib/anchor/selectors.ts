/**
 * Describing a passage the reader selected as W3C Web Annotation selectors: the quote with a little of
 * the text around it, and its offsets in the page text (./page-text.ts).
 */
import { isWhiteSpace, splitsPair, tidyRange } from './characters';

export type { TextPositionSelector, TextQuoteSelector } from '../notes/model';
import type { TextPositionSelector, TextQuoteSelector } from '../notes/model';

/** How much text before and after the passage is kept to tell repeated passages apart. */
export const CONTEXT_LENGTH = 32;

/**
 * Fewest characters (code points, after trimming) a passage may have. One character (a letter, a lone
 * emoji) occurs all over a page: neither its context nor its position would find it again reliably.
 */
export const MIN_PASSAGE_CODE_POINTS = 2;

export interface PassageSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/**
 * The selectors for text[start, end). Whitespace at the passage's ends is left out (a triple-click
 * selects the paragraph's newline too, and that whitespace is what changes first between versions of a
 * page), and a surrogate pair cut by the selection is taken whole. Undefined for a range outside the
 * text or a passage with fewer than two characters that are not whitespace.
 */
export function describeQuote(text: string, start: number, end: number): PassageSelectors | undefined {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) return undefined;
  const range = tidyRange(text, start, end);
  const exact = text.slice(range.start, range.end);
  if (countCodePoints(exact, MIN_PASSAGE_CODE_POINTS) < MIN_PASSAGE_CODE_POINTS) return undefined;

  // Context is cut at the text's edges, and never through a surrogate pair: a lone half is not text.
  let prefixStart = Math.max(0, range.start - CONTEXT_LENGTH);
  if (splitsPair(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, range.end + CONTEXT_LENGTH);
  if (splitsPair(text, suffixEnd)) suffixEnd--;

  return {
    quote: { type: 'TextQuoteSelector', exact, prefix: text.slice(prefixStart, range.start), suffix: text.slice(range.end, suffixEnd) },
    position: { type: 'TextPositionSelector', start: range.start, end: range.end },
  };
}

/** The number of code points in `text` that are not whitespace, counting no further than `enough`. */
function countCodePoints(text: string, enough: number): number {
  let count = 0;
  for (const character of text) {
    if (!isWhiteSpace(character.charCodeAt(0)) && ++count >= enough) break;
  }
  return count;
}
