/**
 * The text primitives the matcher shares between building the index (alias texts) and scanning a
 * page block: both sides must cut words and fold them the same way, or a name never meets itself.
 */
import { INVISIBLES } from '../text/normalize';

/**
 * A word is a run of letters, combining marks and digits, in any script. U+02BC is a letter to
 * Unicode but an apostrophe to writers ("Oʼbrien", Ukrainian "пʼять"), so it separates words like '.
 */
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;
const MODIFIER_APOSTROPHE = 0x2bc;
/**
 * The invisible characters of lib/text/normalize.ts sit inside words without ending them. Unicode calls
 * them format characters, not letters, so without this rule they would cut "Vladimir" into "Vladi" and "mir".
 */
const IS_INVISIBLE = new RegExp(INVISIBLES.source, 'u');
const BREVE = '\u0306';
/** Letters that carry their accent in the glyph itself, so NFD cannot split it off. */
const UNSPLITTABLE: Record<string, string> = {
  ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ı: 'i', ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE',
};
const UNSPLITTABLE_LETTER = /[łŁøØđĐıßẞæÆœŒ]/g;

// What each UTF-16 unit is, learnt on first sight: a regex test per character would make scanning
// several times slower, and a page uses a few hundred distinct characters at most.
const UNKNOWN = 0;
export const SEPARATOR = 1;
/** A word character that lower-casing alone folds (all of ASCII, most Cyrillic). */
export const PLAIN = 2;
/**
 * A word character whose fold does not depend on its neighbours: an accented letter ("è" → e, "ß" → ss)
 * or a combining mark (folds to nothing). Its fold is `foldUnits` (and `foldUnits2` for a second unit).
 */
export const FOLDS = 3;
/** A word character whose fold depends on the whole word (Σ, a loose breve, Hangul jamo): slow path. */
export const UNFOLDABLE = 4;
/** Half of a surrogate pair: the pair decides (findWords, the sieve). */
export const SURROGATE = 5;
/**
 * Part of the word it stands in, but of no letter: skipped when folding and hashing. Before a word it
 * belongs to no word; after one, the word ends before it (mention offsets stay on the letters).
 */
export const INVISIBLE = 6;
export const kinds = new Uint8Array(0x10000);
/** The fold of each PLAIN unit (its lower case) and the first unit of each FOLDS unit's fold, 0 for none. */
export const foldUnits = new Uint16Array(0x10000);
/** The second unit of a two-unit fold (ß → ss, æ → ae), 0 for none. */
export const foldUnits2 = new Uint16Array(0x10000);

/** Conjoining Hangul jamo: NFC turns a run of them into syllables, so a word folds only as a whole. */
const isJamo = (unit: number) => (unit >= 0x1100 && unit <= 0x11ff) || (unit >= 0xa960 && unit <= 0xa97f) || (unit >= 0xd7b0 && unit <= 0xd7ff);

export function kindOf(unit: number): number {
  let kind = kinds[unit] ?? UNKNOWN;
  if (kind !== UNKNOWN) return kind;
  const char = String.fromCharCode(unit);
  const lower = char.toLowerCase();
  if (unit >= 0xd800 && unit <= 0xdfff) kind = SURROGATE;
  else if (IS_INVISIBLE.test(char)) kind = INVISIBLE;
  else if (unit === MODIFIER_APOSTROPHE || !WORD_CHAR.test(char)) kind = SEPARATOR;
  else if (char === 'Σ' || unit === 0x306 || isJamo(unit)) {
    kind = UNFOLDABLE; // Σ lower-cases by its place in the word (σ, ς); a breve after и stays (й)
  } else if (
    lower.length === 1 &&
    (char === 'й' || char === 'Й' || (char.normalize('NFD') === char && !MARK.test(char) && !(char in UNSPLITTABLE)))
  ) {
    kind = PLAIN;
    foldUnits[unit] = lower.charCodeAt(0);
  } else {
    const folded = stripAccentsSlow(char).toLowerCase();
    if (folded.length <= 2) {
      kind = FOLDS;
      foldUnits[unit] = folded.charCodeAt(0) || 0;
      foldUnits2[unit] = folded.charCodeAt(1) || 0;
    } else kind = UNFOLDABLE;
  }
  kinds[unit] = kind;
  return kind;
}

/**
 * The units most news pages are written in (Latin with its accents, Greek, Cyrillic, general
 * punctuation). Learning a unit's kind on first sight compiles kindOf's Unicode-class RegExps and ICU's
 * normaliser in every page, a cold cost of the first scan; so the background learns these once and a
 * page is handed the result (foldTableOf → the lexicon's head → learnFoldTable). Others are still learnt.
 */
