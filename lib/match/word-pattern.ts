/**
 * The source of one RegExp that finds, in any page text, the words that fold (./text.ts, foldWord) to
 * one of a lexicon's folded first words: the pattern behind the native sieve (./regex-sieve.ts).
 *
 * The rule is the sieve's: it may find more than the matcher will, never less. So every letter of a
 * first word becomes a character class of every UTF-16 unit that folds to it ("u": u, U, ú, Ù, ŭ…), the
 * words are written as a trie (shared prefixes, so irregexp tries one branch per letter and scans in
 * linear time; a flat alternation of 10k words backtracks for seconds), and the word edges mirror
 * findWords. What cannot be folded unit by unit is reported wherever it stands (rare on real pages):
 *   - an invisible or a mark that folds to nothing, inside a word (after a unit some first word uses);
 *   - a unit that folds only with its neighbours (a loose breve when a first word has й, Hangul jamo);
 *   - any astral unit, when a first word has one.
 * Optionally (`secondWords`), a first word that only begins longer aliases is found only with its second
 * word after it, as the hash sieve asks: fewer reports for a bigger pattern (docs/decisions.md §33).
 *
 * Built in the background, never in a page: the inverse fold table reads all 65,536 units through
 * kindOf once (about half a second), and the page only compiles the resulting string.
 */
import { edgeWord, type MatcherIndex } from './build';
import { FOLDS, foldUnits, foldUnits2, INVISIBLE, kindOf, PLAIN, SEPARATOR, SURROGATE, UNFOLDABLE } from './text';

/** The flags the pattern is written for: none. Its classes are UTF-16 units, which the `u` flag would read as code points. */
export const WORD_PATTERN_FLAGS = '';

const SIGMA = 0x3a3; // Σ lower-cases by its place in the word: to σ inside, to ς at the end
const SMALL_SIGMA = 0x3c3;
const FINAL_SIGMA = 0x3c2;
const BREVE = 0x306; // folds away, except after и, where it makes й
const SHORT_I = 0x439; // й

/** Invisibles and the generic combining diacritics: the few units that fold to nothing in Latin, Greek and Cyrillic words. */
const isCommonTransparent = (unit: number) =>
  (unit >= 0x300 && unit <= 0x36f) || (unit >= 0x483 && unit <= 0x489) || unit === 0xad || (unit >= 0x200b && unit <= 0x200d) || unit === 0x2060 || unit === 0xfeff;

interface FoldTable {
  /** Units whose fold is this one unit, by that unit. */
  single: Map<number, number[]>;
  /** Units whose fold is two units (ß → ss, æ → ae), by the two units as a string. */
  double: Map<string, number[]>;
  /** Word units that bear a letter or digit: what ends or continues a word (not surrogates: see wordEdges). */
  letters: number[];
  /** Word units that fold to nothing: invisibles and marks (and the breve, folded away but after и). */
  transparent: number[];
  /** Word units whose fold depends on their neighbours, Σ excepted (it goes in the classes of σ and ς). */
  unfoldable: number[];
}

let table: FoldTable | undefined;

/** Reads text.ts's fold of every UTF-16 unit once, and inverts it. */
function foldTable(): FoldTable {
  if (table) return table;
  const built: FoldTable = { single: new Map(), double: new Map(), letters: [], transparent: [], unfoldable: [] };
  const add = <Key>(map: Map<Key, number[]>, key: Key, unit: number) => {
    const list = map.get(key);
    if (list) list.push(unit);
    else map.set(key, [unit]);
  };
  for (let unit = 0; unit < 0x10000; unit++) {
    const kind = kindOf(unit);
    if (kind === SEPARATOR || kind === SURROGATE) continue;
    if (kind === INVISIBLE) built.transparent.push(unit);
    else if (kind === PLAIN) {
      built.letters.push(unit);
      add(built.single, foldUnits[unit]!, unit);
    } else if (kind === FOLDS) {
      const first = foldUnits[unit]!;
      const second = foldUnits2[unit]!;
      if (first === 0) built.transparent.push(unit);
      else {
        built.letters.push(unit);
        if (second === 0) add(built.single, first, unit);
        else add(built.double, String.fromCharCode(first, second), unit);
      }
    } else if (kind === UNFOLDABLE) {
      if (unit === BREVE) built.transparent.push(unit);
      else {
        built.letters.push(unit);
        if (unit === SIGMA) {
          add(built.single, SMALL_SIGMA, unit);
          add(built.single, FINAL_SIGMA, unit);
        } else built.unfoldable.push(unit);
      }
    }
  }
  table = built;
  return built;
}

const hex = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;

