import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLexicon, buildMatcherIndex, createLexiconMatcher, createMatcher, partsFor, type AliasInput, type Matcher, type MatcherActor, type Mention } from '@/lib/match';
import { inflectedForms } from '@/lib/match/inflection';
import { cutPhrase, findWords, hashFolded } from '@/lib/match/text';
import { anyText, invisibles, newsLike } from './text-arbitraries';
import { testActors } from './match-actors';

const actors = testActors();
const matcher = createMatcher(buildMatcherIndex(actors));

/** A name as the matcher sees it: folded words and canonical gaps, the case and accents gone. */
function spellingKey(text: string): string {
  const { folded, gaps, trail } = cutPhrase(text);
  return folded.map((word, k) => (k === 0 ? word : gaps[k - 1] + word)).join('') + trail;
}

/** Every spelling an actor may be found by (alias texts, irregular forms, declined last words) → actors. */
const knownSpellings = new Map<string, Set<string>>();
/** The same for surname aliases only: the spellings a given name or patronymic may stand before. */
const surnameSpellings = new Map<string, Set<string>>();
for (const { key, aliases } of actors) {
  for (const alias of aliases) {
    for (const text of [alias.text, ...(alias.forms ?? [])]) {
      const base = spellingKey(text);
      const spellings = [base];
      const last = cutPhrase(text).folded.at(-1) ?? '';
      if (text === alias.text && alias.inflect !== false) {
        for (const form of inflectedForms(last, alias.lang)) spellings.push(base.slice(0, base.length - last.length) + form);
      }
      for (const spelling of spellings) {
        knownSpellings.set(spelling, (knownSpellings.get(spelling) ?? new Set()).add(key));
        if (alias.part === 'surname') surnameSpellings.set(spelling, (surnameSpellings.get(spelling) ?? new Set()).add(key));
      }
    }
  }
}

/**
 * Whether a mention's text is a spelling of `actor`: an alias as listed, or a surname with up to two
 * capitalised words before it (a given name close to the actor's, a patronymic: see wordsBeforeSurname).
 */
function spellsActor(text: string, actor: string): boolean {
  if (knownSpellings.get(spellingKey(text))?.has(actor)) return true;
  const { starts } = findWords(text);
  for (let skip = 1; skip <= 2 && skip < starts.length; skip++) {
    const initial = text[starts[skip - 1]!]!;
    if (initial === initial.toLowerCase()) return false;
    if (surnameSpellings.get(spellingKey(text.slice(starts[skip])))?.has(actor)) return true;
  }
  return false;
}

function expectWellFormed(text: string, mentions: readonly Mention[]) {
  let previousEnd = 0;
  for (const mention of mentions) {
    expect(Number.isInteger(mention.start) && Number.isInteger(mention.end)).toBe(true);
    expect(mention.start).toBeGreaterThanOrEqual(previousEnd);
    expect(mention.end).toBeGreaterThan(mention.start);
    expect(mention.end).toBeLessThanOrEqual(text.length);
    previousEnd = mention.end;
  }
}

