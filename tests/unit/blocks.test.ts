/**
 * Pack content in blocks (schema v6): the pure layout (hash, event order, name blocks) and the readers
 * on top of it. Blocks of a few items make days, keys and actors' events run across blocks, which the
 * default sizes hide in a small pack: the readers must give what they give with one block of each.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import seed from '@/data/packs/us-russia-2025.json';
import type { ActorKey } from '@/lib/pack/keys';
import type { PackInput } from '@/lib/pack/schema';
import { syntheticPack } from '@/lib/pack/synthetic';
import { validatePack } from '@/lib/pack/validate';
import { actorRecord, actorsOfBlock, blockOf, compareText, eventRecord, cutNameBlocks, orderByPair, eventsOfBlock, hashId, nameBlockIndex, nameBlocksForPrefix, packBlocks, type BlockSizes, type EventBlockRecord } from '@/lib/store/block-layout';
import { actorIdsByNameKeys, eventsOfActor, packContent, packsById } from '@/lib/store/blocks';
import { cardFor } from '@/lib/store/card';
import { BackstoryDatabase } from '@/lib/store/database';
import { installPack, listPacks } from '@/lib/store/packs';
import { describeActors, searchActors } from '@/lib/store/reader';
import { loadTimeline, loadTimelineStart, readPackTimeline } from '@/lib/store/timeline';
import { asData, person, tinyPack, uniqueName } from './helpers';

const validated = (input: unknown) => {
  const check = validatePack(input as PackInput);
  if (!check.ok) throw new Error(JSON.stringify(check.problems.slice(0, 3)));
  return check.pack;
};

const TINY: BlockSizes = { actors: 3, events: 4, sources: 2, names: 5 };

describe('the layout', () => {
  it('hashes ids the same way every time, into every block', () => {
    // FNV-1a of "a": a fixed value, whatever build or browser wrote the blocks.
    expect(hashId('a')).toBe(0xe40c292c);
    expect(hashId('')).toBe(0x811c9dc5);
    const used = new Set(Array.from({ length: 2_000 }, (_, k) => blockOf(`actor-${k}`, 8)));
    expect([...used].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(blockOf('x', 0)).toBeUndefined();
  });

  it('cuts name pairs into blocks without splitting a key, and finds the block of a key or a prefix', () => {
    const pairs = [['ab', '1'], ['ab', '2'], ['ab', '3'], ['abc', '4'], ['b', '5'], ['ba', '6'], ['c', '7']] as const;
    const blocks = cutNameBlocks('p', pairs, 2);
    expect(blocks.map((b) => b.keys)).toEqual([['ab', 'ab', 'ab'], ['abc', 'b'], ['ba', 'c']]);
    const firsts = blocks.map((b) => b.first);
    expect([nameBlockIndex(firsts, 'a'), nameBlockIndex(firsts, 'ab'), nameBlockIndex(firsts, 'b'), nameBlockIndex(firsts, 'zz')]).toEqual([-1, 0, 1, 2]);
    expect(nameBlocksForPrefix(firsts, 'ab')).toEqual(['ab', 'abc']);
    expect(nameBlocksForPrefix(firsts, 'b')).toEqual(['abc', 'ba']);
    expect(nameBlocksForPrefix(firsts, 'c')).toEqual(['ba']);
  });

  it('puts every event in one place, in order of (first day, id), and gives each actor the places of its events', () => {
    const pack = validated(syntheticPack(30, { id: 'gen', eventsPerActor: 4 }));
    const { layout, slices } = packBlocks(pack, TINY);
    const eventBlocks = slices.flatMap((s) => (s.table === 'eventBlocks' ? (s.rows as EventBlockRecord[]) : []));
    expect(eventBlocks.map((b) => b.block)).toEqual([...Array(layout.eventBlocks).keys()]);
    const eventsOf = eventBlocks.map((b) => eventsOfBlock(b));
    const events = eventsOf.flat();
    expect(events.map((e) => e.id).sort()).toEqual(pack.events.map((e) => e.id).sort());
    const order = events.map((e) => `${e.firstDay} ${e.id}`);
    expect(order).toEqual([...order].sort());
    eventBlocks.forEach((b, k) => expect(b.firstDay).toBe(eventsOf[k]![0]!.firstDay));
    const actors = slices.flatMap((s) => (s.table === 'actorBlocks' ? s.rows.flatMap((r) => ('actorsJson' in r ? actorsOfBlock(r) : [])) : []));
    expect(actors).toHaveLength(30);
    for (const actor of actors) {
      const mine = (actor.eventAt ?? []).map(([block, position]) => eventsOf[block]![position]!);
      expect(mine.map((e) => e.id).sort()).toEqual(events.filter((e) => e.actorIds.includes(actor.id)).map((e) => e.id).sort());
    }
    const nameBlocks = slices.flatMap((s) => (s.table === 'nameBlocks' ? s.rows : []));
    expect(nameBlocks.map((b) => ('first' in b ? b.first : ''))).toEqual(layout.nameFirsts);
  });

  it('stores each block as one JSON string, read back as the records items were stored as before v8', () => {
    const pack = validated(seed);
    const { slices } = packBlocks(pack, TINY);
    const rows = slices.flatMap((s) => s.rows as object[]);
    const events = rows.flatMap((r) => ('eventsJson' in r ? eventsOfBlock(r as EventBlockRecord) : []));
    const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
    // v7 stored eventRecord()'s and actorRecord()'s objects (with each actor's eventAt): the same records, field for field.
    expect(byId(events)).toEqual(byId(pack.events.map((e) => eventRecord(pack.id, e))));
    const actors = rows.flatMap((r) => ('actorsJson' in r ? actorsOfBlock(r as Parameters<typeof actorsOfBlock>[0]) : []));
    expect(byId(actors).map(({ eventAt: _, ...a }) => a)).toEqual(byId(pack.actors.map((a) => actorRecord(pack.id, a))));
    // Nothing a block's own key says is repeated in its JSON.
    for (const r of rows) if ('eventsJson' in r) expect((r as EventBlockRecord).eventsJson).not.toMatch(/"(packId|actorIds|firstDay|lastDay)"/);
  });
});

/** The seed pack and a generated one, installed with the given block sizes, and a followed name. */
async function installed(sizes?: BlockSizes) {
  const db = new BackstoryDatabase(uniqueName('blocks'));
  await installPack(db, validated(seed), 'builtin', 1, sizes && { blockSizes: sizes });
  await installPack(db, validated(syntheticPack(60, { id: 'generated', eventsPerActor: 5 })), 'imported', 2, sizes && { blockSizes: sizes });
  await db.readerActors.put({ id: 'tulsi-gabbard', kind: 'person', name: 'Tulsi Gabbard', spellings: [], aliasKeys: ['tulsi gabbard', 'gabbard'], createdAt: 5, updatedAt: 5 });
  return db;
}