/** A character class of the given UTF-16 units, as ranges. */
function unitClass(units: Iterable<number>): string {
  const sorted = [...new Set(units)].sort((a, b) => a - b);
  let out = '';
  for (let k = 0; k < sorted.length; ) {
    let end = k;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end++;
    out += end === k ? hex(sorted[k]!) : end === k + 1 ? hex(sorted[k]!) + hex(sorted[end]!) : `${hex(sorted[k]!)}-${hex(sorted[end]!)}`;
    k = end + 1;
  }
  return `[${out}]`;
}

/**
 * Blocks of accented and extended letters only (no a–z, а–я, α–ω): a class that needs one of their units
 * takes the whole block. It then also matches letters that fold elsewhere (more reports, never fewer),
 * and it is a few ranges where the exact list is dozens: the class is tested at every trie node, and its
 * size is what the page pays to compile (docs/bench.md, "A native RegExp sieve, built").
 */
const ACCENTED_BLOCKS: readonly (readonly [number, number])[] = [
  [0x00c0, 0x024f], // Latin-1 letters, Latin Extended-A and -B
  [0x1e00, 0x1eff], // Latin Extended Additional
  [0x0386, 0x0390], // Greek with tonos
  [0x03aa, 0x03b0],
  [0x03ca, 0x03ce],
  [0x0400, 0x040f], // Cyrillic Ѐ–Џ
  [0x0450, 0x045f], // ѐ–џ
  [0x0460, 0x052f], // historic and non-Russian Cyrillic
  [0x1f00, 0x1fff], // Greek Extended
  [0x2100, 0x214f], // letter-like symbols (K, Å)
];

/** Where word edges look for letters: digits, Latin, Greek and Cyrillic (their non-letters are left out). */
const EDGE_LETTER_BLOCKS: readonly (readonly [number, number])[] = [
  [0x0030, 0x0039],
  [0x0041, 0x005a],
  [0x0061, 0x007a],
  [0x00c0, 0x024f],
  [0x0386, 0x03ce],
  [0x0400, 0x052f],
];

function coarsened(units: readonly number[]): number[] {
  const out = new Set<number>();
  for (const unit of units) {
    const block = ACCENTED_BLOCKS.find(([first, last]) => unit >= first && unit <= last);
    if (!block) out.add(unit);
    else for (let member = block[0]; member <= block[1]; member++) out.add(member);
  }
  return [...out];
}

interface TrieNode {
  children: Map<number, TrieNode>;
  /** A word ends here. */
  word: boolean;
  /**
   * For a first word that only begins longer aliases: the trie of its second words (null: one of them
   * could not be written, so the first word alone is enough).
   */
  second?: TrieNode | null;
  /** This node's pattern, written once: a two-unit fold reaches the same node by a second way. */
  source?: string;
}

const newNode = (): TrieNode => ({ children: new Map(), word: false });

/**
 * The source of the sieve's RegExp for these folded first words (as foldWord returns them; duplicates
 * and empty strings are fine). To be compiled with WORD_PATTERN_FLAGS. Matches nothing when the list is empty.
 *
 * `secondWords` narrows the first words that only begin longer aliases ("new" of "New START", "white" of
 * "White House"): such a word is found only when one of its folded second words follows it, or when
 * nothing but non-letters follows it to the end of the text (the next word may be in the next text node).
 * The hash sieve asks for the same pair; without it, common words like these are reported everywhere.
 */
