/**
 * The native sieve's promise, the same as the hash sieve's (sieve.property.test.ts): no run of text
 * nodes in which the matcher finds a mention goes unreported, on the test actors, on the shipped pack
 * and on a synthetic pack, with names cased, accented, soft-hyphenated and split over nodes at random.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import pack from '@/data/packs/us-russia-2025.json';
import { buildMatcherIndex, createMatcher, type Matcher, type MatcherActor } from '@/lib/match';
import { compileRegexSieve, createRegexSieve } from '@/lib/match/regex-sieve';
import { firstWordPattern, lexiconOfIndex } from '@/lib/match/word-pattern';
import { Pack } from '@/lib/pack/schema';
import { syntheticPack } from '@/lib/pack/synthetic';
import { testActors } from './match-actors';
import { missedRuns as missedRunsOf, node, reportedBy, type ModelNode } from './sieve-model';
import { anyText, gaps, invisibles, newsLike, noise } from './text-arbitraries';

interface Lexicon {
  matcher: Matcher;
  pattern: RegExp;
  aliasTexts: string[];
}

/** `pairs`: first words that begin only longer aliases need their second word (firstWordPattern's second argument). */
function lexiconOf(actors: MatcherActor[], pairs: boolean): Lexicon {
  const index = buildMatcherIndex(actors);
  const { firstWords, secondWords } = lexiconOfIndex(index);
  return {
    matcher: createMatcher(index),
    pattern: compileRegexSieve(firstWordPattern(firstWords, pairs ? secondWords : undefined)),
    aliasTexts: actors.flatMap(({ aliases }) => aliases.flatMap((alias) => [alias.text, ...(alias.forms ?? [])])),
  };
}

const parsed = Pack.parse(pack);
const packActors = (input: { id: string; actors: { id: string; aliases: MatcherActor['aliases'] }[] }): MatcherActor[] =>
  input.actors.map((actor) => ({ key: `${input.id}/${actor.id}`, aliases: actor.aliases }));
const lexicons = {
  'the test actors, first words': lexiconOf(testActors(), false),
  'the test actors, pairs': lexiconOf(testActors(), true),
  'the shipped pack, pairs': lexiconOf(packActors(parsed), true),
  'a synthetic pack, pairs': lexiconOf(packActors(syntheticPack(300)), true),
};

const reported = (lexicon: Lexicon, nodes: readonly ModelNode[]) => reportedBy(createRegexSieve(lexicon.pattern), nodes);
const missedRuns = (lexicon: Lexicon, nodes: readonly ModelNode[]) =>
  missedRunsOf(createRegexSieve(lexicon.pattern), lexicon.matcher.findMentions, nodes);

const ACCENTS = ['\u0301', '\u0300', '\u0308', '\u030C', '\u0327'];
/** An alias as pages misspell it: any case, a letter accented (precomposed or not), an invisible inside. */
const mangled = (aliasTexts: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...aliasTexts),
      fc.constantFrom('as is', 'upper', 'lower', 'accent', 'decomposed', 'invisible'),
      fc.nat(),
      fc.constantFrom(...ACCENTS),
      fc.constantFrom(...invisibles),
    )
    .map(([text, how, at, accent, invisible]) => {
      const cut = at % (text.length + 1);
      if (how === 'upper') return text.toUpperCase();
      if (how === 'lower') return text.toLowerCase();
      if (how === 'invisible') return text.slice(0, cut) + invisible + text.slice(cut);
      const decomposed = text.slice(0, cut) + accent + text.slice(cut);
      return how === 'decomposed' ? decomposed : how === 'accent' ? decomposed.normalize('NFC') : text;
    });

const newsOf = (aliasTexts: string[]) =>
  fc
    .array(fc.tuple(fc.oneof(mangled(aliasTexts), mangled(aliasTexts), fc.constantFrom(...noise), fc.string({ maxLength: 3 })), fc.constantFrom(...gaps)), {
      maxLength: 12,
    })
    .map((parts) => parts.map(([piece, gap]) => piece + gap).join(''));

