/**
 * The sieve: a first pass over a page's text that says where a mention could be, without making a
 * single string. Most text on most pages names nobody, and scanning it must cost little more than
 * visiting it (`npm run bench`, scan ÷ walk). So the page's text nodes are fed one after the other, in
 * tree order, with no knowledge of the blocks they sit in; each word is folded and hashed unit by
 * unit as it goes past, and a text node is reported only when a word there could start a mention:
 *   - a word that is a whole one-word alias (its folded hash is in `singles`), or
 *   - two words in a row that could begin a longer alias (`startsPair`).
 * Only reported nodes get the real work: finding their block, joining its text, running the matcher.
 *
 * The sieve must never miss what the matcher would find (tests/unit/sieve.property.test.ts). Node
 * edges are the hard part: when a word runs from one node into the next ("Pu<b>tin</b>", or two
 * blocks with no space between them), the sieve cannot know whether it is one word or two, so it
 * checks both readings. A word over three or more nodes is reported without a check (rare).
 */
import type { HashLookup } from './hash-set';
import { FOLDS, foldUnits, foldUnits2, HASH_SEED, hashStep, INVISIBLE, isWordPair, kindOf, kinds, PLAIN, SEPARATOR, SURROGATE } from './text';

export interface SieveTables {
  /** Folded hashes of the first words of aliases that are one word long (a superset will do). */
  singles: HashLookup;
  /** Whether two words in a row, by their folded hashes, could begin a longer alias (a superset will do). */
  startsPair(first: number, second: number): boolean;
}

/** No hash: the token before was not hashable, or there was none. */
const NONE = -1;

/**
 * Called for a node that could hold a mention: `back` says which fed text (0: the last one fed, 1:
 * the one before it), `span` how many fed texts the word that triggered it covers, ending there.
 */
export type SieveReport = (back: number, span: number) => void;

export interface Sieve {
  /** The next text node's data, from `from` on (what comes before it is known to be whitespace). */
  feed(text: string, from: number, report: SieveReport): void;
  /** Something that ends a word: a text node of whitespace only, the end of the walk. */
  cut(report: SieveReport): void;
}

export function createSieve({ singles, startsPair }: SieveTables): Sieve {
  // The word in progress ("token": it may still turn out to be two words at a node edge).
  let inToken = false;
  let glued = HASH_SEED; // the whole token, read as one word
  let piece = HASH_SEED; // since the last node edge inside it
  let firstPiece = HASH_SEED; // up to the first node edge inside it
  let edges = 0; // node edges inside the token
  let hashable = true;
  // The token before, as the first word of a pair: its endings that could be a word.
  let previousWhole = NONE;
  let previousPiece = NONE;
  let previousWild = false;

  const wanted = (hash: number, asSecond: boolean) =>
    singles.has(hash) ||
    (asSecond && previousWhole !== NONE && startsPair(previousWhole, hash)) ||
    (asSecond && previousPiece !== NONE && startsPair(previousPiece, hash));

  /** Ends the token; `back` is how many texts ago its last unit was fed. */
  function close(back: number, report: SieveReport) {
    inToken = false;
    const whole = glued >>> 0;
    let hit: boolean;
    if (!hashable || edges > 1 || previousWild) hit = true;
    else if (edges === 0) hit = wanted(whole, true);
    else hit = wanted(whole, true) || wanted(firstPiece >>> 0, true) || wanted(piece >>> 0, false);
    if (hit) report(back, edges + 1);
    previousWild = !hashable || edges > 1;
    previousWhole = hashable ? whole : NONE;
    previousPiece = hashable && edges === 1 ? piece >>> 0 : NONE;
  }

  return {
    feed(text, from, report) {
      if (inToken) {
        // The last text ended inside a word: the word goes on here, or stopped at a block edge.
        const unit = text.charCodeAt(from);
        const kind = kinds[unit] || kindOf(unit);
        if (from > 0 || kind === SEPARATOR || (kind === SURROGATE && !isWordPair(text, from))) close(1, report);
        else {
          if (edges === 0) firstPiece = glued;
          edges++;
          piece = HASH_SEED;
        }
      }
      // Copied to locals, hashing written out: this loop runs once per character of the page, mostly
      // before the engine has optimised it, when every call and every closure read costs.
      let token = inToken;
      let whole = glued;
      let part = piece;
      let plain = hashable;
      let pieced = edges > 0; // the token goes on from the last text: only then does the piece differ from the whole
      const length = text.length;
      for (let at = from; at < length; at++) {
        const unit = text.charCodeAt(at);
        let kind = kinds[unit]!;
        if (kind === 0) kind = kindOf(unit);
        if (kind === PLAIN) {
          if (!token) {
            token = true;
            whole = HASH_SEED;
            plain = true;
            edges = 0;
            pieced = false;
          }
          whole = Math.imul(whole ^ foldUnits[unit]!, 0x01000193);
          if (pieced) part = Math.imul(part ^ foldUnits[unit]!, 0x01000193);
          continue;
        }
        if (kind === INVISIBLE) continue; // a soft hyphen or zero-width character: in the word, of no letter (findWords)
        if (kind === SEPARATOR || (kind === SURROGATE && !isWordPair(text, at))) {
          if (token) {
            glued = whole;
            piece = part;
            hashable = plain;
            close(0, report);
            token = false;
          }
          continue;
        }
        if (!token) {
          token = true;
          whole = HASH_SEED;
          plain = true;
          edges = 0;
          pieced = false;
        }
        if (kind === FOLDS) {
          const first = foldUnits[unit]!;
          const second = foldUnits2[unit]!;
          if (first !== 0) whole = hashStep(whole, first);
          if (second !== 0) whole = hashStep(whole, second);
          if (pieced) {
            if (first !== 0) part = hashStep(part, first);
            if (second !== 0) part = hashStep(part, second);
          }
        } else {
          plain = false; // folds only as a whole word (Σ, astral letters): let the matcher decide
          if (kind === SURROGATE) at++;
        }
      }
      inToken = token;
      glued = whole;
      piece = part;
      hashable = plain;
    },
    cut(report) {
      if (inToken) close(0, report);
    },
  };
}
