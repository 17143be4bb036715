import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMatcherIndex, createMatcher } from '@/lib/match';
import { createSieve } from '@/lib/match/sieve';
import { findWords, foldWord, hashFolded, UNHASHED } from '@/lib/match/text';
import { testActors } from './match-actors';
import { missedRuns as missedRunsOf, node, reportedBy, type ModelNode } from './sieve-model';
import { anyText, newsLike } from './text-arbitraries';

const matcher = createMatcher(buildMatcherIndex(testActors()));

const reported = (nodes: readonly ModelNode[]) => reportedBy(createSieve(matcher.sieveTables), nodes);
const missedRuns = (nodes: readonly ModelNode[]) => missedRunsOf(createSieve(matcher.sieveTables), matcher.findMentions, nodes);


/** A page as a list of text nodes: news-like texts cut at random points, spread over blocks, with some skipped text. */
const page = fc
  .array(
    fc.record({
      text: fc.oneof(newsLike, newsLike, anyText),
      cuts: fc.array(fc.nat(), { maxLength: 4 }),
      newBlock: fc.boolean(),
      skipped: fc.constantFrom(false, false, false, false, true),
      raw: fc.boolean(),
    }),
    { maxLength: 8 },
  )
  .map((segments) => {
    const nodes: ModelNode[] = [];
    let block = 0;
    for (const { text, cuts, newBlock, skipped, raw } of segments) {
      if (newBlock) block++;
      const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
      let from = 0;
      for (const point of [...points, text.length]) {
        nodes.push(node(text.slice(from, point), block, skipped, skipped && raw));
        from = point;
      }
    }
    return nodes;
  });

describe('the sieve', () => {
  it('never misses a run in which the matcher finds a mention', () => {
    fc.assert(
      fc.property(page, (nodes) => {
        expect(missedRuns(nodes)).toEqual([]);
      }),
      { numRuns: 4000 },
    );
  });

  it('hashes each word while cutting exactly as the index hashes its folded form', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { starts, ends, hashes } = findWords(text);
        hashes.forEach((hash, k) => {
          if (hash !== UNHASHED) expect(hash).toBe(hashFolded(foldWord(text.slice(starts[k], ends[k]))));
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a name split by inline markup, or two blocks with no space between them, both ways', () => {
    expect(missedRuns([node('Vla'), node('dimir Pu'), node('tin said')])).toEqual([]);
    expect(reported([node('Vla'), node('dimir Pu'), node('tin said')]).size).toBeGreaterThan(0);
    // <li>Home</li><li>Putin</li> and <li>Putin</li><li>News</li>: glued in the stream, two words on the page.
    expect(reported([node('Home', 0), node('Putin', 1)])).toContain(1);
    expect(reported([node('Putin', 0), node('News', 1)])).toContain(0);
  });

  it('reports a two-word name by its first two words, and not their first word alone', () => {
    expect(reported([node('They met Robert O’Brien on Monday.')])).toEqual(new Set([0]));
    expect(reported([node('Robert Redford and O’Neill.')])).toEqual(new Set());
    expect(reported([node('With Robert '), node('   '), node('O’Brien, later')])).toEqual(new Set([2]));
  });

  it('reports nothing for text that names nobody, in any script', () => {
    expect(reported([node('The Guardian reports on oceans, whales and the state of the seas.')])).toEqual(new Set());
    expect(reported([node('Città più bella, perché è così. Straße, Ελλάδα.')])).toEqual(new Set());
  });

  it('reads soft hyphens and zero-width characters as part of the word, also at a node edge', () => {
    expect(reported([node('said Vladi\u00ADmir Pu\u200Btin.')])).toEqual(new Set([0]));
    expect(reported([node('said Vladi\u00AD'), node('mir Pu\u200Btin.')]).size).toBeGreaterThan(0);
    expect(missedRuns([node('Zapad'), node('\uFEFF'), node('-2025 drills')])).toEqual([]);
    expect(reported([node('Ro\u00ADbert Red\u200Bford, pre\u00ADsident of nothing')])).toEqual(new Set());
  });

  it('folds accents and case on the way: Ušakov, TRUMP, Трампа', () => {
    expect(reported([node('Jurij Ušakov')])).toEqual(new Set([0]));
    expect(reported([node('TRUMP')])).toEqual(new Set([0]));
    expect(reported([node('встреча Трампа')])).toEqual(new Set([0]));
  });
});
