/**
 * Everything the side panel's timeline shows, read in one pass from the database: every event of every
 * installed pack with its sources, the reader's own notes as entries of the same timeline, and the
 * actors (the packs' and the names the reader follows) with their names in every language (the text
 * search looks at all of them). Kept small on purpose: the panel runs it inside Dexie's liveQuery, so a
 * pack installed or a note written elsewhere shows up without a reload.
 */
import { actorKey, packItemKey } from '../pack/keys';
import type { CardSource } from '../messages/protocol';
import { localDay } from '../pack/dates';
import type { Certainty, LocalizedText } from '../pack/schema';
import { READER_PACK_ID, type NoteRecord, type ReaderActorRecord } from '../notes/model';
import { citedSources } from './card';
import { shownKeys } from '../pack/identity';
import type { TimelineEvent } from '../timeline/filter';
import type { BackstoryDatabase } from './database';
import type { ActorRecord, EventRecord, PackRecord, SourceRecord } from './records';

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
  /** Every name and alias spelling, for the text search ("Ušakov" as an Italian paper writes him). */
  searchNames: string[];
  /** A name the reader follows ("reader/<id>"), not a pack's actor. */
  own?: boolean;
}

export interface TimelineData {
  events: TimelineEntry[];
  actors: TimelineActor[];
  tags: string[];
  /** Only the timeline's head (loadTimelineStart): the whole of it is still being read. */
  partial?: boolean;
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
    searchNames: [...new Set([actor.name, ...actor.spellings])],
    own: true,
  };
}

export async function loadTimeline(db: BackstoryDatabase): Promise<TimelineData> {
  const [events, actors, sources, notes, readerActors, packs] = await Promise.all([
    db.events.toArray(),
    db.actors.toArray(),
    db.sources.toArray(),
    db.readerNotes.toArray(),
    db.readerActors.toArray(),
    db.packs.toArray(),
  ]);
  return assemble({ events, actors, sources, notes, readerActors, packs });
}

/** How many of the earliest events the panel paints first, while the whole timeline is read. */
export const FIRST_SCREEN_EVENTS = 200;

/**
 * The head of the timeline: the earliest events (the list's first screens) with only the actors and
 * sources they name, by indexed, limited reads. With 500k events, reading them all takes the panel
 * minutes on a loaded machine; this is what it paints meanwhile (`partial`).
 */
export async function loadTimelineStart(db: BackstoryDatabase, limit = FIRST_SCREEN_EVENTS): Promise<TimelineData> {
  const [events, notes, readerActors, packs] = await Promise.all([
    db.events.orderBy('firstDay').limit(limit).toArray(),
    db.readerNotes.toArray(),
    db.readerActors.toArray(),
    db.packs.toArray(),
  ]);
  const pairs = (keys: Iterable<string>) => [...new Set(keys)].map((key) => key.split('/') as [string, string]);
  const [actors, sources] = await Promise.all([
    db.actors.bulkGet(pairs(events.flatMap((e) => e.actorIds.map((id) => packItemKey(e.packId, id))))),
    db.sources.bulkGet(pairs(events.flatMap((e) => e.sources.map((c) => packItemKey(e.packId, c.source))))),
  ]);
  return {
    ...assemble({ events, actors: actors.filter((a) => a !== undefined), sources: sources.filter((s) => s !== undefined), notes, readerActors, packs }),
    partial: true,
  };
}

function assemble({ events, actors, sources, notes, readerActors, packs }: {
  events: EventRecord[];
  actors: ActorRecord[];
  sources: SourceRecord[];
  notes: NoteRecord[];
  readerActors: ReaderActorRecord[];
  packs: PackRecord[];
}): TimelineData {
  const sourceByKey = new Map<string, SourceRecord>(sources.map((s) => [packItemKey(s.packId, s.id), s]));
  // Two packs' copies of one person are one actor (lib/pack/identity.ts), shown under one key.
  const shown = shownKeys(actors.map((a) => ({ key: actorKey(a.packId, a.id), kind: a.kind, name: a.name, wikidata: a.wikidata })));
  const shownKey = (packId: string, id: string): string => {
    const key = actorKey(packId, id);
    return shown.get(key) ?? key;
  };
  // With more than one pack, each event says which pack it comes from.
  const packTitles = packs.length > 1 ? new Map(packs.map((p) => [p.id, p.title])) : undefined;
  const timelineActors = new Map<string, TimelineActor>();
  const byKey = shown.size ? new Map<string, (typeof actors)[number]>(actors.map((a) => [actorKey(a.packId, a.id), a])) : undefined;
  for (const a of actors) {
    const key = shownKey(a.packId, a.id);
    const names = [...Object.values(a.name), ...a.aliases.flatMap((alias) => [alias.text, ...alias.forms])];
    const known = timelineActors.get(key);
    if (known) {
      known.searchNames = [...new Set([...known.searchNames, ...names])];
      continue;
    }
    // The copy whose key is shown gives the name, role and country; the others add their spellings.
    const copy = byKey?.get(key) ?? a;
    timelineActors.set(key, {
      key,
      kind: copy.kind,
      name: copy.name,
      role: copy.role,
      country: copy.country,
      searchNames: [...new Set(names)],
    });
  }
  return {
    events: [...events.map((e): TimelineEntry => ({
      key: packItemKey(e.packId, e.id),
      date: e.date,
      ...(e.end && { end: e.end }),
      title: e.title,
      summary: e.summary,
      actors: [...new Set(e.actors.map((a) => shownKey(e.packId, a.actor)))],
      tags: e.tags,
      certainty: e.certainty as Certainty,
      ...(e.place && { place: e.place }),
      ...(e.dateNote && { dateNote: e.dateNote }),
      sources: citedSources(e.sources, (id) => sourceByKey.get(packItemKey(e.packId, id))),
      ...(packTitles?.has(e.packId) && { pack: packTitles.get(e.packId)! }),
    })), ...notes.map(noteEntry)],
    actors: [...timelineActors.values(), ...readerActors.map(readerTimelineActor)],
    tags: [...new Set(events.flatMap((e) => e.tags))].sort(),
  };
}
