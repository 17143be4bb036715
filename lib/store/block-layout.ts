/**
 * How a pack's content is laid out in blocks (schema v6): pure, no database. IndexedDB costs about the
 * same per row whatever the row holds (docs/bench.md), so a pack's 100k actors and 500k events are
 * stored as a few thousand rows of a few hundred items each (decisions, "Pack content stored in blocks"):
 *
 * - actors and sources: in `layout.actorBlocks` (`sourceBlocks`) blocks, an item's block a stable hash of
 *   its id, so an item found by key is one block read;
 * - events: sorted by (first day, id) and cut into blocks of `sizes.events`, each block keyed by its
 *   number and indexed by its first day, so the timeline reads them in day order; each actor knows where
 *   its events are (`eventAt`: block and position);
 * - names: the sorted (key → actor id) pairs of every alias key (looseName of every alias and form) and
 *   every Wikidata item ("wd:Q123"), cut into blocks keyed by their first key, whose first keys the pack's
 *   record keeps (`layout.nameFirsts`): a spelling or a prefix is found by reading the block(s) it falls in.
 *
 * Since schema v8 an event block's events and an actor block's actors are one JSON string each, read
 * through eventsOfBlock / actorsOfBlock (decisions, "Event and actor blocks stored as one JSON string each").
 */
import { coveredDays } from '../pack/dates';
import type { Pack } from '../pack/schema';
import { looseName } from '../text/normalize';
import type { ActorRecord, EventRecord, SourceRecord } from './records';

/** Items per block. Measured (docs/bench.md "Blocks"): see decisions §42. */
export interface BlockSizes {
  actors: number;
  events: number;
  sources: number;
  /** Name pairs per block: a block is cut at the first new key from this many on. */
  names: number;
}

export const BLOCK_SIZES: BlockSizes = { actors: 256, events: 512, sources: 256, names: 1000 };

/** Where a pack's content is: what a reader needs to find the block of an item (kept on the PackRecord). */
export interface PackLayout {
  actorBlocks: number;
  sourceBlocks: number;
  eventBlocks: number;
  /** The first key of each name block, in order: the blocks' keys, and where a key falls. */
  nameFirsts: string[];
}

/** Where one event is: its block and its position in the block. */
export type EventPlace = [block: number, position: number];

/**
 * An actor as its block's JSON holds it (schema v8): the pack's actor with its name keys and where its
 * events are; `packId` is the block's, put back on read.
 */
export type StoredActor = Omit<ActorRecord, 'packId'>;

export interface ActorBlockRecord {
  packId: string;
  block: number;
  /**
   * The block's actors, JSON of StoredActor[] (schema v8): one string, so writing a block is a copy, not a
   * structured clone of a few thousand objects, and reading one is a JSON.parse (actorsOfBlock).
   */
  actorsJson: string;
}

export interface SourceBlockRecord {
  packId: string;
  block: number;
  sources: SourceRecord[];
}

/**
 * An event as its block's JSON holds it (schema v8): the pack's event as validated, nothing added. Its
 * `packId` (the block's), `actorIds` and days are worked out on read (eventsOfBlock).
 */
export type StoredEvent = Pack['events'][number];

export interface EventBlockRecord {
  packId: string;
  block: number;
  /** The first day of its first event (its events are in order of first day): the timeline's index. */
  firstDay: string;
  /**
   * The block's events, JSON of StoredEvent[] (schema v8): one string, so writing a block is a copy and its
   * build one JSON.stringify, where 512 event objects cost a structured clone each way (decisions, issue 15).
   */
  eventsJson: string;
}

export interface NameBlockRecord {
  packId: string;
  /** keys[0]: the block's key. */
  first: string;
  /** Sorted alias keys and "wd:Q…" items, a key once per actor that has it; actorIds[k] has keys[k]. */
  keys: string[];
  actorIds: string[];
}

/** The name key of a Wikidata item. looseName() lowercases, so no alias key can start "wd:Q". */
export const wikidataKey = (item: string) => `wd:${item}`;
export const isWikidataKey = (key: string) => key.startsWith('wd:Q');

/** FNV-1a over the id's UTF-16 units: stable across builds and browsers, which the stored blocks rely on. */
export function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The block of an actor or source id among `blocks` (undefined: the pack has none). */
export function blockOf(id: string, blocks: number): number | undefined {
  return blocks > 0 ? hashId(id) % blocks : undefined;
}

