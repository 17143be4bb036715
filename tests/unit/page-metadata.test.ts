/**
 * The page's JSON-LD is written by the page, so reading it must be total and bounded: these inputs
 * are what a broken or hostile page can put there. Each case checks the answer, and where a limit is
 * the point, that the limit is what decides (one element inside it is found, one beyond is not).
 */
import { describe, expect, it } from 'vitest';
import { isoDay, JSON_LD_LIMITS, jsonLdBlocksDatePublished, jsonLdDatePublished, type JsonLdBlock } from '@/lib/page/metadata';

const article = (date: unknown) => JSON.stringify({ '@type': 'NewsArticle', datePublished: date });
/** An array of `index` zeros and then an article. */
const withDateAt = (index: number) => `[${'0,'.repeat(index)}${article('2025-04-01')}]`;

/** Blocks that count how often their text is read. */
function blocks(texts: readonly string[]) {
  const reads: number[] = [];
  const list: JsonLdBlock[] = texts.map((text, i) => ({
    length: text.length,
    text: () => {
      reads.push(i);
      return text;
    },
  }));
  return { list, reads };
}

describe('JSON-LD datePublished, one block', () => {
  it('reads articles, @graph (array or single object) and arrays of them', () => {
    expect(jsonLdDatePublished(article('2025-07-04T10:00:00+02:00'))).toBe('2025-07-04');
    expect(jsonLdDatePublished('{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","datePublished":"2025-07-04"}]}')).toBe('2025-07-04');
    expect(jsonLdDatePublished('{"@graph":{"@type":"NewsArticle","datePublished":"2025-07-05"}}')).toBe('2025-07-05');
    expect(jsonLdDatePublished('[[{"@graph":[[{"datePublished":"2025-07-06"}]]}]]')).toBe('2025-07-06');
    expect(jsonLdDatePublished('{"datePublished":{"@value":"2025-07-07"}}')).toBe('2025-07-07');
  });

  it('prefers the shallowest date: the article’s own over one nested in its @graph', () => {
    expect(jsonLdDatePublished('[{"@graph":[{"datePublished":"2020-01-01"}]},{"datePublished":"2025-01-01"}]')).toBe('2025-01-01');
  });

  it('gives undefined, never throws, for anything that is not JSON or holds no usable date', () => {
    for (const text of ['', '{not json', '{"datePublished":"2025-01-01"', 'null', '0', '1e400', 'true', '"2025-01-01"', '[]', '{}', '\u0000', '[null,1,"x",[]]'])
      expect(jsonLdDatePublished(text), text).toBeUndefined();
    expect(jsonLdDatePublished(undefined as unknown as string)).toBeUndefined();
    expect(jsonLdDatePublished(42 as unknown as string)).toBeUndefined();
  });

  it('skips datePublished values that are not a date string, and impossible dates', () => {
    for (const value of [20250101, null, true, ['2025-01-01'], { date: '2025-01-01' }, '2025-02-30', '2025-13-01', '2025-00-10', '1 March 2025', ''])
      expect(jsonLdDatePublished(article(value)), JSON.stringify(value)).toBeUndefined();
    // A bad date does not hide a good one later in the same block.
    expect(jsonLdDatePublished(`[${article('2025-02-30')},${article(7)},${article('2025-03-01')}]`)).toBe('2025-03-01');
    // A date that is only a long string's prefix is read without scanning the rest.
    expect(jsonLdDatePublished(article(`2025-03-02${'x'.repeat(100_000)}`))).toBe('2025-03-02');
  });

  it('ignores inherited properties: only the block’s own keys count', () => {
    expect(jsonLdDatePublished('{"__proto__":{"datePublished":"2025-01-01"}}')).toBeUndefined();
  });

  it('skips, unparsed, a block holding more than maxValues values: a huge array', () => {
    expect(jsonLdDatePublished(withDateAt(9_000))).toBe('2025-04-01');
    expect(jsonLdDatePublished(withDateAt(JSON_LD_LIMITS.maxValues))).toBeUndefined();
    // Refused by its size alone, even with the date first, where a search would find it at once.
    const dateFirst = (zeros: number) => `[${article('2025-04-04')}${',0'.repeat(zeros)}]`;
    expect(jsonLdDatePublished(dateFirst(JSON_LD_LIMITS.maxValues - 10))).toBe('2025-04-04');
    expect(jsonLdDatePublished(dateFirst(JSON_LD_LIMITS.maxValues))).toBeUndefined();
    // 100,000 elements fit the block's character limit (~128k would); the shape check refuses them.
    expect(jsonLdDatePublished(withDateAt(100_000))).toBeUndefined();
    // Commas inside strings are text, not values.
    expect(jsonLdDatePublished(JSON.stringify({ headline: ','.repeat(50_000), datePublished: '2025-04-03' }))).toBe('2025-04-03');
  });

  it('searches no more than maxNodes values, should a parsed block hold more', () => {
    const unlimitedShape = { ...JSON_LD_LIMITS, maxValues: Number.POSITIVE_INFINITY };
    expect(jsonLdDatePublished(withDateAt(9_000), unlimitedShape)).toBe('2025-04-01');
    expect(jsonLdDatePublished(withDateAt(JSON_LD_LIMITS.maxNodes), unlimitedShape)).toBeUndefined();
    // Many small arrays add up against the same cap (the date sits one level down, after all of them).
    const manyArrays = (count: number) => JSON.stringify([...Array.from({ length: count }, () => Array(100).fill(0)), [{ datePublished: '2025-04-02' }]]);
    expect(jsonLdDatePublished(manyArrays(50), unlimitedShape)).toBe('2025-04-02');
    expect(jsonLdDatePublished(manyArrays(200), unlimitedShape)).toBeUndefined();
  });

  it('searches no deeper than maxDepth, and survives 100,000 levels of nesting', () => {
    const arraysDeep = (levels: number) => `${'['.repeat(levels)}${article('2025-05-01')}${']'.repeat(levels)}`;
    expect(jsonLdDatePublished(arraysDeep(JSON_LD_LIMITS.maxDepth - 1))).toBe('2025-05-01');
    expect(jsonLdDatePublished(arraysDeep(JSON_LD_LIMITS.maxDepth + 1))).toBeUndefined();
    // 100k levels: V8 parses it (or an engine throws RangeError); either way no date and no throw.
    expect(jsonLdDatePublished(arraysDeep(100_000))).toBeUndefined();
    const graphsDeep = `${'{"@graph":'.repeat(20_000)}${article('2025-05-02')}${'}'.repeat(20_000)}`;
    expect(jsonLdDatePublished(graphsDeep)).toBeUndefined();
  });

  it('skips, unparsed, a block nested deeper than maxNesting, even with a date at its top', () => {
    const nestedBeside = (levels: number) => `{"datePublished":"2025-05-03","x":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    expect(jsonLdDatePublished(nestedBeside(JSON_LD_LIMITS.maxNesting))).toBe('2025-05-03');
    expect(jsonLdDatePublished(nestedBeside(JSON_LD_LIMITS.maxNesting + 1))).toBeUndefined();
    // Brackets inside strings, escaped quotes included, are text, not nesting.
    expect(jsonLdDatePublished(`{"headline":"\\\"${'['.repeat(1_000)}","datePublished":"2025-05-04"}`)).toBe('2025-05-04');
  });

  it('refuses a block over maxBlockChars without parsing it', () => {
    const big = JSON.stringify({ datePublished: '2025-06-01', filler: 'x'.repeat(JSON_LD_LIMITS.maxBlockChars) });
    expect(jsonLdDatePublished(big)).toBeUndefined();
  });
});

describe('JSON-LD datePublished, the page’s blocks', () => {
  it('takes the first block with a date, in document order', () => {
    const { list, reads } = blocks(['{bad', article(null), article('2025-08-01'), article('2025-09-01')]);
    expect(jsonLdBlocksDatePublished(list)).toBe('2025-08-01');
    expect(reads).toEqual([0, 1, 2]);
  });

  it('looks at the first maxBlocks of 60 blocks and reads no more', () => {
    const texts = (dateAt: number) => Array.from({ length: 60 }, (_, i) => (i === dateAt ? article('2025-08-02') : '{"@type":"BreadcrumbList"}'));
    expect(jsonLdBlocksDatePublished(blocks(texts(JSON_LD_LIMITS.maxBlocks - 1)).list)).toBe('2025-08-02');
    const beyond = blocks(texts(JSON_LD_LIMITS.maxBlocks));
    expect(jsonLdBlocksDatePublished(beyond.list)).toBeUndefined();
    expect(beyond.reads.length).toBe(JSON_LD_LIMITS.maxBlocks);
  });

  it('skips a 5 MB block without reading its text, and goes on to the next', () => {
    const huge = JSON.stringify({ datePublished: '1999-01-01', filler: 'x'.repeat(5 * 1024 * 1024) });
    const { list, reads } = blocks([huge, article('2025-08-03')]);
    expect(jsonLdBlocksDatePublished(list)).toBe('2025-08-03');
    expect(reads).toEqual([1]);
  });

  it('stops at maxTotalChars: five blocks of 250 KB are not all parsed', () => {
    const filler = JSON.stringify({ '@type': 'WebPage', filler: 'x'.repeat(250 * 1024) });
    const { list, reads } = blocks([filler, filler, filler, filler, filler, article('2025-08-04')]);
    expect(jsonLdBlocksDatePublished(list)).toBeUndefined();
    expect(reads).toEqual([0, 1, 2, 3]);
    // Smaller blocks leave room for the date.
    expect(jsonLdBlocksDatePublished(blocks([filler, filler, article('2025-08-04')]).list)).toBe('2025-08-04');
  });

  it('treats a nonsense length as too big, and never throws', () => {
    const read = (date: string) => () => article(date);
    const good = { length: article('2025-08-06').length, text: read('2025-08-06') };
    expect(jsonLdBlocksDatePublished([{ length: Number.NaN, text: read('1999-01-01') }, { length: -1, text: read('1999-01-02') }, good])).toBe('2025-08-06');
    expect(jsonLdBlocksDatePublished([])).toBeUndefined();
  });
});

describe('isoDay on page-written attributes', () => {
  it('reads only a date at the start and checks the calendar', () => {
    expect(isoDay(' 2025-12-03T08:00:00Z')).toBe('2025-12-03');
    expect(isoDay('2024-02-29')).toBe('2024-02-29');
    expect(isoDay('2025-02-29')).toBeUndefined();
    expect(isoDay(`${' '.repeat(100_000)}2025-12-03`)).toBeUndefined();
    expect(isoDay(null)).toBeUndefined();
    expect(isoDay(12 as unknown as string)).toBeUndefined();
  });
});
