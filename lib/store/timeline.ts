/**
 * Everything the side panel's timeline shows, read from the database: every event of every installed
 * pack with its sources, the reader's own notes as entries of the same timeline, and the actors (the
 * packs' and the names the reader follows) with their names in every language (the text search looks at
 * all of them). Two parts, read apart: the packs' (500k events with a 100k-actor pack: read as parts,
 * ./timeline-parts.ts, in the panel's worker, again only when the packs change) and the reader's (a few
 * notes: read again on every change). `loadTimeline` reads both in one async function a Dexie liveQuery
 * can follow.
 */
import { actorKey, packItemKey } from '../pack/keys';
import type { CardSource } from '../messages/protocol';
import { localDay } from '../pack/dates';
import type { Certainty, LocalizedText } from '../pack/schema';
import { READER_PACK_ID, type NoteRecord, type ReaderActorRecord } from '../notes/model';
import { citedSources } from './card';
import { nameKey, shownKeys } from '../pack/identity';
import { compareEvents, ownSearchText, type TimelineEvent } from '../timeline/filter';
import { FoldedRun } from '../timeline/folded-run';
import { SLICE_BUDGET_MS } from '../timeline/slices';
import type { BackstoryDatabase } from './database';
import type { EventRecord, SourceRecord } from './records';
import { eventsOfBlock, type EventBlockRecord } from './block-layout';
import { actorsByKey, sourcesByKey } from './blocks';
import { actorPart, eventParts, readTimelineParts, type PartsOptions, type TimelineActorPart, type TimelineBlockPart, type TimelineEventPart, type TimelinePart } from './timeline-parts';

export interface TimelineEntry extends TimelineEvent {
  place?: Record<string, string>;
  dateNote?: Record<string, string>;
  sources: CardSource[];
  /** The reader's note this entry shows (own entries only): what the edit form starts from. */
  note?: NoteRecord;
  /** A note without a date of its own: `date` is the day it was written. */
  undated?: boolean;
  /** The title of the event's pack, when more than one pack is installed: each event cites its own. */
  pack?: LocalizedText;
}

export interface TimelineActor {
  key: string;
  kind: 'person' | 'organization';
  name: Record<string, string>;
  role: Record<string, string>;
  country: string;
  /**
   * Every name and alias spelling, one per line, for the text search ("Ušakov" as an Italian paper writes
   * him): one string, where an array of spellings was some five objects an actor for the collector.
   */
  spellings: string;
  /** A name the reader follows ("reader/<id>"), not a pack's actor. */
  own?: boolean;
}

export interface TimelineData {
  /** Every entry, pack events and the reader's notes, in the list's reading order (compareEvents). */
  events: TimelineEntry[];
  actors: TimelineActor[];
  tags: string[];
  /** Only the timeline's head (loadTimelineStart): the whole of it is still being read. */
  partial?: boolean;
  /** The reader's notes among `events` (a page's notes are looked for there, not among 500k events). */
  notes: TimelineEntry[];
  /** `actors` by key, and each actor's names for the text search: built as the actors are read. */
  actorsByKey: ReadonlyMap<string, TimelineActor>;
  /** Each actor's spellings, in two layers, the packs' then the reader's: the search folds the packs' once, not on every note saved. */
  actorNames: LayeredMap<string, string>;
}

/** The timeline key of a note: "note:<id>" (a pack key has no colon, so the two never meet). */
export const noteEntryKey = (id: string) => `note:${id}`;

/** The reader's text is in no particular language: the same in every language the panel speaks. */
const everyLanguage = (text: string): LocalizedText => ({ en: text, it: text });

/** A note as a timeline entry; one without a date of its own sits on the day it was written. */
export function noteEntry(note: NoteRecord): TimelineEntry {
  return {
    key: noteEntryKey(note.id),
    date: note.date ?? localDay(new Date(note.createdAt)),
    ...(!note.date && { undated: true }),
    title: everyLanguage(note.title),
    summary: everyLanguage(note.body),
    actors: note.actorIds,
    tags: [],
    certainty: note.certainty,
    own: true,
    ...(note.target && { quote: note.target.quote.exact }),
    sources: [],
    note,
  };
}