describe('findMentions properties', () => {
  it('never throws and returns sorted, non-overlapping, in-range mentions', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectWellFormed(text, matcher.findMentions(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same answer for the same text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(matcher.findMentions(text)).toEqual(matcher.findMentions(text));
      }),
      { numRuns: 500 },
    );
  });

  it('only reports text that folds to a spelling of the reported actor', () => {
    fc.assert(
      fc.property(newsLike, (text) => {
        for (const mention of matcher.findMentions(text)) {
          const found = text.slice(mention.start, mention.end);
          expect(spellsActor(found, mention.actor), `${found} for ${mention.actor}`).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the same actors when soft hyphens or zero-width characters sit inside words', () => {
    const betweenLetters = /(?<=[\p{L}])(?=[\p{L}])/gu;
    fc.assert(
      fc.property(newsLike, fc.array(fc.nat()), fc.constantFrom(...invisibles), (text, picks, invisible) => {
        const places = [...text.matchAll(betweenLetters)].map((match) => match.index);
        const chosen = new Set(picks.map((pick) => places[pick % Math.max(1, places.length)]));
        let hyphenated = '';
        for (let at = 0; at <= text.length; at++) hyphenated += (chosen.has(at) ? invisible : '') + (text[at] ?? '');
        const actorsIn = (page: string) => matcher.findMentions(page).map((mention) => mention.actor);
        expect(actorsIn(hyphenated)).toEqual(actorsIn(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every alias text standing alone between spaces', () => {
    fc.assert(
      fc.property(fc.constantFrom(...actors), fc.nat(), (actor, pick) => {
        const alias = actor.aliases[pick % actor.aliases.length];
        if (!alias) return;
        const text = `— ${alias.text} —`;
        const found = matcher.findMentions(text);
        expect(found.map((mention) => text.slice(mention.start, mention.end))).toEqual([alias.text]);
      }),
      { numRuns: 300 },
    );
  });

  it('copes with a 1 MB block', () => {
    const block = 'Vladimir Putin met Трампа in the Kremlin; 👍🏽\uD800 Waltz said. '.repeat(17_000);
    expect(block.length).toBeGreaterThan(1_000_000);
    const mentions = matcher.findMentions(block);
    expect(mentions).toHaveLength(4 * 17_000);
    expectWellFormed(block, mentions);
  });
});

/** Deterministic made-up people: 100,000 of them, a third with a Russian surname alias. */
const latin = ['ka', 'lo', 'mir', 'ven', 'dra', 'to', 'sel', 'gu', 'ran', 'bek', 'zo', 'pit'];
const cyrillic = ['ка', 'ло', 'мир', 'вен', 'дра', 'то', 'сел', 'гу', 'ран', 'бек', 'зо', 'пит'];
const syllableWord = (syllables: string[], n: number, length: number) => {
  let text = '';
  for (let k = 0; k < length; k++, n = Math.floor(n / syllables.length)) text += syllables[n % syllables.length];
  return text.charAt(0).toUpperCase() + text.slice(1);
};
/** Generated actor n's names: 1,728 given names, so each starts the full names of about 58 actors. */
const generatedName = (n: number) => ({ given: syllableWord(latin, n * 7 + 3, 3), surname: syllableWord(latin, n, 5) + 'ov' });

function generatedActors(count: number): MatcherActor[] {
  return Array.from({ length: count }, (_, n) => {
    const { given, surname } = generatedName(n);
    const aliases: AliasInput[] = [
      { text: `${given} ${surname}`, lang: 'en' },
      { text: surname, lang: 'en', part: 'surname' },
    ];
    if (n % 3 === 0) aliases.push({ text: `${syllableWord(cyrillic, n, 5)}ов`, lang: 'ru', part: 'surname' });
    return { key: `generated/person-${n}`, aliases };
  });
}

/**
 * Text naming generated actors the ways that test a page's cut parts: a given name before its own
 * surname, before another actor's surname, before an ordinary word, at the end of a text, a surname alone.
 */
const generatedNews = fc
  .array(fc.tuple(fc.nat(99_999), fc.nat(99_999), fc.constantFrom('own', 'other', 'word', 'end', 'surname')), { minLength: 1, maxLength: 10 })
  .map((picks) =>
    picks
      .map(([n, m, how]) => {
        const { given, surname } = generatedName(n);
        if (how === 'own') return `${given} ${surname} said`;
        if (how === 'other') return `${given} ${generatedName(m).surname} said`;
        if (how === 'word') return `${given} said`;
        if (how === 'end') return `and ${given}.`;
        return `${surname} said`;
      })
      .join(' and '),
  );

function medianScanTime(scanner: Matcher, text: string, runs: number): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    scanner.findMentions(text);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Infinity;
}

describe('scale', () => {
  it('scans as fast with 100,000 actors as with a dozen', { timeout: 120_000 }, () => {
    const big = createMatcher(buildMatcherIndex([...actors, ...generatedActors(100_000)]));
    const sentence =
      'On Tuesday Vladimir Putin told Steve Witkoff that the Kremlin wants «normalisation»; Трампа и Лаврову ' +
      'передали, Il presidente Putin e Jurij Ušakov, while a waltz played and Kalomirovs stayed home. ';
    const text = sentence.repeat(Math.ceil(100_000 / sentence.length));
    expect(big.findMentions(text).length).toBeGreaterThanOrEqual(matcher.findMentions(text).length);

    for (let warmUp = 0; warmUp < 3; warmUp++) {
      matcher.findMentions(text);
      big.findMentions(text);
    }
    const small = medianScanTime(matcher, text, 9);
    const large = medianScanTime(big, text, 9);
    console.log(`100 kB scan: ${small.toFixed(1)} ms with ${actors.length} actors, ${large.toFixed(1)} ms with 100,000 more`);
    expect(large).toBeLessThan(3 * small);
  });

  it('finds, from the parts a page asks for, exactly what the whole 100,000-actor index finds', { timeout: 120_000 }, () => {
    const lexicon = buildLexicon(buildMatcherIndex([...actors, ...generatedActors(100_000)]), () => 'person');
    const whole = createLexiconMatcher(lexicon.head);
    whole.add(partsFor(lexicon.firstWords.map((word) => [hashFolded(word)] as const), lexicon.buckets.length, (bucket) => lexicon.buckets[bucket]));
    const bucketAt = (bucket: number) => lexicon.buckets[bucket];
    fc.assert(
      fc.property(fc.array(fc.oneof(newsLike, anyText, generatedNews), { maxLength: 4 }), (texts) => {
        const page = createLexiconMatcher(lexicon.head);
        const asked = page.candidates(texts);
        const part = partsFor(asked, lexicon.buckets.length, bucketAt);
        page.add(part);
        for (const text of texts) expect(page.findMentions(text)).toEqual(whole.findMentions(text));
        // A page holds what its words reach, not the pack: a given name brings only the surnames after it
        // on the page (each of the 1,728 starts about 58 names), not all the names it starts.
        expect(part.edges.length).toBeLessThanOrEqual(20 * (asked.length + 1));
        // Asked once: the same texts again ask for nothing.
        expect(page.candidates(texts)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
