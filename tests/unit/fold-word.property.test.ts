/**
 * foldWord folds an accented word unit by unit from the tables (no Unicode normalisation in a page),
 * and must give exactly what normalising the whole word gives: the index is built from the same
 * function, so any difference would be a name that never meets itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldByUnicode, foldWord } from '@/lib/match/text';

/** Letters of the scripts the packs are written in, with their accents, marks and invisibles, and the units that fold only as a whole. */
const UNITS = [
  ...'abcxyzABCXYZ0129',
  ...'àáâãäåèéêëìíîïòóôõöùúûüýÿñçÀÉÎÕÜÑÇ',
  ...'łŁøØđĐıßẞæÆœŒİğşĞŞăâîșțĂȘȚčšžČŠŽńśźżŃŚŹŻ',
  ...'αβγδεζηθικλμνξοπρστυφχψωάέήίόύώΑΒΓΔΣΩΆΈ',
  ...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯґєіїҐЄІЇ',
  '\u0300', '\u0301', '\u0306', '\u0308', '\u0327', '\u00ad', '\u200b', '\u2060', '\ufeff', 'ﬁ', 'Å', 'Ω', 'ǅ',
];

/**
 * й followed by a combining mark of a lower class (a cedilla): NFD puts the mark between и and the
 * breve, so folding by Unicode loses the breve ("иa"), while folding unit by unit keeps й, as the
 * sieve's and findWords' hashes always have. No language writes this; the tables' answer is the one
 * the page and the index share.
 */
const BREVE_REORDERED = /[йЙ][\u0300-\u036f]/;

describe('foldWord', () => {
  it('folds every word exactly as normalising the whole word does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 12 }), (units) => {
        const word = units.join('');
        fc.pre(!BREVE_REORDERED.test(word));
        expect(foldWord(word)).toBe(foldByUnicode(word));
      }),
      { numRuns: 5_000 },
    );
  });

  it('folds the pack names and titles that carry accents without changing them', () => {
    for (const word of ['Präsident', 'Außenminister', 'Señora', 'Dmítriev', 'Łukasz', 'Зеленський', 'Пётр', 'Vladi\u00admir', 'ΣΩΚΡΑΤΗΣ'])
      expect(foldWord(word)).toBe(foldByUnicode(word));
    expect(foldWord('Präsident')).toBe('prasident');
    expect(foldWord('Й\u0327a')).toBe('йa'); // BREVE_REORDERED: unit by unit, as the hashes read it
    expect(foldWord('Außenminister')).toBe('aussenminister');
  });
});