/** A followed name as a timeline actor. */
export function readerTimelineActor(actor: ReaderActorRecord): TimelineActor {
  return {
    key: actorKey(READER_PACK_ID, actor.id),
    kind: actor.kind,
    name: everyLanguage(actor.name),
    role: {},
    country: '',
    spellings: [...new Set([actor.name, ...actor.spellings])].join('\n'),
    own: true,
  };
}

/** The packs' part of the timeline, read apart from the reader's notes: it is the part that is large. */
export interface PackTimeline {
  /** The packs' events as entries, in reading order. */
  events: TimelineEntry[];
  actors: TimelineActor[];
  actorsByKey: Map<string, TimelineActor>;
  actorNames: Map<string, string>;
  tags: string[];
}

/** The reader's part: notes (in reading order) and followed names. Small; read again on every change. */
export interface ReaderTimeline {
  notes: TimelineEntry[];
  actors: TimelineActor[];
}

export interface ReadOptions extends PartsOptions {
  /**
   * Lets the caller's other tasks run between slices of the work done on parts (the panel passes
   * lib/timeline/slices' nextTask). Absent, the only breaks are the reads themselves: what a Dexie
   * liveQuery needs, as it follows the reads of one async function and no other await.
   */
  pause?: () => Promise<void>;
  signal?: AbortSignal;
  /** Told after every part of events, with how many were made into entries so far. */
  onProgress?(eventsRead: number): void;
}

export async function loadTimeline(db: BackstoryDatabase): Promise<TimelineData> {
  const [pack, reader] = await Promise.all([readPackTimeline(db), readReaderTimeline(db)]);
  return combineTimeline(pack, reader);
}

/** What changes when a pack is installed, updated, switched off or removed: the panel reads the packs' part again then. */
export const packsState = (db: BackstoryDatabase) => Promise.all([db.packs.toArray(), db.eventBlocks.count()]);

export async function readReaderTimeline(db: BackstoryDatabase): Promise<ReaderTimeline> {
  const [notes, readerActors] = await Promise.all([db.readerNotes.toArray(), db.readerActors.toArray()]);
  return { notes: notes.map(noteEntry).sort(compareEvents), actors: readerActors.map(readerTimelineActor) };
}

/** Notes above this many are merged with the events in one pass; fewer are inserted one by one (a native move each). */
const MERGE_FROM = 16;

/** The whole timeline from its two parts: the notes put among the events in reading order. */
export function combineTimeline(pack: PackTimeline, reader: ReaderTimeline, partial = false): TimelineData {
  let events = pack.events;
  if (reader.notes.length > MERGE_FROM) {
    events = [];
    let n = 0;
    for (const event of pack.events) {
      while (n < reader.notes.length && compareEvents(reader.notes[n]!, event) <= 0) events.push(reader.notes[n++]!);
      events.push(event);
    }
    events.push(...reader.notes.slice(n));
  } else if (reader.notes.length) {
    events = pack.events.slice();
    for (const note of reader.notes) events.splice(firstAfter(events, note), 0, note);
  }
  const readerByKey = new Map(reader.actors.map((a) => [a.key, a]));
  return {
    events,
    actors: reader.actors.length ? [...pack.actors, ...reader.actors] : pack.actors,
    tags: pack.tags,
    ...(partial && { partial: true }),
    notes: reader.notes,
    actorsByKey: new LayeredMap(pack.actorsByKey, readerByKey),
    actorNames: new LayeredMap(pack.actorNames, new Map(reader.actors.map((a) => [a.key, a.spellings]))),
  };
}

