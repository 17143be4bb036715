/**
 * Credits: where a news outlet's name stands for the outlet reporting, not acting. A pack keeps an
 * outlet as an actor only when it acts in one of its events (the New York Post interviewing Trump),
 * and even then most of its names on a page are the trade's bookkeeping: photo credits ("Foto: X",
 * "Benoit Tessier/X"), datelines ("MOSCOW (X) -"), bylines and source lines, attributions ("told X",
 * "according to X", "secondo X", "сообщает X"). Highlighting those paints every wire story with the
 * same name and says nothing about the event, so the matcher drops them (docs/decisions.md,
 * "Outlets are sources").
 *
 * Pure text rules over the block around a mention: no DOM, no browser API. The cue lists (./credit-cues.ts)
 * cover the languages the packs are written for and travel in the matcher index, so only tabs whose
 * packs have an outlet receive them; a missed cue only leaves one highlight too many.
 */
import type { CreditCues } from './credit-cues';
import { stripAccents } from './text';

/** How far the rules look on either side of the name: the longest cue with its bridges fits. */
const CONTEXT = 80;

/** Case, accents and apostrophe styles folded away, so "Según", "selon" and "d’après" read as one. */
function fold(text: string): string {
  return stripAccents(text)
    .toLowerCase()
    .replace(/[’‘ʼ`´]/gu, "'")
    .replace(/\s+:/gu, ':'); // French spacing: "Photo : X"
}

const OPENING = /^[(«"“„[]+/u;
const CLOSING = /[)»"”\].,;!?]+$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Folded words, opening brackets and quotes taken off ("(Photo:" is "photo:"), an elided article split
 * after its apostrophe ("all'agenzia" is "all'" + "agenzia"). Closing punctuation stays: "told, Reuters"
 * is no attribution.
 */
function words(text: string): string[] {
  return fold(text)
    .replace(/(\p{L})'(?=\p{L})/gu, "$1' ")
    .split(/\s+/u)
    .map((word) => word.replace(OPENING, ''))
    .filter((word) => word !== '');
}

/**
 * The cue lists of ./credit-cues.ts cut into folded words: plain JSON, cut once in the background and
 * handed to pages in the lexicon's head (cutting them in a page was 4–12 ms of cold code in the first
 * scan of every page that names an outlet).
 */
export interface CreditRules {
  bridges: readonly string[];
  before: readonly (readonly string[])[];
  bylines: readonly (readonly string[])[];
  after: readonly (readonly string[])[];
}

export function compileCreditRules(cues: CreditCues): CreditRules {
  const phrases = (list: readonly string[]) => list.map(words);
  return { bridges: [...new Set(words(cues.bridges))], before: phrases(cues.before), bylines: phrases(cues.bylines), after: phrases(cues.after) };
}

/** A year in "© 2025 Reuters" or "Copyright 2017 Reuters" bridges too. */
const isBridge = (rules: CreditRules, word: string): boolean => rules.bridges.includes(word) || /^\d{4}$/u.test(word);

function endsWith(list: readonly string[], cue: readonly string[]): boolean {
  if (cue.length === 0 || cue.length > list.length) return false;
  return cue.every((word, k) => list[list.length - cue.length + k] === word);
}

function startsWith(list: readonly string[], cue: readonly string[]): boolean {
  return cue.length > 0 && cue.length <= list.length && cue.every((word, k) => list[k] === word);
}

/** The words before the name, tried with 0, 1, 2 … trailing bridges taken off, against `cues`. */
function creditedBefore(rules: CreditRules, before: string[], cues: readonly (readonly string[])[], wholeList = false): boolean {
  const list = [...before];
  for (;;) {
    if (cues.some((cue) => (wholeList ? list.length === cue.length && endsWith(list, cue) : endsWith(list, cue)))) return true;
    const last = list.at(-1);
    if (last === undefined || !isBridge(rules, last)) return false;
    list.pop();
  }
}

/**
 * True when the name at text[start, end) is a credit or an attribution: the outlet as the source of a
 * picture or a report, not as a party to what is reported.
 */
export function isCredit(rules: CreditRules, text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - CONTEXT), start);
  const after = text.slice(end, end + CONTEXT);
  // "Benoit Tessier/Reuters", "Reuters/AFP", "Reuters/Ipsos": the slash of picture and poll credits.
  if (/\/\s*$/u.test(before) || /^\s*\//u.test(after)) return true;
  // Datelines and bracketed credits: "MOSCOW (Reuters) -", "[Reuters]".
  if ((/\(\s*$/u.test(before) && /^\s*\)/u.test(after)) || (/\[\s*$/u.test(before) && /^\s*\]/u.test(after))) return true;
  // The name alone in its block: a source line under a headline, a byline, a logo's text.
  if (!LETTER_OR_DIGIT.test(text.slice(0, start)) && !LETTER_OR_DIGIT.test(text.slice(end))) return true;

  const wordsBefore = words(before);
  if (start > CONTEXT) wordsBefore.shift(); // the first word may be cut in half by the window
  if (creditedBefore(rules, wordsBefore, rules.before)) return true;
  if (start <= CONTEXT && creditedBefore(rules, wordsBefore, rules.bylines, true)) return true;

  const wordsAfter = words(after.replace(/^\s*[,–—-]\s*/u, ' '));
  while (wordsAfter.length > 0 && isBridge(rules, wordsAfter[0]!.replace(CLOSING, ''))) wordsAfter.shift();
  const bare = wordsAfter.map((word) => word.replace(CLOSING, ''));
  return rules.after.some((cue) => startsWith(bare, cue));
}