/** A page as text nodes: texts cut at random points (inline markup), spread over blocks, some skipped. */
const pageOf = (text: fc.Arbitrary<string>) =>
  fc
    .array(
      fc.record({
        text,
        cuts: fc.array(fc.nat(), { maxLength: 5 }),
        newBlock: fc.boolean(),
        skipped: fc.constantFrom(false, false, false, false, true),
        raw: fc.boolean(),
      }),
      { maxLength: 8 },
    )
    .map((segments) => {
      const nodes: ModelNode[] = [];
      let block = 0;
      for (const { text: data, cuts, newBlock, skipped, raw } of segments) {
        if (newBlock) block++;
        const points = [...new Set(cuts.map((cut) => cut % (data.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const point of [...points, data.length]) {
          nodes.push(node(data.slice(from, point), block, skipped, skipped && raw));
          from = point;
        }
      }
      return nodes;
    });

describe('the regex sieve', () => {
  for (const [name, lexicon] of Object.entries(lexicons)) {
    it(`never misses a run in which the matcher finds a mention: ${name}`, () => {
      const testActorsLexicon = name.startsWith('the test actors');
      const texts = testActorsLexicon ? fc.oneof(newsLike, newsOf(lexicon.aliasTexts), anyText) : fc.oneof(newsOf(lexicon.aliasTexts), anyText);
      fc.assert(
        fc.property(pageOf(texts), (nodes) => {
          expect(missedRuns(lexicon, nodes)).toEqual([]);
        }),
        { numRuns: testActorsLexicon ? 3000 : 1500 },
      );
    }, 60_000); // seconds of work on a shared 2-core machine: vitest's 5 s default fails it under load
  }

  const actors = lexicons['the test actors, first words'];
  const paired = lexicons['the test actors, pairs'];

  it('reads a name split by inline markup both ways: glued, and as two blocks side by side', () => {
    // "Pu<b>tin</b>": the word is whole only when the two pieces are glued.
    expect(reported(actors, [node('said Pu'), node('tin today')])).toEqual(new Set([0, 1]));
    expect(reported(actors, [node('P'), node('u'), node('tin')])).toEqual(new Set([0, 1, 2]));
    expect(reported(actors, [node('said Vla'), node('dimir')])).toEqual(new Set([0, 1]));
    // <li>Home</li><li>Putin</li> and <li>Putin</li><li>News</li>: glued in the stream, two words on the page.
    expect(reported(actors, [node('Home'), node('Putin', 1)])).toContain(1);
    expect(reported(actors, [node('Putin'), node('News', 1)])).toContain(0);
    // A space, or a blank node, between the pieces: two words, neither a name.
    expect(reported(actors, [node('said Pu'), node(' tin')])).toEqual(new Set());
    expect(reported(actors, [node('said Pu'), node('  '), node('tin')])).toEqual(new Set());
  });

  it('folds case, accents, ß and invisibles as text.ts does', () => {
    for (const text of ['TRUMP', 'Trump’s', 'Jurij Ušakov', 'Uschakow', 'встреча Трампа', 'Vladi\u00ADmir', 'Pu\u200Btin', 'Pu\u0301tin', 'Путин\u0301'])
      expect(reported(actors, [node(text)]), text).toEqual(new Set([0]));
  });

  it('keeps word edges: a first word inside a longer word is not one', () => {
    for (const text of ['Putinism', 'Путинизм', 'xputin', 'Trumpet', '2Putin', 'Put in', 'The Guardian reports on oceans.', 'Città più bella, Straße, Ελλάδα.'])
      expect(reported(actors, [node(text)]), text).toEqual(new Set());
    // U+02BC is an apostrophe to text.ts, and an invisible before a word belongs to no word.
    expect(reported(actors, [node('Oʼputin')])).toEqual(new Set([0]));
    expect(reported(actors, [node('\u00ADPutin')])).toEqual(new Set([0]));
  });

  it('with pairs, wants the second word of a longer alias after its first, or the text to end before one', () => {
    expect(reported(paired, [node('They met Robert O’Brien on Monday.')])).toEqual(new Set([0]));
    expect(reported(paired, [node('Robert Redford and O’Neill.')])).toEqual(new Set());
    expect(reported(paired, [node('With Robert '), node('   '), node('O’Brien, later')])).toContain(0);
    expect(reported(paired, [node('With Robert O’'), node('Bri'), node('en, later')]).has(0)).toBe(true);
    // without pairs, the first word alone is enough
    expect(reported(actors, [node('Robert Redford and O’Neill.')])).toEqual(new Set([0]));
  });
});
