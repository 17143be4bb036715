/**
 * Reading pack content from its blocks (schema v6, ./block-layout.ts): actors and sources by key, an
 * actor's events, actors by spelling, Wikidata item or typed prefix, and what a pack has stored. Every
 * function takes the pack records it needs (their `layout` says where things are), or reads them.
 */
import Dexie, { type Table } from 'dexie';
import type { BackstoryDatabase } from './database';
import { actorsOfBlock, blockOf, compareText, eventsOfBlock, isWikidataKey, nameBlockIndex, nameBlocksForPrefix, type NameBlockRecord } from './block-layout';
import type { ActorRecord, EventRecord, PackRecord, SourceRecord } from './records';
import { SLICE_BUDGET_MS } from '../timeline/slices';

/** A pack's blocks in one of the block tables: the key range [packId, …]. */
export function blocksOfPack<T, K extends [string, unknown]>(table: Table<T, K>, packId: string) {
  return table.where(`[packId+${table.name === 'nameBlocks' ? 'first' : 'block'}]`).between([packId, Dexie.minKey], [packId, Dexie.maxKey], true, true);
}

/** The installed packs by id (their layouts). */
export async function packsById(db: BackstoryDatabase): Promise<Map<string, PackRecord>> {
  return new Map((await db.packs.toArray()).map((p) => [p.id, p]));
}

type ItemKey = readonly [packId: string, id: string];

/**
 * Items by [packId, id] from hashed blocks, in the order asked (undefined: unknown): one read of every block
 * involved. With `pause`, the caller's other tasks run between blocks once a slice is used up: a few hundred
 * keys reach most of a 100k pack's actor blocks, and each is parsed whole (a JSON string of ~256 actors).
 */
async function itemsByKey<B, T extends { id: string }>(
  table: Table<B, [string, number]>,
  keys: readonly ItemKey[],
  packs: ReadonlyMap<string, PackRecord>,
  count: (layout: NonNullable<PackRecord['layout']>) => number,
  items: (block: B) => readonly T[],
  pause?: () => Promise<void>,
): Promise<(T | undefined)[]> {
  const places = keys.map(([packId, id]) => {
    const layout = packs.get(packId)?.layout;
    const block = layout && blockOf(id, count(layout));
    return block === undefined ? undefined : ([packId, block] as [string, number]);
  });
  const wanted = [...new Map(places.flatMap((p) => (p ? [[`${p[0]}\u0000${p[1]}`, p] as const] : []))).values()];
  const blocks = await table.bulkGet(wanted);
  const byId = new Map<string, T>();
  let since = performance.now();
  for (let k = 0; k < blocks.length; k++) {
    const block = blocks[k];
    if (block) for (const item of items(block)) byId.set(`${wanted[k]![0]}\u0000${item.id}`, item);
    if (pause && performance.now() - since >= SLICE_BUDGET_MS) {
      await pause();
      since = performance.now();
    }
  }
  return keys.map(([packId, id]) => byId.get(`${packId}\u0000${id}`));
}

export function actorsByKey(db: BackstoryDatabase, keys: readonly ItemKey[], packs: ReadonlyMap<string, PackRecord>, pause?: () => Promise<void>): Promise<(ActorRecord | undefined)[]> {
  return itemsByKey(db.actorBlocks, keys, packs, (l) => l.actorBlocks, actorsOfBlock, pause);
}

export function sourcesByKey(db: BackstoryDatabase, keys: readonly ItemKey[], packs: ReadonlyMap<string, PackRecord>): Promise<(SourceRecord | undefined)[]> {
  return itemsByKey(db.sourceBlocks, keys, packs, (l) => l.sourceBlocks, (b) => b.sources);
}

/** Every event of an actor, in order of first day: only the blocks its `eventAt` names are read. */
export async function eventsOfActor(db: BackstoryDatabase, actor: ActorRecord): Promise<EventRecord[]> {
  const places = actor.eventAt ?? [];
  const numbers = [...new Set(places.map(([block]) => block))];
  const blocks = await db.eventBlocks.bulkGet(numbers.map((block): [string, number] => [actor.packId, block]));
  const byNumber = new Map(numbers.map((n, k) => [n, blocks[k] && eventsOfBlock(blocks[k])]));
  // The actor's check guards against a place that no longer fits (blocks written apart from their actors).
  return places.flatMap(([block, position]) => {
    const event = byNumber.get(block)?.[position];
    return event?.actorIds.includes(actor.id) ? [event] : [];
  });
}

/** [packId, actorId] of the actors that have any of `keys` (alias keys or "wd:Q…" items), each once, pack by pack. */
export async function actorIdsByNameKeys(db: BackstoryDatabase, keys: readonly string[], packs: Iterable<PackRecord>): Promise<[string, string][]> {
  const wanted: [string, string][] = [];
  for (const pack of packs) {
    const firsts = pack.layout?.nameFirsts ?? [];
    for (const first of new Set(keys.flatMap((key) => firsts[nameBlockIndex(firsts, key)] ?? []))) wanted.push([pack.id, first]);
  }
  const asked = new Set(keys);
  const found = new Map<string, [string, string]>();
  for (const block of await db.nameBlocks.bulkGet(wanted)) {
    if (!block) continue;
    block.keys.forEach((key, k) => {
      if (asked.has(key)) found.set(`${block.packId}\u0000${block.actorIds[k]}`, [block.packId, block.actorIds[k]!]);
    });
  }
  return [...found.values()];
}

