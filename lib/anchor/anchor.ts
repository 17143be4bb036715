/**
 * Finding a note's passage again in the page text (./page-text.ts), though the page may have changed
 * since the note was made. The approximate search is approx-string-match (Myers' bit-parallel edit
 * distance, decisions §22); everything around it (what is tried in which order, which candidate wins,
 * what is refused) is here.
 */
import approximateSearch from 'approx-string-match';
import { collapseWhitespace, isWhiteSpace, originalOffset, squeeze, tidyRange, type CollapsedText } from './characters';
import type { TextPositionSelector, TextQuoteSelector } from './selectors';

export type AnchorMethod = 'exact' | 'position' | 'fuzzy';

export interface Anchor {
  /** The passage's offsets in the page text (UTF-16 code units). */
  start: number;
  end: number;
  /** 'exact': the quote as it was; 'position': at its old offsets, whitespace aside; 'fuzzy': approximate. */
  method: AnchorMethod;
  /** Fuzzy only: 1 for the same words and context (whitespace aside), lower as they differ. */
  score?: number;
}

export interface AnchorSelectors {
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
}

/**
 * At most this share of the quote's characters may differ (edits, in its whitespace-collapsed form). A
 * word swapped for another costs about as many edits as the longer word has letters, so a quarter keeps a
 * changed word in passages from about 40 characters on; above a quarter, short passages deleted from real
 * pages start to find unrelated text (docs/bench.md, "Anchoring the reader's notes").
 */
export const MAX_ERROR_RATE = 1 / 4;

/**
 * Below this length (collapsed) an approximate candidate must also have part of its old context around
 * it: on real pages, deleted passages of 24–40 characters found unrelated prose within a quarter
 * ("other big social networks, Faceb" → " the social network. Faceb"). From 64 on, what a deleted passage
 * still found was mostly a near-copy of itself (a summary repeating the sentence, a repeated byline).
 */
export const SHORT_QUOTE = 64;

/**
 * Quotes longer than this are searched by their two ends only: the search costs time in proportion to
 * the quote's length times the page's, so a 600-character quote would cost ten times a 60-character one.
 */
export const LONG_QUOTE = 256;
/** The length of each end of a long quote searched for. */
export const QUOTE_END = 64;

/**
 * The passage the selectors describe, or undefined when it cannot be found with confidence (the passage
 * was deleted, or rewritten beyond MAX_ERROR_RATE). Tried in order: the quote as it was; its old
 * position if the text there is the quote, whitespace aside; an approximate match.
 */
export function anchorQuote(text: string, selectors: AnchorSelectors): Anchor | undefined {
  const { quote, position } = selectors;
  if (squeeze(quote.exact) === '') return undefined;
  const hint = position?.start;

  const exact = occurrences(text, quote.exact);
  if (exact.length > 0) {
    const start = exact.length === 1 ? exact[0]! : bestByContext(text, exact, quote, hint);
    return { start, end: start + quote.exact.length, method: 'exact' };
  }

  if (position && atPosition(text, position, quote.exact)) {
    const range = tidyRange(text, position.start, position.end);
    return { ...range, method: 'position' };
  }

  return approximate(text, quote, hint);
}

/** Every offset where `needle` occurs, overlapping ones included. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * Of identical occurrences, the one whose surroundings agree longest with the saved prefix and suffix,
 * then the one nearest the saved position. Agreement is counted outward from the passage, so a repeated
 * phrase is told apart where its surroundings stop matching; it is cheap enough for thousands of
 * occurrences of a short quote.
 */
function bestByContext(text: string, starts: number[], quote: TextQuoteSelector, hint: number | undefined): number {
  let best = starts[0]!;
  let bestAgreement = -1;
  for (const start of starts) {
    const agreement = agreeBefore(text, start, quote.prefix) + agreeAfter(text, start + quote.exact.length, quote.suffix);
    if (agreement > bestAgreement || (agreement === bestAgreement && closer(start, best, hint))) {
      best = start;
      bestAgreement = agreement;
    }
  }
  return best;
}

const closer = (a: number, b: number, hint: number | undefined) => hint !== undefined && Math.abs(a - hint) < Math.abs(b - hint);

/** How many characters of `prefix`, read backwards, the text before `at` repeats; whitespace is skipped. */
function agreeBefore(text: string, at: number, prefix: string): number {
  let agreed = 0;
  let i = at - 1;
  let j = prefix.length - 1;
  for (;;) {
    while (i >= 0 && isWhiteSpace(text.charCodeAt(i))) i--;
    while (j >= 0 && isWhiteSpace(prefix.charCodeAt(j))) j--;
    if (i < 0 || j < 0 || text.charCodeAt(i) !== prefix.charCodeAt(j)) return agreed;
    agreed++;
    i--;
    j--;
  }
}

