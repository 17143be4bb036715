/**
 * The first-word pattern (lib/match/word-pattern.ts) against text.ts's own fold: any spelling that
 * foldWord reads as a first word is found, whatever units it is written with; plain ASCII words that
 * are not first words are not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWord } from '@/lib/match/text';
import { firstWordPattern, WORD_PATTERN_FLAGS } from '@/lib/match/word-pattern';

const FIRST_WORDS = ['putin', 'путин', 'трамп', 'ushakov', 'strauss', 'maelstrom', 'зеленський', 'σοφια', 'k2', 'a'];
const pattern = new RegExp(firstWordPattern(FIRST_WORDS), WORD_PATTERN_FLAGS);

/** Every BMP unit whose fold, alone, is the given one-letter string (ß and æ are two letters: added below). */
const spellings = new Map<string, string[]>();
for (let unit = 0; unit < 0x10000; unit++) {
  if (unit >= 0xd800 && unit <= 0xdfff) continue;
  const char = String.fromCharCode(unit);
  const folded = foldWord(char);
  if (folded.length === 1 || folded === 'ss' || folded === 'ae' || folded === 'oe') spellings.set(folded, [...(spellings.get(folded) ?? []), char]);
}

/** A first word written with any units that fold to its letters, ß for ss and æ for ae now and then, invisibles and marks between. */
const respelt = fc.constantFrom(...FIRST_WORDS).chain((word) =>
  fc
    .array(fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom('', '', '', '\u00AD', '\u200B', '\u0301', '\u0308\u0327', '\u0951', '\u05B4')), {
      minLength: word.length,
      maxLength: word.length,
    })
    .map((choices) => {
      let out = '';
      for (let at = 0; at < word.length; at++) {
        const [pick, pair, between] = choices[at]!;
        const two = word.slice(at, at + 2);
        const options = pair && spellings.has(two) && two.length === 2 ? spellings.get(two)! : spellings.get(word[at]!)!;
        out += options[pick % options.length];
        if (options === spellings.get(two)) at++;
        if (at < word.length - 1) out += between;
      }
      return out;
    })
    .filter((text) => FIRST_WORDS.includes(foldWord(text)))
    .map((text) => ({ word, text })),
);

describe('the first-word pattern', () => {
  it('finds every spelling that text.ts folds to a first word, alone or between separators', () => {
    fc.assert(
      fc.property(respelt, fc.constantFrom(['', ''], [' ', '.'], ['«', '»'], ['ʼ', '’s'], ['\n', '\u00A0']), ({ text }, [before, after]) => {
        expect(pattern.test(before + text + after), JSON.stringify(text)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);

  it('the spellings cover exotic units too: Kelvin sign, dotted capital I, final sigma, ẞ', () => {
    expect(pattern.test('\u212A2')).toBe(true); // K (Kelvin) 2
    expect(pattern.test('STRAUẞ')).toBe(true);
    expect(pattern.test('ΣΟΦΊΑ')).toBe(true);
    expect(pattern.test('Зеленський')).toBe(true);
    expect(pattern.test('Зеленськии\u0306')).toBe(true); // и + combining breve is й
  });

  it('finds no plain ASCII word that is not a first word', () => {
    const asciiWord = fc.stringMatching(/^[A-Za-z0-9]{1,9}$/);
    fc.assert(
      fc.property(fc.array(asciiWord, { maxLength: 8 }), fc.constantFrom(' ', ', ', '-', "'"), (words, gap) => {
        const text = words.join(gap);
        expect(pattern.test(text), text).toBe(words.some((word) => FIRST_WORDS.includes(word.toLowerCase())));
      }),
      { numRuns: 3000 },
    );
  }, 60_000);

  it('matches nothing for an empty lexicon', () => {
    expect(new RegExp(firstWordPattern([]), WORD_PATTERN_FLAGS).test('anything at all, Putin')).toBe(false);
  });
});