export function firstWordPattern(foldedFirstWords: readonly string[], secondWords?: ReadonlyMap<string, readonly string[]>): string {
  const fold = foldTable();
  let astral = false;
  let shortI = false;
  /** Every unit a first word's letter can be written with: a rare transparent unit after one of these is reported. */
  const usedUnits = new Set<number>();
  /** Adds a word to a trie; undefined when it had to be left to the astral alternative. */
  const addWord = (root: TrieNode, word: string): TrieNode | undefined => {
    if (/[\uD800-\uDFFF]/.test(word)) {
      astral = true; // folds of astral letters are not tabulated: any astral unit is reported
      return undefined;
    }
    let node = root;
    for (let at = 0; at < word.length; at++) {
      const unit = word.charCodeAt(at);
      if (unit === SHORT_I) shortI = true;
      let child = node.children.get(unit);
      if (!child) node.children.set(unit, (child = newNode()));
      node = child;
    }
    node.word = true;
    return node;
  };
  const root = newNode();
  for (const word of new Set(foldedFirstWords)) {
    if (word === '') continue;
    const node = addWord(root, word);
    const seconds = secondWords?.get(word)?.filter((second) => second !== '');
    if (!node || !seconds || seconds.length === 0 || node.second === null) continue;
    node.second ??= newNode();
    for (const second of seconds) {
      if (!node.second) break;
      if (!addWord(node.second, second)) node.second = null; // astral: the first word alone is enough
    }
  }

  const classes = new Map<number, string>();
  /** The class of a first word's letter: every unit that folds to it, and the letter itself, accented ones by block. */
  const letterClass = (letter: number): string => {
    let found = classes.get(letter);
    if (found === undefined) {
      const units = [letter, ...(fold.single.get(letter) ?? [])];
      units.forEach((unit) => usedUnits.add(unit));
      classes.set(letter, (found = unitClass(coarsened(units))));
    }
    return found;
  };

  // The letters of the scripts first words are mostly written in: a letter of another script next to a
  // word lets it be reported (fewer letters here can only mean more reports), and the class stays a few
  // ranges long, which matters: it is written at every word's end.
  const letters = unitClass(fold.letters.filter((unit) => EDGE_LETTER_BLOCKS.some(([first, last]) => unit >= first && unit <= last)));
  const transparent = unitClass(fold.transparent.filter(isCommonTransparent));
  /** A word ends where no letter follows (invisibles and marks in between belong to it). */
  const wordEnd = `(?!${transparent}*${letters})`;
  /** What stands between two words: anything but a letter (of those scripts: more is only more reports). */
  const gap = `[^${letters.slice(1)}+`;
  const gapToEnd = `[^${letters.slice(1)}*$`;

  /** A trie's pattern; in a second-word trie (`partial`) the text may also end anywhere along a word. */
  const emit = (node: TrieNode, partial: boolean): string => {
    if (node.source !== undefined) return node.source;
    const branches: string[] = [];
    for (const [letter, child] of node.children) {
      branches.push(letterClass(letter) + emit(child, partial));
      // ß, æ, œ… stand for two letters at once: a branch to the grandchild
      for (const [second, grandchild] of child.children) {
        const units = fold.double.get(String.fromCharCode(letter, second));
        if (!units) continue;
        units.forEach((unit) => usedUnits.add(unit));
        branches.push(unitClass(units) + emit(grandchild, partial));
      }
    }
    // A word may end here: the pattern's one end test follows the whole trie (written once, it is long).
    const ends = node.word && !node.second;
    if (node.word && node.second) branches.push(`(?:${gap}${emit(node.second, true)}|${gapToEnd})`);
    if (partial && !node.word) branches.push('$'); // the text ends inside a second word: its next node may go on
    let source = branches.length === 0 ? '' : branches.length === 1 && !ends ? branches[0]! : `(?:${branches.join('|')})`;
    if (ends && branches.length > 0) source += '?'; // greedy: the longer word first
    node.source = source;
    return source;
  };

  const alternatives: string[] = [];
  if (root.children.size > 0) {
    // A word starts where no letter stands before it (invisibles and marks in between belong to the word
    // before). Surrogates count as no letter: a word next to an astral letter is reported, not missed.
    alternatives.push(`(?<!${letters}${transparent}*)${emit(root, false)}${wordEnd}`);
    // The trie reads letters only: a word with an invisible or a mark inside is reported where one follows a letter.
    alternatives.push(unitClass(usedUnits) + unitClass(fold.transparent));
  }
  const unfoldable = fold.unfoldable.filter((unit) => unit !== BREVE);
  if (shortI) unfoldable.push(BREVE); // и + breve folds to й
  if (unfoldable.length > 0 && alternatives.length > 0) alternatives.push(unitClass(unfoldable));
  if (astral) alternatives.push('[\\ud800-\\udbff]');
  return alternatives.length === 0 ? '(?!)' : alternatives.join('|');
}

/**
 * firstWordPattern's arguments read from a built index (lib/match/build.ts): the words on the trie's
 * root edges, and for those that end no alias, the words on the edges after them.
 */
export function lexiconOfIndex(index: Pick<MatcherIndex, 'edgeKeys' | 'endNodes'>): {
  firstWords: string[];
  secondWords: Map<string, string[]>;
} {
  const ends = new Set(index.endNodes);
  const firstWordOf = new Map<number, string>(); // node → its first word
  index.edgeKeys.forEach((key, k) => {
    if (!key.includes(':')) firstWordOf.set(k + 1, key); // root edges are keyed by the bare folded word
  });
  const secondWords = new Map<string, string[]>();
  index.edgeKeys.forEach((key) => {
    const colon = key.indexOf(':');
    if (colon < 0) return;
    const parent = Number(key.slice(0, colon));
    const first = firstWordOf.get(parent);
    if (first === undefined || ends.has(parent)) return;
    const second = edgeWord(key);
    const list = secondWords.get(first);
    if (list) list.push(second);
    else secondWords.set(first, [second]);
  });
  return { firstWords: [...firstWordOf.values()], secondWords };
}