/** Where `entry` goes in `events` (reading order): after every entry that is not later than it. */
function firstAfter(events: readonly TimelineEntry[], entry: TimelineEntry): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareEvents(events[mid]!, entry) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Two maps read as one, the first winning: the packs' 100k actors and the reader's few followed names,
 * without copying the large one whenever a name is followed.
 */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  constructor(private readonly first: ReadonlyMap<K, V>, private readonly second: ReadonlyMap<K, V>) {}
  /** The two maps, first first (lib/timeline/filter.ts folds each apart). */
  get layers(): readonly ReadonlyMap<K, V>[] {
    return [this.first, this.second];
  }
  get(key: K): V | undefined {
    return this.first.get(key) ?? this.second.get(key);
  }
  has(key: K): boolean {
    return this.first.has(key) || this.second.has(key);
  }
  get size(): number {
    let extra = 0;
    for (const key of this.second.keys()) if (!this.first.has(key)) extra++;
    return this.first.size + extra;
  }
  *entries(): MapIterator<[K, V]> {
    yield* this.first.entries();
    for (const entry of this.second.entries()) if (!this.first.has(entry[0])) yield entry;
  }
  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }
  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}

/** Every installed pack's events, actors and sources, read and made into the timeline's entries here. */
export function readPackTimeline(db: BackstoryDatabase, options: ReadOptions = {}): Promise<PackTimeline> {
  return assemblePackTimeline(readTimelineParts(db, options), options);
}

/**
 * The packs' timeline made from its parts (./timeline-parts.ts) as they come, read here or in a worker:
 * a part's entries are made a batch at a time, with a pause whenever a slice's time is spent.
 */
export async function assemblePackTimeline(parts: AsyncIterable<TimelinePart>, { pause, signal, onProgress }: ReadOptions = {}): Promise<PackTimeline> {
  const checkpoint = breather(pause, signal);
  const assembler = new PackAssembler();
  let read = 0;
  for await (const part of parts) {
    await assembler.add(part, checkpoint);
    if (part.kind === 'events') onProgress?.((read += part.events.length));
    await checkpoint();
  }
  return assembler.result(checkpoint);
}

/** Yields to the caller's other tasks once its work since the last break took more than a slice. */
function breather(pause: (() => Promise<void>) | undefined, signal: AbortSignal | undefined): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (signal?.aborted) throw new DOMException('The timeline read was stopped', 'AbortError');
    if (!pause || performance.now() - since < SLICE_BUDGET_MS) return;
    await pause();
    since = performance.now();
  };
}

/** Entries made per check of the clock. */
const ASSEMBLE_STEP = 100;

/**
 * Turns the packs' parts into the timeline's entries and actors, a batch at a time. Two packs' copies of
 * one person are one actor (lib/pack/identity.ts), shown under one key: the grouping is worked out over
 * the actors that share a Wikidata item or a name with another (the only ones it can join), so 100k
 * actors with nothing in common cost one pass, not the grouping's maps and arrays for each. Actors come
 * before events and are grouped when the first events come (or at the end).
 */
class PackAssembler {
  private readonly details = new EntryDetails();
  private shown = new Map<string, string>();
  private readonly actorsByKey = new Map<string, TimelineActor>();
  private readonly actors: TimelineActor[] = [];
  private readonly actorNames = new Map<string, string>();
  private pendingActors: TimelineActorPart[] | undefined = [];
  private readonly events: TimelineEntry[] = [];
  /** The blocks handed on so far, by their number (an event part names its block by it). */
  private readonly blocks: EventBlockRecord[] = [];
  private readonly tags = new Set<string>();
  /** Dates, certainties and tag lists met so far, each kept once: 500k events repeat a few thousand. */
  private readonly texts = new Map<string, string>();
  private readonly tagLists = new Map<string, string[]>();
  private readonly soleActor = new Map<string, string[]>();
  /** Roles by their text in every language: a generated pack's 100k actors have two. */
  private readonly roles = new Map<string, Record<string, string>>();

  async add(part: TimelinePart, checkpoint: () => Promise<void>): Promise<void> {
    switch (part.kind) {
      case 'packs':
        return this.details.setPacks(part.packs);
      case 'sources':
        return this.details.addSources(part.sources);
      case 'actors':
        for (const actor of part.actors) this.pendingActors?.push(actor);
        return;
      case 'events':
        await this.groupActors(checkpoint);
        for (const { record, folded } of part.blocks) {
          this.blocks.push(record);
          if (folded) this.details.setFolded(record, FoldedRun.from(folded));
        }
        for (let i = 0; i < part.events.length; i++) {
          this.events.push(this.entry(part.events[i]!));
          if (i % ASSEMBLE_STEP === 0) await checkpoint();
        }
    }
  }