export const COMMON_UNITS: readonly (readonly [number, number])[] = [
  [0x0000, 0x052f],
  [0x1e00, 0x1fff],
  [0x2000, 0x206f],
];
/** Stands for a fold unit of 0 (none) in the table: a space is never a fold. */
const NO_FOLD = ' ';
const KIND_BASE = 0x40;

/** The kinds and folds of COMMON_UNITS, three characters a unit: the kind, then its fold's units. */
export function foldTableOf(): string {
  let table = '';
  for (const [first, last] of COMMON_UNITS)
    for (let unit = first; unit <= last; unit++) {
      const kind = kindOf(unit);
      const fold = (u: number) => (u === 0 ? NO_FOLD : String.fromCharCode(u));
      table += String.fromCharCode(KIND_BASE + kind) + fold(foldUnits[unit]!) + fold(foldUnits2[unit]!);
    }
  return table;
}

/** Takes foldTableOf's table as this page's knowledge of those units; a table of another shape is ignored (learnt as before). */
export function learnFoldTable(table: string | undefined): void {
  let size = 0;
  for (const [first, last] of COMMON_UNITS) size += last - first + 1;
  if (table?.length !== size * 3) return;
  const noFold = NO_FOLD.charCodeAt(0);
  const unfold = (unit: number) => (unit === noFold ? 0 : unit);
  let at = 0;
  for (const [first, last] of COMMON_UNITS)
    for (let unit = first; unit <= last; unit++, at += 3) {
      const kind = table.charCodeAt(at) - KIND_BASE;
      if (kind < SEPARATOR || kind > INVISIBLE || kinds[unit] !== UNKNOWN) continue;
      foldUnits[unit] = unfold(table.charCodeAt(at + 1));
      foldUnits2[unit] = unfold(table.charCodeAt(at + 2));
      kinds[unit] = kind;
    }
}

/** FNV-1a over UTF-16 units: the same number whether fed a folded string or a word folded unit by unit. */
export const HASH_SEED = 0x811c9dc5;
export const hashStep = (hash: number, unit: number) => Math.imul(hash ^ unit, 0x01000193);

/** The look-up hash of a folded word (as foldWord returns it). */
export function hashFolded(folded: string): number {
  let hash = HASH_SEED;
  for (let at = 0; at < folded.length; at++) hash = hashStep(hash, folded.charCodeAt(at));
  return hash >>> 0;
}

/** hashes[k] when word k could not be hashed without folding the whole word (Σ, astral letters). */
export const UNHASHED = -1;

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** Word positions as parallel offset arrays: a 1 MB block has ~170,000 words, objects would cost more. */
export interface Words {
  starts: number[];
  ends: number[];
  /**
   * hashFolded(foldWord(word)) computed while cutting, with no string made: the scanner rejects the
   * words that start no alias (nearly all of them) on this number alone. UNHASHED for the few words
   * that only fold as a whole.
   */
  hashes: number[];
}

/** Whether the surrogate pair starting at `at` is a letter, mark or digit (outside the BMP: rare, tested as is). */
export function isWordPair(text: string, at: number): boolean {
  return isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1)) && WORD_CHAR.test(text.slice(at, at + 2));
}

export function findWords(text: string): Words {
  const starts: number[] = [];
  const ends: number[] = [];
  const hashes: number[] = [];
  const length = text.length;
  // The tables read inline, kindOf called only for a unit not learnt yet: this runs over every
  // character of every run a page hands the matcher, mostly before the engine has compiled it.
  let at = 0;
  while (at < length) {
    const unit = text.charCodeAt(at);
    const kind = kinds[unit] || kindOf(unit);
    if (kind === SEPARATOR || kind === INVISIBLE || (kind === SURROGATE && !isWordPair(text, at))) {
      at++; // between words (an invisible before a word belongs to no word)
      continue;
    }
    const start = at;
    let end = at;
    let hash = HASH_SEED;
    let hashable = true;
    while (at < length) {
      const unit = text.charCodeAt(at);
      const kind = kinds[unit] || kindOf(unit);
      if (kind === PLAIN) {
        hash = Math.imul(hash ^ foldUnits[unit]!, 0x01000193);
        end = ++at;
      } else if (kind === FOLDS) {
        const first = foldUnits[unit]!;
        const second = foldUnits2[unit]!;
        if (first !== 0) hash = hashStep(hash, first);
        if (second !== 0) hash = hashStep(hash, second);
        end = ++at;
      } else if (kind === INVISIBLE) {
        at++; // inside the word, or trailing it: the word goes on if a letter follows
      } else if (kind === SEPARATOR || (kind === SURROGATE && !isWordPair(text, at))) {
        break;
      } else {
        hashable = false; // folds only as a whole word (Σ, a loose breve, an astral letter)
        at += kind === SURROGATE ? 2 : 1;
        end = at;
      }
    }
    starts.push(start);
    ends.push(end);
    hashes.push(hashable ? hash >>> 0 : UNHASHED);
  }
  return { starts, ends, hashes };
}