describe('reading blocks of a few items', () => {
  it('gives the timeline, cards, search and names that one block of each gives', async () => {
    const [tiny, whole] = [await installed(TINY), await installed({ actors: 10_000, events: 10_000, sources: 10_000, names: 100_000 })];
    expect(await tiny.eventBlocks.count()).toBeGreaterThan(80);
    const reads = async (db: BackstoryDatabase) => {
      const keys: ActorKey[] = ['us-russia-2025/kirill-dmitriev', 'us-russia-2025/vladimir-putin', 'generated/actor-7', 'generated/actor-0'];
      const request = { lang: 'en', today: '2025-12-20', pageActors: [], limit: 100 };
      return {
        list: (await listPacks(db)).map((p) => p.stored),
        cards: await Promise.all(keys.map((actor) => cardFor(db, { ...request, actor }))),
        search: await Promise.all(['d', 'vl', 'а', 'gab', 'zz'].map((typed) => searchActors(db, typed, 'en', 6))),
        names: await describeActors(db, keys, 'it'),
        start: await loadTimelineStart(db, { limit: 30 }),
        timeline: await loadTimeline(db),
      };
    };
    const [a, b] = [await reads(tiny), await reads(whole)];
    expect(a.cards.every((card) => card !== null && card.total > 0)).toBe(true);
    expect(a.search.map((found) => found.length)).toEqual([6, 1, 1, 1, 0]);
    expect(a.search[3]!.map((found) => found.key)).toEqual(['reader/tulsi-gabbard']);
    expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)));
    // Pages of one block to pages of everything: the same timeline.
    const inOne = await readPackTimeline(tiny, { pageSize: 1_000_000 });
    for (const pageSize of [1, 5, 13]) {
      const paged = await readPackTimeline(tiny, { pageSize, pause: async () => undefined });
      expect(paged).toEqual(inOne);
      expect(asData(paged.events)).toEqual(asData(inOne.events));
    }
  });

  it('shows a window of rows from many blocks by parsing each block once, then from the rows kept', async () => {
    const db = await installed(TINY);
    const { events } = await readPackTimeline(db);
    // Every 4th entry: with 4 events a block, rows from about as many blocks as rows, more than the 4 kept parsed.
    const window = events.filter((_, i) => i % 4 === 0).slice(0, 30);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const first = window.map((e) => [e.title, e.summary, e.sources]);
      const parsedOnce = parse.mock.calls.length;
      expect(parsedOnce).toBeGreaterThan(4);
      expect(parsedOnce).toBeLessThanOrEqual(window.length);
      // A render reads each row's text again: nothing is parsed for it.
      expect(window.map((e) => [e.title, e.summary, e.sources])).toEqual(first);
      expect(parse.mock.calls.length).toBe(parsedOnce);
    } finally {
      parse.mockRestore();
    }
    // What was read is each entry's own event, as a fresh read of the timeline gives it.
    const again = await readPackTimeline(db);
    expect(asData(window)).toEqual(asData(again.events.filter((_, i) => i % 4 === 0).slice(0, 30)));
  });

  it("finds an actor's events through its places, and actors by spelling or Wikidata item", async () => {
    const db = await installed(TINY);
    const packs = await packsById(db);
    const { actors, events } = await packContent(db, 'generated');
    const actor = actors.find((a) => a.id === 'actor-7')!;
    expect((await eventsOfActor(db, actor)).map((e) => e.id).sort()).toEqual(events.filter((e) => e.actorIds.includes('actor-7')).map((e) => e.id).sort());
    const putin = (await packContent(db, 'us-russia-2025')).actors.find((a) => a.id === 'vladimir-putin')!;
    expect(await actorIdsByNameKeys(db, ['путину'], packs.values())).toEqual([['us-russia-2025', 'vladimir-putin']]);
    if (putin.wikidata) expect(await actorIdsByNameKeys(db, [`wd:${putin.wikidata}`], packs.values())).toEqual([['us-russia-2025', 'vladimir-putin']]);
  });
});

