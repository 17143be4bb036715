import { describe, expect, it, vi } from 'vitest';

/** A fresh copy of lib/match/text.ts: its tables are module state, learnt unit by unit. */
const freshText = async () => {
  vi.resetModules();
  return import('../../lib/match/text');
};

describe('the fold table a page is handed (text.ts foldTableOf / learnFoldTable)', () => {
  it('gives a page the same kinds and folds it would learn itself, for every common unit', async () => {
    const background = await freshText();
    const table = background.foldTableOf();
    const page = await freshText();
    page.learnFoldTable(table);
    const learnt = await freshText();
    let units = 0;
    for (const [first, last] of page.COMMON_UNITS)
      for (let unit = first; unit <= last; unit++, units++) {
        const kind = learnt.kindOf(unit);
        // The handed-over table is there before any kindOf call: the page's own tables say it.
        expect([page.kinds[unit], page.foldUnits[unit], page.foldUnits2[unit]], `U+${unit.toString(16)}`).toEqual([kind, learnt.foldUnits[unit], learnt.foldUnits2[unit]]);
      }
    expect(units).toBeGreaterThan(1_900);
  });

  it('words are cut and folded the same with the table as without it', async () => {
    const sample = 'Сергей Лавров, Łukasz Müller-Straße and ΣΩΚΡΑΤΗΣ met “Vladimir Putin” — Kirill Dmítriev’s day.';
    const plain = await freshText();
    const expected = { words: plain.findWords(sample), folded: plain.foldWord('Müller-Straße ΣΩΚΡΑΤΗΣ') };
    const handed = await freshText();
    handed.learnFoldTable((await freshText()).foldTableOf());
    expect({ words: handed.findWords(sample), folded: handed.foldWord('Müller-Straße ΣΩΚΡΑΤΗΣ') }).toEqual(expected);
  });

  it('ignores a table of the wrong shape and learns as before', async () => {
    const page = await freshText();
    page.learnFoldTable('AAA');
    page.learnFoldTable(undefined);
    expect(page.kinds['a'.charCodeAt(0)]).toBe(0);
    expect(page.kindOf('a'.charCodeAt(0))).toBe(page.PLAIN);
  });
});
