/**
 * Two packs that know the same person (issue 15, "Conflicts between packs"): one actor with both packs'
 * events, each citing its own pack, in the card and the side panel's timeline, and one actor to the
 * matcher; a name two different actors share stays ambiguous across packs as within one.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { buildMatcherIndex, createMatcher, type MatcherActor } from '@/lib/match';
import { sameActorGroups, shownKeys, type ActorIdentity } from '@/lib/pack/identity';
import type { PackInput } from '@/lib/pack/schema';
import { validatePack } from '@/lib/pack/validate';
import { cardFor } from '@/lib/store/card';
import { BackstoryDatabase } from '@/lib/store/database';
import { installPack } from '@/lib/store/packs';
import { loadTimeline } from '@/lib/store/timeline';
import { person, tinyPack, uniqueName } from './helpers';

// Pack "alpha" and pack "beta" both know Witkoff (by his Wikidata item, under different display names) and
// Rubio (by name and kind, neither gives an item). Each has its own "Smith", two different people.
const alpha = tinyPack('alpha', 'Alpha Times', [
  person('steve-witkoff', 'Steve Witkoff', { wikidata: 'Q110000001' }),
  person('marco-rubio', 'Marco Rubio'),
  person('john-smith', 'John Smith', { wikidata: 'Q110000002' }),
]);
const beta = tinyPack('beta', 'Beta Post', [
  person('witkoff', 'Steven Witkoff', { wikidata: 'Q110000001', aliases: [{ text: 'Steven Witkoff', lang: 'en' }, { text: 'Steve Witkoff', lang: 'en' }, { text: 'Witkoff', lang: 'en', part: 'surname' }] }),
  person('rubio', 'Marco Rubio'),
  person('smith', 'John Smith', { wikidata: 'Q110000003' }),
]);

const identities = (...packs: PackInput[]): ActorIdentity[] =>
  packs.flatMap((p) => p.actors.map((a) => ({ key: `${p.id}/${a.id}`, kind: a.kind, name: a.name, ...(a.wikidata && { wikidata: a.wikidata }) })));

describe('sameActorGroups', () => {
  it('joins the same Wikidata item, else the same name and kind, across packs', () => {
    expect(sameActorGroups(identities(alpha, beta))).toEqual([
      ['alpha/steve-witkoff', 'beta/witkoff'],
      ['alpha/marco-rubio', 'beta/rubio'],
    ]);
    expect(shownKeys(identities(alpha, beta)).get('beta/rubio')).toBe('alpha/marco-rubio');
  });

  it('keeps apart two items of one name, a name without an item between them, other kinds, and two actors of one pack', () => {
    const third = { key: 'gamma/john-smith', kind: 'person', name: { en: 'John Smith' } };
    const organization = { key: 'gamma/marco-rubio', kind: 'organization', name: { en: 'Marco Rubio' } };
    const twin = { key: 'alpha/marco-rubio-2', kind: 'person', name: { en: 'Marco Rubio' } };
    const groups = sameActorGroups([...identities(alpha, beta), third, organization, twin]);
    expect(groups.flat()).not.toContain('alpha/john-smith');
    expect(groups.flat()).not.toContain('gamma/john-smith');
    expect(groups.flat()).not.toContain('gamma/marco-rubio');
    expect(groups.find((g) => g.includes('beta/rubio'))).toEqual(['alpha/marco-rubio', 'beta/rubio']);
  });

  it('takes an item given on one side only as no contradiction', () => {
    expect(sameActorGroups([
      { key: 'a/x', kind: 'person', name: { en: 'Ana Ruiz' }, wikidata: 'Q5' },
      { key: 'b/x', kind: 'person', name: { en: 'Ána Ruíz' } },
    ])).toEqual([['a/x', 'b/x']]);
  });
});

describe('the matcher with two packs', () => {
  const actorsOf = (...packs: PackInput[]): MatcherActor[] =>
    packs.flatMap((p) => p.actors.map((a) => ({ key: `${p.id}/${a.id}` as const, aliases: a.aliases, identity: { kind: a.kind, name: a.name, wikidata: a.wikidata } })));
  const matcher = createMatcher(buildMatcherIndex(actorsOf(alpha, beta)));

  it('highlights two packs’ copies of one person as one actor, unambiguous, by either pack’s names', () => {
    const mentions = matcher.findMentions('Steven Witkoff met Marco Rubio; Witkoff left.');
    expect(mentions.map((m) => [m.actor, m.ambiguous])).toEqual([
      ['alpha/steve-witkoff', false],
      ['alpha/marco-rubio', false],
      ['alpha/steve-witkoff', false],
    ]);
  });

  it('treats a name two different actors of two packs share as ambiguous, as within one pack', () => {
    expect(matcher.findMentions('John Smith spoke.').map((m) => m.ambiguous)).toEqual([true]);
  });

  it('without identities (the old index) every shared name was a tie', () => {
    const bare = createMatcher(buildMatcherIndex(actorsOf(alpha, beta).map(({ identity: _, ...rest }) => rest)));
    expect(bare.findMentions('Marco Rubio').map((m) => m.ambiguous)).toEqual([true]);
  });
});

async function installed(...packs: PackInput[]) {
  const db = new BackstoryDatabase(uniqueName('conflicts'));
  for (const p of packs) {
    const check = validatePack(p);
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    await installPack(db, check.pack, 'imported');
  }
  return db;
}

describe('the card and the timeline with two packs', () => {
  it('gives one card with both packs’ events, each citing its own pack and sources, whichever copy is asked', async () => {
    const db = await installed(alpha, beta);
    for (const asked of ['alpha/steve-witkoff', 'beta/witkoff'] as const) {
      const card = await cardFor(db, { actor: asked, lang: 'en', today: '2026-01-01', pageActors: [], limit: 5 });
      expect(card!.total).toBe(2);
      expect(card!.events.map((e) => [e.key, e.pack, e.sources.map((s) => s.outlet)]).sort()).toEqual([
        ['alpha/steve-witkoff-event', 'Pack alpha', ['Alpha Times']],
        ['beta/witkoff-event', 'Pack beta', ['Beta Post']],
      ]);
    }
    const smith = await cardFor(db, { actor: 'alpha/john-smith', lang: 'it', today: '2026-01-01', pageActors: [], limit: 5 });
    expect(smith!.events.map((e) => e.key)).toEqual(['alpha/john-smith-event']);
  });

  it('names no pack on a card when only one pack is installed', async () => {
    const db = await installed(alpha);
    const card = await cardFor(db, { actor: 'alpha/marco-rubio', lang: 'en', today: '2026-01-01', pageActors: [], limit: 5 });
    expect(card!.events).toHaveLength(1);
    expect(card!.events[0]).not.toHaveProperty('pack');
  });

  it('lists one timeline actor with both packs’ spellings, and both packs’ events under its key', async () => {
    const db = await installed(alpha, beta);
    const { actors, events } = await loadTimeline(db);
    expect(actors.map((a) => a.key).sort()).toEqual(['alpha/john-smith', 'alpha/marco-rubio', 'alpha/steve-witkoff', 'beta/smith']);
    expect(actors.find((a) => a.key === 'alpha/steve-witkoff')!.spellings.split('\n')).toEqual(expect.arrayContaining(['Steve Witkoff', 'Steven Witkoff']));
    const witkoff = events.filter((e) => e.actors.includes('alpha/steve-witkoff'));
    expect(witkoff.map((e) => [e.key, e.pack?.en, e.sources[0]!.outlet]).sort()).toEqual([
      ['alpha/steve-witkoff-event', 'Pack alpha', 'Alpha Times'],
      ['beta/witkoff-event', 'Pack beta', 'Beta Post'],
    ]);
  });
});
