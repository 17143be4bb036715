/** The search's folded texts of a block of entries as one string: the same answers as a test per entry's text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FoldedRun } from '@/lib/timeline/folded-run';

describe('a run of folded texts', () => {
  it('says which entries hold a word, never across two entries', () => {
    const run = FoldedRun.of([' talks 12 ', ' colloqui 123 ', '', ' talks talks ', ' 3 ']);
    expect(run.length).toBe(5);
    expect([0, 1, 2, 3, 4].map((at) => run.has('talks', at))).toEqual([true, false, false, true, false]);
    expect([0, 1, 2, 3, 4].map((at) => run.has('12', at))).toEqual([true, true, false, false, false]);
    // "12 " ends entry 0 and " colloqui" begins entry 1: no word is found across the break.
    expect([0, 1, 2, 3, 4].map((at) => run.has('2colloqui', at))).toEqual([false, false, false, false, false]);
    expect(run.has('3', 4)).toBe(true);
    expect(run.has('3', 1)).toBe(true);
  });

  it('answers as includes() on each text, for any texts and words, with more words than it keeps', () => {
    const text = fc.stringMatching(/^[ a-c0-2]{0,12}$/);
    fc.assert(
      fc.property(fc.array(text, { maxLength: 20 }), fc.array(fc.stringMatching(/^[a-c0-2]{1,3}$/), { minLength: 1, maxLength: 9 }), (texts, words) => {
        const run = FoldedRun.of(texts);
        // Each word twice, after others: kept answers and answers found again agree.
        for (const word of [...words, ...words]) expect(texts.map((_, at) => run.has(word, at))).toEqual(texts.map((t) => t.includes(word)));
      }),
    );
  });
});