/** How many characters of `suffix` the text from `at` on repeats; whitespace is skipped. */
function agreeAfter(text: string, at: number, suffix: string): number {
  let agreed = 0;
  let i = at;
  let j = 0;
  for (;;) {
    while (i < text.length && isWhiteSpace(text.charCodeAt(i))) i++;
    while (j < suffix.length && isWhiteSpace(suffix.charCodeAt(j))) j++;
    if (i >= text.length || j >= suffix.length || text.charCodeAt(i) !== suffix.charCodeAt(j)) return agreed;
    agreed++;
    i++;
    j++;
  }
}

/** Whether the text at the saved offsets is the quote, whitespace aside. */
function atPosition(text: string, position: TextPositionSelector, exact: string): boolean {
  const { start, end } = position;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) return false;
  return squeeze(text.slice(start, end)) === squeeze(exact);
}

/** A match in the collapsed text and the number of edits it is away from the collapsed quote. */
interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * The approximate path. Both the page and the quote have their whitespace runs collapsed, so whitespace
 * changes cost nothing; the match is found in the collapsed text and mapped back to the page's offsets.
 */
function approximate(text: string, quote: TextQuoteSelector, hint: number | undefined): Anchor | undefined {
  const wanted = squeeze(quote.exact);
  const page = collapseWhitespace(text);
  const maxErrors = Math.floor(wanted.length * MAX_ERROR_RATE);
  const found = occurrences(page.text, wanted).map((start) => ({ start, end: start + wanted.length, errors: 0 }));
  const candidates = found.length > 0 ? found : wanted.length > LONG_QUOTE ? searchByEnds(page.text, wanted, maxErrors) : approximateSearch(page.text, wanted, maxErrors);

  const prefix = squeeze(quote.prefix);
  const suffix = squeeze(quote.suffix);
  let best: Anchor | undefined;
  for (const candidate of candidates) {
    if (candidate.errors > maxErrors) continue;
    const before = contextSimilarity(page.text.slice(Math.max(0, candidate.start - prefix.length - 1), candidate.start), prefix);
    const after = contextSimilarity(page.text.slice(candidate.end, candidate.end + suffix.length + 1), suffix);
    // A short quote close to some text proves little by itself: its context must say it is the place.
    // Whitespace-only changes (no edit) need no such support.
    const supported = candidate.errors === 0 || wanted.length >= SHORT_QUOTE || Math.max(before ?? 0, after ?? 0) >= 1 - MAX_ERROR_RATE;
    if (!supported) continue;
    // The quote weighs most; the context separates near-equal candidates (a repeated, edited phrase).
    // A side without saved context scores the same for every candidate, so it changes no ranking.
    const score = (4 * (1 - candidate.errors / wanted.length) + (before ?? 1) + (after ?? 1)) / 6;
    const range = toOriginal(text, page, candidate);
    if (range.start === range.end) continue;
    if (!best || score > best.score! || (score === best.score && closer(range.start, best.start, hint))) {
      best = { ...range, method: 'fuzzy', score };
    }
  }
  return best;
}

/**
 * A long quote's candidates: where its first or its last QUOTE_END characters are found approximately,
 * a window the length the whole quote could plausibly have (a quarter longer at most) is searched for the
 * whole quote. Either end may be the edited one, so each end opens windows of its own.
 */
function searchByEnds(text: string, wanted: string, maxErrors: number): Candidate[] {
  const endErrors = Math.floor(QUOTE_END * MAX_ERROR_RATE);
  const reach = Math.ceil(wanted.length * (1 + MAX_ERROR_RATE));
  const windows: Array<[number, number]> = [];
  for (const head of approximateSearch(text, wanted.slice(0, QUOTE_END), endErrors)) windows.push([head.start, Math.min(text.length, head.start + reach)]);
  for (const tail of approximateSearch(text, wanted.slice(-QUOTE_END), endErrors)) windows.push([Math.max(0, tail.end - reach), tail.end]);
  windows.sort((a, b) => a[0] - b[0]);

  const candidates: Candidate[] = [];
  let current: [number, number] | undefined;
  const flush = () => {
    if (!current) return;
    const [from, to] = current;
    for (const match of approximateSearch(text.slice(from, to), wanted, maxErrors)) candidates.push({ start: from + match.start, end: from + match.end, errors: match.errors });
  };
  // Overlapping windows (the ends of one passage, neighbouring match ends) are searched once.
  for (const window of windows) {
    if (current && window[0] <= current[1]) current[1] = Math.max(current[1], window[1]);
    else {
      flush();
      current = [...window];
    }
  }
  flush();
  return candidates;
}

/**
 * How closely `actual` ends (prefix) or begins (suffix) like the saved context: 1 − edits ÷ length, from
 * the best approximate match of the context in a slice one character longer than it. Undefined when no
 * context was saved.
 */
function contextSimilarity(actual: string, expected: string): number | undefined {
  if (expected === '') return undefined;
  const errors = approximateSearch(actual, expected, expected.length)[0]?.errors ?? expected.length;
  return 1 - errors / expected.length;
}

/** A collapsed-text match as page-text offsets, without whitespace at its ends or a half surrogate pair. */
function toOriginal(text: string, page: CollapsedText, candidate: Candidate): { start: number; end: number } {
  return tidyRange(text, originalOffset(page, candidate.start), originalOffset(page, candidate.end));
}