  private shownKey(packId: string, id: string): string {
    // actorKey's value, joined into one flat string rather than a template's rope: the panel keeps 100k of them.
    const key = [packId, id].join('/');
    return this.shown.get(key) ?? key;
  }

  /** The actors handed on so far as the timeline's, once: copies of one person joined. */
  private async groupActors(checkpoint: () => Promise<void>): Promise<void> {
    const actors = this.pendingActors;
    if (!actors) return;
    this.pendingActors = undefined;
    const byItem = new Map<string, number>();
    const byName = new Map<string, number>();
    const names: string[] = [];
    for (let i = 0; i < actors.length; i++) {
      const a = actors[i]!;
      if (a.wikidata) byItem.set(a.wikidata, (byItem.get(a.wikidata) ?? 0) + 1);
      const name = nameKey(a);
      names.push(name);
      byName.set(name, (byName.get(name) ?? 0) + 1);
      if (i % ASSEMBLE_STEP === 0) await checkpoint();
    }
    const shared = actors.filter((a, i) => (a.wikidata !== undefined && byItem.get(a.wikidata)! > 1) || byName.get(names[i]!)! > 1);
    this.shown = shownKeys(shared.map((a) => ({ key: actorKey(a.packId, a.id), kind: a.kind, name: a.name, wikidata: a.wikidata })));
    const byKey = this.shown.size ? new Map<string, TimelineActorPart>(shared.map((a) => [actorKey(a.packId, a.id), a])) : undefined;
    for (let i = 0; i < actors.length; i++) {
      const a = actors[i]!;
      const key = this.shownKey(a.packId, a.id);
      const known = this.actorsByKey.get(key);
      if (known) {
        known.spellings = [...new Set([...known.spellings.split('\n'), ...a.spellings.split('\n')])].join('\n');
        this.actorNames.set(key, known.spellings);
      } else {
        // The copy whose key is shown gives the name, role and country; the others add their spellings.
        const copy = byKey?.get(key) ?? a;
        const actor: TimelineActor = { key, kind: this.once(copy.kind), name: copy.name, role: this.role(copy.role), country: this.once(copy.country), spellings: a.spellings };
        this.actorsByKey.set(key, actor);
        this.actors.push(actor);
        this.actorNames.set(key, actor.spellings);
      }
      if (i % ASSEMBLE_STEP === 0) await checkpoint();
    }
  }

  private entry(e: TimelineEventPart): TimelineEntry {
    const block = this.blocks[e.block]!;
    let actors: string[] = [];
    for (const id of e.actorIds) {
      const key = this.shownKey(block.packId, id);
      // The actor's own key string, not a copy per event.
      const shown = this.actorsByKey.get(key)?.key ?? key;
      if (!actors.includes(shown)) actors.push(shown);
    }
    // An event of one actor (most of them) shares that actor's list with its other events.
    if (actors.length === 1) {
      const sole = this.soleActor.get(actors[0]!);
      if (sole) actors = sole;
      else this.soleActor.set(actors[0]!, actors);
    }
    return new PackEntry(e.key, this.once(e.date), e.end === undefined ? undefined : this.once(e.end), actors, this.tagList(e.tags), this.once(e.certainty), block, e.at, this.details);
  }

  private role(role: Record<string, string>): Record<string, string> {
    const key = Object.entries(role).flat().join('\u0000');
    let kept = this.roles.get(key);
    if (!kept) this.roles.set(key, (kept = role));
    return kept;
  }

  private once<T extends string>(text: T): T {
    let kept = this.texts.get(text);
    if (kept === undefined) this.texts.set(text, (kept = text));
    return kept as T;
  }

  private tagList(tags: string[]): string[] {
    const key = tags.join('\u0000');
    let kept = this.tagLists.get(key);
    if (!kept) {
      this.tagLists.set(key, (kept = tags));
      for (const tag of tags) this.tags.add(tag);
    }
    return kept;
  }

