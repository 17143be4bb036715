/**
 * The packs' part of the side panel's timeline, read from the database as parts the panel's entries are
 * made from: the packs' titles, their sources, their actors (each with its spellings as one string) and
 * their events a page of whole days at a time, each event as what an entry keeps (key, dates, actors,
 * tags, certainty) and where its text is (its block and place), each new block with its events' search
 * text already folded.
 *
 * The panel runs this in a worker (entrypoints/sidepanel/timeline.worker.ts): parsing every block of a
 * 500k-event pack and folding its text made most of the panel's garbage, and the collector's pauses were
 * its long tasks (decisions, "The side panel reads the packs in a worker"). The parts are plain data, so
 * they cross to the panel by structured clone; ./timeline.ts assembles them in either place.
 */
import { compareEvents, ownSearchText } from '../timeline/filter';
import { foldedText, type FoldedText } from '../timeline/folded-run';
import type { Certainty, LocalizedText } from '../pack/schema';
import type { Table } from 'dexie';
import type { BackstoryDatabase } from './database';
import type { ActorRecord, EventRecord, SourceRecord } from './records';
import { actorsOfBlock, BLOCK_SIZES, compareText, eventsOfBlock, type EventBlockRecord } from './block-layout';

/** An actor as the timeline keeps it: its record without its aliases, which are folded into `spellings`. */
export interface TimelineActorPart extends Pick<ActorRecord, 'packId' | 'id' | 'kind' | 'name' | 'role' | 'country' | 'wikidata'> {
  /** Every name and alias spelling, distinct, one per line. */
  spellings: string;
}

/** An event as an entry keeps it, and where its text is: `block` counts the blocks handed on, from 0. */
export interface TimelineEventPart {
  key: string;
  date: string;
  end?: string;
  certainty: Certainty;
  /** Its distinct actors' ids in its pack (not yet keys: two packs' copies of one person share a key). */
  actorIds: string[];
  tags: string[];
  block: number;
  at: number;
}

/** A block met for the first time, and its events' search texts (absent: folded when first searched). */
export interface TimelineBlockPart {
  record: EventBlockRecord;
  folded?: FoldedText;
}

export type TimelinePart =
  | { kind: 'packs'; packs: { id: string; title: LocalizedText }[] }
  | { kind: 'sources'; sources: SourceRecord[] }
  /** Some of the actors, in key order (pack, then id) across all of these parts. */
  | { kind: 'actors'; actors: TimelineActorPart[] }
  /** Events of whole days in reading order (compareEvents), after every earlier part's; `blocks` new ones. */
  | { kind: 'events'; blocks: TimelineBlockPart[]; events: TimelineEventPart[] };

/**
 * Items per part (in whole blocks, at least one): a part is made into entries in slices on the panel, but
 * its structured clone is read in one task there, so a part stays a few milliseconds to read.
 */
export const TIMELINE_PAGE = 1000;

export interface PartsOptions {
  /** Items per part (TIMELINE_PAGE), rounded to whole blocks. */
  pageSize?: number;
  /** Fold each block's search texts as it is read (the panel's worker does; the timeline's head does not). */
  fold?: boolean;
}

export const actorPart = (a: ActorRecord): TimelineActorPart => ({
  packId: a.packId,
  id: a.id,
  kind: a.kind,
  name: a.name,
  role: a.role,
  country: a.country,
  ...(a.wikidata !== undefined && { wikidata: a.wikidata }),
  spellings: [...new Set([...Object.values(a.name), ...a.aliases.flatMap((alias) => [alias.text, ...alias.forms])])].join('\n'),
});

export const eventPart = (e: EventRecord, block: number, at: number): TimelineEventPart => ({
  // Joined, not concatenated: one flat string, where a template makes a rope of three objects for the collector.
  key: [e.packId, e.id].join('/'),
  date: e.date,
  ...(e.end !== undefined && { end: e.end }),
  certainty: e.certainty,
  actorIds: e.actorIds,
  tags: e.tags,
  block,
  at,
});