/**
 * [packId, actorId] of up to `limit` actors with an alias key starting with `prefix`, each once, in the
 * order of their first such key (then pack and id), as a look-up by a key index would give them. Each
 * pack's name blocks are read one by one until that pack alone has `limit`.
 */
export async function actorIdsByPrefix(db: BackstoryDatabase, prefix: string, limit: number, packs: Iterable<PackRecord>): Promise<[string, string][]> {
  const hits: [key: string, packId: string, actorId: string][] = [];
  await Promise.all(
    [...packs].map(async (pack) => {
      const actors = new Set<string>();
      for (const first of nameBlocksForPrefix(pack.layout?.nameFirsts ?? [], prefix)) {
        if (actors.size >= limit) return;
        const block: NameBlockRecord | undefined = await db.nameBlocks.get([pack.id, first]);
        block?.keys.forEach((key, k) => {
          if (!key.startsWith(prefix) || isWikidataKey(key)) return;
          hits.push([key, pack.id, block.actorIds[k]!]);
          actors.add(block.actorIds[k]!);
        });
      }
    }),
  );
  hits.sort((x, y) => compareText(x[0], y[0]) || compareText(x[1], y[1]) || compareText(x[2], y[2]));
  const found = new Map<string, [string, string]>();
  for (const [, packId, actorId] of hits) {
    if (found.size >= limit) break;
    found.set(`${packId}\u0000${actorId}`, [packId, actorId]);
  }
  return [...found.values()];
}

/** Every actor of every pack in key order (pack, then id), as the name index is built from them. */
export async function allActors(db: BackstoryDatabase): Promise<ActorRecord[]> {
  const actors = (await db.actorBlocks.toArray()).flatMap(actorsOfBlock);
  return actors.sort((a, b) => compareText(a.packId, b.packId) || compareText(a.id, b.id));
}

export interface StoredCounts {
  actors: number;
  events: number;
  sources: number;
}

/** Whether every block the pack's layout names is stored: a key count per table, cheap on every open. */
export async function hasEveryBlock(db: BackstoryDatabase, pack: PackRecord): Promise<boolean> {
  const layout = pack.layout;
  if (!layout) return false;
  const counts = await Promise.all([
    blocksOfPack(db.actorBlocks, pack.id).count(),
    blocksOfPack(db.eventBlocks, pack.id).count(),
    blocksOfPack(db.sourceBlocks, pack.id).count(),
    blocksOfPack(db.nameBlocks, pack.id).count(),
  ]);
  return counts.join() === [layout.actorBlocks, layout.eventBlocks, layout.sourceBlocks, layout.nameFirsts.length].join();
}

/**
 * What a pack has stored. Blocks are written and deleted whole, so when every block its layout names is
 * there it holds what its stats say; otherwise the blocks that are left are read and their items counted
 * (a damaged pack: rare, and written again).
 */
export async function storedCounts(db: BackstoryDatabase, pack: PackRecord): Promise<StoredCounts> {
  if (await hasEveryBlock(db, pack)) return { actors: pack.stats.actors, events: pack.stats.events, sources: pack.stats.sources };
  const sum = <B>(blocks: B[], items: (b: B) => readonly unknown[]) => blocks.reduce((n, b) => n + items(b).length, 0);
  const [actors, events, sources] = await Promise.all([
    blocksOfPack(db.actorBlocks, pack.id).toArray(),
    blocksOfPack(db.eventBlocks, pack.id).toArray(),
    blocksOfPack(db.sourceBlocks, pack.id).toArray(),
  ]);
  return { actors: sum(actors, actorsOfBlock), events: sum(events, (b) => eventsOfBlock(b)), sources: sum(sources, (b) => b.sources) };
}

/** Deletes every block of a pack; inside a transaction over the block tables. */
export function deleteBlocks(db: BackstoryDatabase, packId: string) {
  return Promise.all([
    blocksOfPack(db.sourceBlocks, packId).delete(),
    blocksOfPack(db.actorBlocks, packId).delete(),
    blocksOfPack(db.eventBlocks, packId).delete(),
    blocksOfPack(db.nameBlocks, packId).delete(),
  ]);
}

/** Everything a pack has stored, each kind in id order as rows keyed [packId, id] were (tests, the options page's checks). */
export async function packContent(db: BackstoryDatabase, packId: string): Promise<{ actors: ActorRecord[]; events: EventRecord[]; sources: SourceRecord[] }> {
  const [actors, events, sources] = await Promise.all([
    blocksOfPack(db.actorBlocks, packId).toArray(),
    blocksOfPack(db.eventBlocks, packId).toArray(),
    blocksOfPack(db.sourceBlocks, packId).toArray(),
  ]);
  const byId = <T extends { id: string }>(items: T[]) => items.sort((a, b) => compareText(a.id, b.id));
  return { actors: byId(actors.flatMap(actorsOfBlock)), events: byId(events.flatMap((b) => eventsOfBlock(b))), sources: byId(sources.flatMap((b) => b.sources)) };
}