/** How many hashed blocks hold `items` items of about `size` each. */
export const hashedBlockCount = (items: number, size: number) => Math.ceil(items / size);

/** Code-unit order, as IndexedDB orders strings. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function aliasKeysOf(actor: Pick<ActorRecord, 'aliases'>): string[] {
  const keys = new Set<string>();
  for (const alias of actor.aliases) for (const text of [alias.text, ...(alias.forms ?? [])]) keys.add(looseName(text));
  return [...keys];
}

/**
 * An event as stored: the pack's event itself (a v6 row read back by the v8 upgrade loses what it added).
 * A validated pack's event holds only the schema's keys, so most events are stored as they are.
 */
export function storedEvent(e: Pack['events'][number] | EventRecord): StoredEvent {
  if (!('packId' in e)) return e;
  const { packId: _p, actorIds: _a, firstDay: _f, lastDay: _l, ...event } = e;
  return event;
}

/** An actor as stored: the pack's actor, its name keys, and where its events are (none: no `eventAt`). */
export function storedActor(a: Pack['actors'][number] | ActorRecord, eventAt?: EventPlace[]): StoredActor {
  if ('packId' in a) {
    const { packId: _p, aliasKeys: _k, eventAt: _e, ...actor } = a;
    return { ...actor, aliasKeys: aliasKeysOf(a), ...(eventAt && { eventAt }) };
  }
  // A validated pack's actor (the import: 100k of them) has none of those keys: a spread is a fast copy, a rest is not.
  const actor: StoredActor = { ...a, aliasKeys: aliasKeysOf(a) };
  if (eventAt) actor.eventAt = eventAt;
  return actor;
}

export const sourceRecord = (packId: string, s: Pack['sources'][number]): SourceRecord => ({ ...s, packId });
export const actorRecord = (packId: string, a: Pack['actors'][number]): ActorRecord => ({ ...a, packId, aliasKeys: aliasKeysOf(a) });
export const eventRecord = (packId: string, e: Pack['events'][number], days: typeof coveredDays = coveredDays): EventRecord => asRecord({ ...e }, packId, days);

/**
 * Gives an event, in place, what a record adds to it: its pack, its distinct actors, and the first and
 * last day its dates cover (validatePack() has already refused impossible dates, so `days` finds them).
 */
function asRecord(e: StoredEvent, packId: string, days: typeof coveredDays): EventRecord {
  const record = e as EventRecord;
  const start = days(e.date)!;
  record.packId = packId;
  record.actorIds = distinctActors(e);
  record.firstDay = start.first;
  record.lastDay = e.end === undefined ? start.last : days(e.end)!.last;
  return record;
}

/** Every day a date covers, by date: a pack's 500k events name a few thousand dates, each parsed once. */
export function dayCache(): typeof coveredDays {
  const daysOf = new Map<string, ReturnType<typeof coveredDays>>();
  return (date: string) => {
    let covered = daysOf.get(date);
    if (!covered && !daysOf.has(date)) daysOf.set(date, (covered = coveredDays(date)));
    return covered;
  };
}

/** Shared by every read of event blocks in this realm: dates repeat across blocks and packs. */
const readDays = dayCache();

/** An event block's events as records: its JSON parsed, each event given its pack, actor ids and days. */
export function eventsOfBlock(block: Pick<EventBlockRecord, 'packId' | 'eventsJson'>, days: typeof coveredDays = readDays): EventRecord[] {
  const events = JSON.parse(block.eventsJson) as StoredEvent[];
  // Parsed just now, so nothing else holds them: completed in place rather than copied.
  for (const e of events) asRecord(e, block.packId, days);
  return events as EventRecord[];
}

/** An actor block's actors as records, each given its pack. */
export function actorsOfBlock(block: Pick<ActorBlockRecord, 'packId' | 'actorsJson'>): ActorRecord[] {
  const actors = JSON.parse(block.actorsJson) as ActorRecord[];
  for (const a of actors) a.packId = block.packId;
  return actors;
}

function distinctActors(e: Pick<StoredEvent, 'actors'>): string[] {
  const ids: string[] = [];
  for (const { actor } of e.actors) if (!ids.includes(actor)) ids.push(actor);
  return ids;
}