  async result(checkpoint: () => Promise<void>): Promise<PackTimeline> {
    await this.groupActors(checkpoint);
    return { events: this.events, actors: this.actors, actorsByKey: this.actorsByKey, actorNames: this.actorNames, tags: [...this.tags].sort() };
  }
}

/** Event blocks kept parsed, most recently read last: the search's fold pass and a dense window read one after another. */
const PARSED_BLOCKS = 4;

/**
 * Events kept parsed for the entries last shown: a window of rows (about 27 with its overscan) can come
 * from as many blocks, and a render reads each row's text several times.
 */
const SHOWN_EVENTS = 256;

/**
 * What a pack entry's text is made from when it is shown: its block's events parsed again (the last few
 * blocks kept), the packs' sources, and the packs' titles when there is more than one.
 */
class EntryDetails {
  private readonly sourceByKey = new Map<string, SourceRecord>();
  private packTitles: Map<string, LocalizedText> | undefined;
  /** Cited sources of events whose citations have no quote, by pack and source ids: shared, never changed. */
  private readonly bareCitations = new Map<string, CardSource[]>();
  private readonly parsed = new Map<EventBlockRecord, EventRecord[]>();
  private readonly shown = new Map<object, EventRecord>();
  private readonly folded = new Map<EventBlockRecord, FoldedRun>();

  setPacks(packs: readonly { id: string; title: LocalizedText }[]): void {
    // With more than one pack, each event says which pack it comes from.
    this.packTitles = packs.length > 1 ? new Map(packs.map((p) => [p.id, p.title])) : undefined;
  }

  addSources(sources: readonly SourceRecord[]): void {
    for (const s of sources) this.sourceByKey.set(packItemKey(s.packId, s.id), s);
  }

  /** A block's search texts, folded where it was read. */
  setFolded(block: EventBlockRecord, run: FoldedRun): void {
    this.folded.set(block, run);
  }

  /** The stored event of `entry`, at `at` in `block`. */
  record(entry: object, block: EventBlockRecord, at: number): EventRecord {
    let record = this.shown.get(entry);
    if (record) this.shown.delete(entry);
    else record = this.events(block)[at]!;
    this.shown.set(entry, record);
    if (this.shown.size > SHOWN_EVENTS) this.shown.delete(this.shown.keys().next().value!);
    return record;
  }

  private events(block: EventBlockRecord): EventRecord[] {
    let events = this.parsed.get(block);
    if (events) this.parsed.delete(block);
    else events = eventsOfBlock(block);
    this.parsed.set(block, events);
    if (this.parsed.size > PARSED_BLOCKS) this.parsed.delete(this.parsed.keys().next().value!);
    return events;
  }

  /** The block's events' folded texts, for the search: as the reader folded them, else made once from its parsed events. */
  words(block: EventBlockRecord): FoldedRun {
    let run = this.folded.get(block);
    if (!run) this.folded.set(block, (run = FoldedRun.of(this.events(block).map(ownSearchText))));
    return run;
  }

  packTitle(packId: string): LocalizedText | undefined {
    return this.packTitles?.get(packId);
  }

  sourcesOf(e: EventRecord): CardSource[] {
    const cite = (id: string) => this.sourceByKey.get(packItemKey(e.packId, id));
    if (e.sources.some((c) => c.quote !== undefined)) return citedSources(e.sources, cite);
    let key = e.packId;
    for (const { source } of e.sources) key += `\u0000${source}`;
    let shared = this.bareCitations.get(key);
    if (!shared) this.bareCitations.set(key, (shared = citedSources(e.sources, cite)));
    return shared;
  }
}

/**
 * A pack's event as the panel holds it. What the filters, the list's rows and the chart read is kept on
 * it (key, dates, actors, tags, certainty); its text (title, summary, place, date note, sources) is parsed
 * again from its block's stored JSON when a row shows it, and the search reads its block's folded run.
 * With 500k events the panel's objects are what the garbage collector walks: an entry holding its texts
 * and their language maps was some fifteen objects, and the collector's pauses were long tasks.
 */
class PackEntry implements TimelineEntry {
  // Private fields (#): not an entry's data, so not what a comparison or a copy of it sees.
  readonly #block: EventBlockRecord;
  readonly #at: number;
  readonly #details: EntryDetails;