/** Accented letters, and surrogate halves of letters outside the BMP, take the Unicode slow path. */
const needsAccentStripping = (word: string): boolean => {
  for (let at = 0; at < word.length; at++) if (kindOf(word.charCodeAt(at)) !== PLAIN) return true;
  return false;
};

/**
 * Removes accents but keeps case: "Ušakov" → "Usakov". й keeps its breve because it is a letter of
 * its own (Ukrainian "Зеленський" ends in й, "Зеленськи" would be another word); ё loses its
 * diaeresis on purpose, because Russian print usually writes ё as е ("Пётр" = "Петр"). Soft hyphens
 * and zero-width characters go too: "Vladi\u00ADmir" → "Vladimir".
 */
export function stripAccents(word: string): string {
  if (!needsAccentStripping(word)) return word; // most words on most pages: no Unicode normalisation at all
  return stripAccentsSlow(word);
}

function stripAccentsSlow(word: string): string {
  return word
    .replace(INVISIBLES, '')
    .normalize('NFD')
    .replace(MARKS, (mark, at: number, decomposed: string) =>
      mark === BREVE && (decomposed[at - 1] === 'и' || decomposed[at - 1] === 'И') ? mark : '',
    )
    .normalize('NFC')
    .replace(UNSPLITTABLE_LETTER, (letter) => UNSPLITTABLE[letter] ?? letter);
}

/** foldWord by Unicode normalisation, the reference the tables are learnt from (kindOf): what a word folds to as a whole. */
export const foldByUnicode = (word: string): string => stripAccentsSlow(word).toLowerCase();

/** The look-up key of a word: no accents, lower case. Same length as stripAccents, letter for letter. */
export function foldWord(word: string): string {
  let units: number[] | undefined;
  for (let at = 0; at < word.length; at++) {
    const unit = word.charCodeAt(at);
    const kind = kinds[unit] || kindOf(unit);
    if (kind === PLAIN) {
      units?.push(foldUnits[unit]!);
      continue;
    }
    if (kind !== FOLDS && kind !== INVISIBLE) return foldByUnicode(word); // folds only as a whole (Σ, й's loose breve, astral letters)
    // An accented letter or an invisible: folded unit by unit from the tables, as the sieve and
    // findWords hash it, with no Unicode normalisation (a cold cost in every page that meets one).
    if (!units) {
      units = [];
      for (let before = 0; before < at; before++) units.push(foldUnits[word.charCodeAt(before)]!);
    }
    if (kind === FOLDS) {
      if (foldUnits[unit] !== 0) units.push(foldUnits[unit]!);
      if (foldUnits2[unit] !== 0) units.push(foldUnits2[unit]!);
    }
  }
  return units ? String.fromCharCode(...units) : word.toLowerCase();
}

const SPACE_RUN = /\s+/gu; // \s includes U+00A0, U+202F, U+2007 and line breaks
const APOSTROPHES = "'\u2018\u2019\u02BC\u2032\u0060\u00B4";
const APOSTROPHE = new RegExp(`[${APOSTROPHES}]`, 'g');
const HYPHEN = /[\u2010-\u2013]/g;

/**
 * What stands between two words, reduced to what matters for a name: any whitespace run is one
 * space, every apostrophe is ', every hyphen is -. "Marco\u00A0Rubio" = "Marco Rubio",
 * "O’Brien" = "O'Brien", "Zapad‑2025" = "Zapad-2025".
 */
export function canonicalGap(gap: string): string {
  if (gap === ' ') return gap;
  return gap.replace(INVISIBLES, '').replace(SPACE_RUN, ' ').replace(APOSTROPHE, "'").replace(HYPHEN, '-');
}

export const isApostrophe = (char: string | undefined): boolean => char !== undefined && char !== '' && APOSTROPHES.includes(char);

/** A name or phrase cut as the scanner cuts text: words, the gaps between them, punctuation after. */
export interface Phrase {
  /** Words with accents stripped, case kept (for case-sensitive aliases). */
  cased: string[];
  /** Folded words: the look-up keys. */
  folded: string[];
  /** gaps[k] is the canonical gap between word k and word k + 1. */
  gaps: string[];
  /** Punctuation the text must show right after the last word: the "." of "Jr.". */
  trail: string;
}

export function cutPhrase(text: string): Phrase {
  const { starts, ends } = findWords(text);
  const cased = starts.map((start, k) => stripAccents(text.slice(start, ends[k])));
  const gaps = starts.slice(1).map((start, k) => canonicalGap(text.slice(ends[k], start)));
  const trail = cased.length === 0 ? '' : canonicalGap(text.slice(ends[ends.length - 1]).trim());
  return { cased, folded: cased.map((word) => word.toLowerCase()), gaps, trail };
}