/** The index of the name block a key falls in (the last whose first key is not after it); -1: before all. */
export function nameBlockIndex(nameFirsts: readonly string[], key: string): number {
  let low = 0;
  let high = nameFirsts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (nameFirsts[mid]! <= key) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** The first keys of the name blocks that may hold keys starting with `prefix`, in order. */
export function nameBlocksForPrefix(nameFirsts: readonly string[], prefix: string): string[] {
  const from = Math.max(0, nameBlockIndex(nameFirsts, prefix));
  const out: string[] = [];
  for (let k = from; k < nameFirsts.length; k++) {
    const first = nameFirsts[k]!;
    if (k > from && !first.startsWith(prefix) && first > prefix) break;
    out.push(first);
  }
  return out;
}

/** Cuts sorted (key, id) pairs into name blocks of at least `size` pairs, never between two pairs of one key. */
export function cutNameBlocks(packId: string, pairs: readonly (readonly [string, string])[], size: number): NameBlockRecord[] {
  const blocks: NameBlockRecord[] = [];
  let current: NameBlockRecord | undefined;
  for (const [key, id] of pairs) {
    if (!current || (current.keys.length >= size && current.keys[current.keys.length - 1] !== key)) {
      current = { packId, first: key, keys: [], actorIds: [] };
      blocks.push(current);
    }
    current.keys.push(key);
    current.actorIds.push(id);
  }
  return blocks;
}

/** The sorted name pairs of a block's actors: every alias key, and the Wikidata item. */
export function namePairsOf(actors: readonly Pick<ActorRecord, 'id' | 'aliasKeys' | 'wikidata'>[]): [string, string][] {
  const pairs: [string, string][] = [];
  pushNamePairs(actors, pairs);
  return pairs.sort((x, y) => compareText(x[0], y[0]) || compareText(x[1], y[1]));
}

function pushNamePairs(actors: readonly Pick<ActorRecord, 'id' | 'aliasKeys' | 'wikidata'>[], pairs: [string, string][]): void {
  for (const a of actors) {
    for (const key of a.aliasKeys) pairs.push([key, a.id]);
    if (a.wikidata) pairs.push([wikidataKey(a.wikidata), a.id]);
  }
}

/**
 * The indexes 0…n-1 ordered by (first, second), each in code-unit order (compareText, IndexedDB's order),
 * ties in index order. The distinct firsts are sorted without a comparator, which both engines run
 * natively, and only the indexes sharing a first are compared: the 100k pack's 500k events have a few
 * thousand first days, and one comparator sort over all of them took 2–4 s in Firefox (docs/bench.md).
 */
export function orderByPair(n: number, first: (i: number) => string, second: (i: number) => string): number[] {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = first(i);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  const order: number[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    if (group.length > 1) group.sort((x, y) => compareText(second(x), second(y)) || x - y);
    for (const i of group) order.push(i);
  }
  return order;
}

/** A slice of block rows for one table, and how many items (actors, events, sources, name pairs) it holds. */
export type BlockSlice =
  | { table: 'eventBlocks'; rows: EventBlockRecord[]; items: number }
  | { table: 'sourceBlocks'; rows: SourceBlockRecord[]; items: number }
  | { table: 'actorBlocks'; rows: ActorBlockRecord[]; items: number }
  | { table: 'nameBlocks'; rows: NameBlockRecord[]; items: number };

/** What a pack's blocks are built from: a validated pack, or (the v6 migration) its v5 rows, which are supersets of its items. */
export interface BlockSource {
  id: string;
  actors: readonly Pack['actors'][number][];
  events: readonly Pack['events'][number][];
  sources: readonly Pack['sources'][number][];
}

/** Items of one pack grouped by the hashed block of their id, each group sorted by id. */
function hashedGroups<T extends { id: string }>(items: readonly T[], blocks: number): T[][] {
  const groups: T[][] = Array.from({ length: blocks }, () => []);
  for (const item of items) groups[blockOf(item.id, blocks)!]!.push(item);
  for (const group of groups) group.sort((a, b) => compareText(a.id, b.id));
  return groups;
}

/**
 * A pack's block rows, a slice at a time (each slice about `sliceItems` items), built only when the
 * slice is asked for: the writer builds the next slice while the database writes the last one. Events
 * first (their order gives each actor its `eventAt`), then sources, actors, and the name blocks, which
 * need every actor's keys. Returns the layout the readers need.
 */
export function* packBlockSlices(pack: BlockSource, sizes: BlockSizes = BLOCK_SIZES, sliceItems = 2_000): Generator<BlockSlice, PackLayout, void> {
  const packId = pack.id;
  // 500k events hold a few thousand distinct dates: each is parsed once (a third of the events' build time).
  const days = dayCache();
  const firstDays = pack.events.map((e) => days(e.date)!.first);
  const order = orderByPair(pack.events.length, (i) => firstDays[i]!, (i) => pack.events[i]!.id);
  const eventBlocks = Math.ceil(order.length / sizes.events);
  const eventAt = new Map<string, EventPlace[]>();
  order.forEach((index, rank) => {
    const place: EventPlace = [Math.floor(rank / sizes.events), rank % sizes.events];
    for (const actor of new Set(pack.events[index]!.actors.map((r) => r.actor))) {
      const places = eventAt.get(actor);
      if (places) places.push(place);
      else eventAt.set(actor, [place]);
    }
  });

  const perSlice = (size: number) => Math.max(1, Math.round(sliceItems / size));
  const eventsPerSlice = perSlice(sizes.events);
  for (let block = 0; block < eventBlocks; block += eventsPerSlice) {
    const rows: EventBlockRecord[] = [];
    let items = 0;
    for (let b = block; b < Math.min(eventBlocks, block + eventsPerSlice); b++) {
      const indexes = order.slice(b * sizes.events, (b + 1) * sizes.events);
      rows.push({ packId, block: b, firstDay: firstDays[indexes[0]!]!, eventsJson: JSON.stringify(indexes.map((i) => storedEvent(pack.events[i]!))) });
      items += indexes.length;
    }
    yield { table: 'eventBlocks', rows, items };
  }

  const sourceBlocks = hashedBlockCount(pack.sources.length, sizes.sources);
  const sourceGroups = hashedGroups(pack.sources, sourceBlocks);
  const sourcesPerSlice = perSlice(sizes.sources);
  for (let block = 0; block < sourceBlocks; block += sourcesPerSlice) {
    const rows = sourceGroups.slice(block, block + sourcesPerSlice).map((group, k) => ({ packId, block: block + k, sources: group.map((s) => sourceRecord(packId, s)) }));
    yield { table: 'sourceBlocks', rows, items: rows.reduce((sum, r) => sum + r.sources.length, 0) };
  }

  const actorBlocks = hashedBlockCount(pack.actors.length, sizes.actors);
  const actorGroups = hashedGroups(pack.actors, actorBlocks);
  const actorsPerSlice = perSlice(sizes.actors);
  const pairs: [string, string][] = [];
  for (let block = 0; block < actorBlocks; block += actorsPerSlice) {
    let items = 0;
    const rows = actorGroups.slice(block, block + actorsPerSlice).map((group, k): ActorBlockRecord => {
      const actors = group.map((a) => storedActor(a, eventAt.get(a.id)));
      pushNamePairs(actors, pairs);
      items += actors.length;
      return { packId, block: block + k, actorsJson: JSON.stringify(actors) };
    });
    yield { table: 'actorBlocks', rows, items };
  }

  const nameOrder = orderByPair(pairs.length, (i) => pairs[i]![0], (i) => pairs[i]![1]);
  const nameBlocks = cutNameBlocks(packId, nameOrder.map((i) => pairs[i]!), sizes.names);
  const namesPerSlice = perSlice(sizes.names);
  for (let at = 0; at < nameBlocks.length; at += namesPerSlice) {
    const rows = nameBlocks.slice(at, at + namesPerSlice);
    yield { table: 'nameBlocks', rows, items: rows.reduce((sum, r) => sum + r.keys.length, 0) };
  }
  return { actorBlocks, sourceBlocks, eventBlocks, nameFirsts: nameBlocks.map((b) => b.first) };
}

/** Every block row of a pack at once, with its layout (tests, the migration). */
export function packBlocks(pack: BlockSource, sizes: BlockSizes = BLOCK_SIZES, sliceItems?: number) {
  const slices: BlockSlice[] = [];
  const generator = packBlockSlices(pack, sizes, sliceItems);
  for (let step = generator.next(); ; step = generator.next()) {
    if (step.done) return { layout: step.value, slices };
    slices.push(step.value);
  }
}