  constructor(
    readonly key: string,
    readonly date: string,
    readonly end: string | undefined,
    readonly actors: string[],
    readonly tags: string[],
    readonly certainty: Certainty,
    block: EventBlockRecord,
    at: number,
    details: EntryDetails,
  ) {
    this.#block = block;
    this.#at = at;
    this.#details = details;
  }

  get #record(): EventRecord {
    return this.#details.record(this, this.#block, this.#at);
  }
  get title(): LocalizedText {
    return this.#record.title;
  }
  get summary(): LocalizedText {
    return this.#record.summary;
  }
  get place(): Record<string, string> | undefined {
    return this.#record.place;
  }
  get dateNote(): Record<string, string> | undefined {
    return this.#record.dateNote;
  }
  get sources(): CardSource[] {
    return this.#details.sourcesOf(this.#record);
  }
  get pack(): LocalizedText | undefined {
    return this.#details.packTitle(this.#block.packId);
  }

  hasWord(word: string): boolean {
    return this.#details.words(this.#block).has(word, this.#at);
  }

  foldWords(): void {
    this.#details.words(this.#block);
  }

  /** The entry as data, its text included (what an entry was before its text was read when shown). */
  toJSON(): TimelineEntry {
    const { key, date, end, title, summary, actors, tags, certainty, sources, place, dateNote, pack } = this;
    return { key, date, ...(end && { end }), title, summary, actors, tags, certainty, sources, ...(place && { place }), ...(dateNote && { dateNote }), ...(pack && { pack }) };
  }
}

/** How many of the earliest events the panel paints first, while the whole timeline is read. */
export const FIRST_SCREEN_EVENTS = 200;

/**
 * The head of the timeline: the earliest events (the list's first screens) with only the actors and
 * sources they name, by indexed, limited reads. With 500k events, reading them all takes the panel
 * seconds; this is what it paints meanwhile (`partial`).
 */
export async function loadTimelineStart(db: BackstoryDatabase, { limit = FIRST_SCREEN_EVENTS, pause }: { limit?: number; pause?: () => Promise<void> } = {}): Promise<TimelineData> {
  const [earliest, reader, packs] = await Promise.all([firstEvents(db, limit), readReaderTimeline(db), db.packs.toArray()]);
  // The events' own sources are in their blocks' text, parsed once a block.
  const parsed = earliest.blocks.map(({ record }) => eventsOfBlock(record));
  const records = earliest.events.map((e) => parsed[e.block]![e.at]!);
  const byId = new Map(packs.map((p) => [p.id, p]));
  const pairs = (keys: Iterable<string>) => [...new Set(keys)].map((key) => key.split('/') as [string, string]);
  const [actors, sources] = await Promise.all([
    // Its few hundred actors sit in most of a large pack's actor blocks: read in slices when the caller can wait.
    actorsByKey(db, pairs(records.flatMap((e) => e.actorIds.map((id) => packItemKey(e.packId, id)))), byId, pause),
    sourcesByKey(db, pairs(records.flatMap((e) => e.sources.map((c) => packItemKey(e.packId, c.source)))), byId),
  ]);
  async function* parts(): AsyncGenerator<TimelinePart> {
    yield { kind: 'packs', packs };
    yield { kind: 'sources', sources: sources.filter((s) => s !== undefined) };
    yield { kind: 'actors', actors: actors.filter((a) => a !== undefined).map(actorPart) };
    yield earliest;
  }
  return combineTimeline(await assemblePackTimeline(parts()), reader, true);
}

/** The first `limit` events in reading order, as one part with every block they come from. */
async function firstEvents(db: BackstoryDatabase, limit: number): Promise<Extract<TimelinePart, { kind: 'events' }>> {
  const blocks: TimelineBlockPart[] = [];
  const events: TimelineEventPart[] = [];
  for await (const part of eventParts(db, 1, false)) {
    blocks.push(...part.blocks);
    events.push(...part.events);
    if (events.length >= limit) break;
  }
  return { kind: 'events', blocks, events: events.slice(0, limit) };
}