export const blockPart = (record: EventBlockRecord, events: readonly EventRecord[] | undefined): TimelineBlockPart => ({
  record,
  ...(events && { folded: foldedText(events.map(ownSearchText)) }),
});

const byActorKey = (a: TimelineActorPart, b: TimelineActorPart) => compareText(a.packId, b.packId) || compareText(a.id, b.id);

/** Every installed pack's timeline as parts: titles, sources, actors in key order, then events by day. */
export async function* readTimelineParts(db: BackstoryDatabase, { pageSize = TIMELINE_PAGE, fold = true }: PartsOptions = {}): AsyncGenerator<TimelinePart> {
  const blocksPer = (size: number) => Math.max(1, Math.round(pageSize / size));
  yield { kind: 'packs', packs: (await db.packs.toArray()).map(({ id, title }) => ({ id, title })) };
  for await (const page of readBlocksByKey(db.sourceBlocks, blocksPer(BLOCK_SIZES.sources))) yield { kind: 'sources', sources: page.flatMap((block) => block.sources) };
  // Blocks hold actors by hash: all of them are read before any is handed on, in key order.
  const actors: TimelineActorPart[] = [];
  for await (const page of readBlocksByKey(db.actorBlocks, blocksPer(BLOCK_SIZES.actors))) for (const block of page) for (const actor of actorsOfBlock(block)) actors.push(actorPart(actor));
  actors.sort(byActorKey);
  for (let at = 0; at < actors.length; at += pageSize) yield { kind: 'actors', actors: actors.slice(at, at + pageSize) };
  yield* eventParts(db, blocksPer(BLOCK_SIZES.events), fold);
}

/** Blocks whose primary key is [packId, block], `size` per request, in key order. */
async function* readBlocksByKey<R extends { packId: string; block: number }>(table: Table<R, [string, number]>, size: number): AsyncGenerator<R[]> {
  let last: [string, number] | undefined;
  for (;;) {
    const page = await (last ? table.where(':id').above(last) : table.toCollection()).limit(size).toArray();
    yield page;
    if (page.length < size) return;
    const tail = page[page.length - 1]!;
    last = [tail.packId, tail.block];
  }
}

/**
 * Events in reading order, `blocks` event blocks per request, each part holding whole days. Blocks are
 * read in order of their first day (every pack's, merged by the `firstDay` index); a block's events start
 * on that day but may run past the next block's first day, so after each request the events of days
 * before the next block's first day are handed on, and the rest wait for the next request: no block still
 * unread holds an event before its own first day. Stops early when the caller stops asking.
 */
export async function* eventParts(db: BackstoryDatabase, blocks: number, fold: boolean): AsyncGenerator<Extract<TimelinePart, { kind: 'events' }>> {
  const order: { key: [string, number]; day: string }[] = [];
  await db.eventBlocks.orderBy('firstDay').eachKey((day, cursor) => void order.push({ key: cursor.primaryKey as [string, number], day: day as string }));
  let held: { firstDay: string; part: TimelineEventPart }[] = [];
  let fresh: TimelineBlockPart[] = [];
  let counted = 0;
  const handOn = (ready: typeof held) => {
    // Within whole days, in reading order: the panel appends them as they come.
    const events = ready.map((e) => e.part).sort(compareEvents);
    const part = { kind: 'events' as const, blocks: fresh, events };
    fresh = [];
    return part;
  };
  for (let at = 0; at < order.length; at += blocks) {
    for (const block of await db.eventBlocks.bulkGet(order.slice(at, at + blocks).map((o) => o.key))) {
      if (!block) continue;
      const records = eventsOfBlock(block);
      const number = counted++;
      fresh.push(blockPart(block, fold ? records : undefined));
      for (let i = 0; i < records.length; i++) held.push({ firstDay: records[i]!.firstDay, part: eventPart(records[i]!, number, i) });
    }
    const next = order[at + blocks]?.day;
    if (next === undefined) break;
    const ready = held.filter((e) => e.firstDay < next);
    if (ready.length === 0) continue;
    held = held.filter((e) => e.firstDay >= next);
    yield handOn(ready);
  }
  yield handOn(held);
}