describe("another pack's copy of a person", () => {
  it('is found by its Wikidata item alone, under names the asked actor never uses (issue 15 Deliver 3)', async () => {
    // The same person in two packs, with one event each: only the Wikidata item is shared.
    const pack = (id: string, actorId: string, name: string) => tinyPack(id, `${id} Times`, [person(actorId, name, { wikidata: 'Q110000009' })]);
    const db = new BackstoryDatabase(uniqueName('wikidata-copy'));
    await installPack(db, validated(pack('alpha', 'envoy', 'Steve Witkoff')), 'imported', 1);
    // Beta writes him in Cyrillic only: no spelling in common with alpha's.
    await installPack(db, validated(pack('beta', 'vitkoff', 'Стив Уиткофф')), 'imported', 2);
    const card = await cardFor(db, { actor: 'alpha/envoy', lang: 'en', today: '2025-12-20', pageActors: [], limit: 10 });
    expect(card!.total).toBe(2);
    expect(card!.events.map((e) => e.key).sort()).toEqual(['alpha/envoy-event', 'beta/vitkoff-event']);
    expect(card!.events.map((e) => e.pack).sort()).toEqual(['Pack alpha', 'Pack beta']);
  });
});

describe('orderByPair', () => {
  const byComparator = (pairs: [string, string][]) =>
    pairs.map((_, i) => i).sort((x, y) => compareText(pairs[x]![0], pairs[y]![0]) || compareText(pairs[x]![1], pairs[y]![1]));
  // Few letters, so that equal texts, prefixes of each other and ties are common; surrogates and NUL too.
  const text = fc.array(fc.constantFrom('a', 'b', '-', '\0', '\u{1F600}', 'é', '\uffff'), { maxLength: 4 }).map((cs) => cs.join(''));

  it('orders indexes as the comparator sort does, ties in index order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 60 }), (pairs) => {
        expect(orderByPair(pairs.length, (i) => pairs[i]![0], (i) => pairs[i]![1])).toEqual(byComparator(pairs));
      }),
      { numRuns: 2_000 },
    );
  });

  it('orders days and ids like the event blocks need', () => {
    const pairs: [string, string][] = [['2025-02-01', 'b'], ['2025-01-31', 'z'], ['2025-02-01', 'a-b'], ['2025-02-01', 'a'], ['2024-12-31', 'c']];
    expect(orderByPair(pairs.length, (i) => pairs[i]![0], (i) => pairs[i]![1])).toEqual([4, 1, 3, 2, 0]);
  });
});
