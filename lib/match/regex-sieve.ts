/**
 * The native sieve: the same job as ./sieve.ts (say which fed text nodes could hold a mention, never
 * miss one), done by one RegExp per text node instead of a JavaScript loop over every character. The
 * RegExp (./word-pattern.ts) finds the words that fold to an alias's first word; the engine's native
 * scan costs about what visiting the node costs, where a cold JavaScript loop costs 1.6–2.6 times the
 * walk (docs/bench.md, "Investigations"). It reports more nodes than the hash sieve (a first word
 * alone, "Robert", is enough), which the matcher then rejects.
 *
 * A RegExp sees one node at a time, so words that run over a node edge ("Pu<b>tin</b>", or two blocks
 * with no space between) are read both ways, as ./sieve.ts does: each node alone (the edge is a word
 * edge to the RegExp), and the word's pieces glued, tested when the word's next piece arrives.
 */
import type { Sieve } from './sieve';
import { isWordPair, kindOf, kinds, SEPARATOR, SURROGATE } from './text';
import { WORD_PATTERN_FLAGS } from './word-pattern';

/**
 * The lexicon size (first words) up to which a page is better served by this sieve than by ./sieve.ts,
 * counting the compile and warm-up every tab pays, with the first-word pattern (no pairs): compiling costs
 * about 1.3 ms at 100 first words, 3 at 200, 5 at 573, 18 at 1,000, while the native scan saves 1–2 ms
 * on a heavy page over a cold JavaScript loop (docs/bench.md, "A native RegExp sieve, built").
 */
export const REGEX_SIEVE_MAX_FIRST_WORDS = 150;

/** A word over more node edges than this, or longer than this, is reported without a test (rare). */
const MAX_PIECES = 4;
const MAX_GLUED = 256;

/** Whether the unit at `at` belongs to a word (letters, marks, digits, invisibles), as findWords reads it. */
function inWord(text: string, at: number): boolean {
  const unit = text.charCodeAt(at);
  const kind = kinds[unit] || kindOf(unit);
  if (kind === SEPARATOR) return false;
  if (kind !== SURROGATE) return true;
  // a pair is read from its high half: a low half belongs to a word when the pair before it does
  return isWordPair(text, at) || (at > 0 && unit >= 0xdc00 && isWordPair(text, at - 1));
}

/** The offset where the word starting at 0 ends (text.length: it runs to the end). */
function headEnd(text: string): number {
  let at = 0;
  while (at < text.length && inWord(text, at)) at++;
  return at;
}

/** The offset where the word the text ends in starts (text.length: it ends between words), not before `from`. */
function tailStart(text: string, from: number): number {
  let at = text.length;
  while (at > from && inWord(text, at - 1)) at--;
  return at;
}

/** Compiles the sieve's pattern and runs it once on each string width, so the page's first nodes meet native code. */
export function compileRegexSieve(source: string): RegExp {
  const pattern = new RegExp(source, WORD_PATTERN_FLAGS);
  warmRegexSieve(pattern);
  return pattern;
}

/**
 * irregexp compiles a pattern per string width (one-byte, two-byte) on first use, and interprets it
 * before tiering up: a few runs on each width move that cost out of the scan.
 */
export function warmRegexSieve(pattern: RegExp): void {
  for (let run = 0; run < 3; run++) {
    pattern.test('warm the sieve, once per width');
    pattern.test('warm the sieve, once per width \u2014 two-byte');
  }
}

/**
 * A sieve for text-walk.ts, interchangeable with ./sieve.ts's. `pattern` is compileRegexSieve's
 * (no `g` or `y` flag: each test starts at the text's beginning).
 */
export function createRegexSieve(pattern: RegExp): Sieve {
  if (pattern.global || pattern.sticky) throw new Error('The sieve tests each text from its start: a RegExp without the g and y flags');
  /** The pieces of the word the last fed texts ended in, one per text, oldest first; empty between words. */
  let pieces: string[] = [];
  let glued = 0;

  return {
    feed(text, from, report) {
      let reported = false;
      let continued = false;
      if (pieces.length > 0) {
        if (from === 0 && inWord(text, 0)) {
          // The word of the last text goes on here (inline markup), or the two texts are blocks side
          // by side: the node-alone test below reads the second way, this the first.
          continued = true;
          const head = text.slice(0, headEnd(text));
          if (pieces.length >= MAX_PIECES || glued + head.length > MAX_GLUED) {
            report(0, pieces.length + 1);
            reported = true;
          } else {
            // Each word that ends in this head and starts in some earlier piece.
            for (let first = 0; first < pieces.length && !reported; first++) {
              if (pattern.test(pieces.slice(first).join('') + head)) {
                report(0, pieces.length - first + 1);
                reported = true;
              }
            }
          }
        } else {
          pieces = [];
          glued = 0;
        }
      }
      if (!reported && pattern.test(text)) report(0, 1);
      // What this text leaves for the next one: the word it ends in, if it ends inside one.
      const tail = tailStart(text, from);
      if (continued && tail === 0) {
        pieces.push(text);
        glued += text.length;
      } else if (tail < text.length) {
        pieces = [text.slice(tail)];
        glued = text.length - tail;
      } else {
        pieces = [];
        glued = 0;
      }
    },
    cut() {
      pieces = [];
      glued = 0;
    },
  };
}
