/**
 * Everything the side panel's timeline shows, read in one pass from the database: every event of every
 * installed pack with its sources, and the actors with their names in every language (the text search
 * looks at all of them). Kept small on purpose: the panel runs it inside Dexie's liveQuery, so a pack
 * installed or updated elsewhere shows up without a reload.
 */
import { actorKey, packItemKey } from '../pack/keys';
import type { CardSource } from '../messages/protocol';
import type { Certainty } from '../pack/schema';
import { citedSources } from './card';
import type { TimelineEvent } from '../timeline/filter';
import type { BackstoryDatabase } from './database';
import type { SourceRecord } from './records';

export interface TimelineEntry extends TimelineEvent {
  place?: Record<string, string>;
  dateNote?: Record<string, string>;
  sources: CardSource[];
}

export interface TimelineActor {
  key: string;
  kind: 'person' | 'organization';
  name: Record<string, string>;
  role: Record<string, string>;
  country: string;
  /** Every name and alias spelling, for the text search ("Ušakov" as an Italian paper writes him). */
  searchNames: string[];
}

export interface TimelineData {
  events: TimelineEntry[];
  actors: TimelineActor[];
  tags: string[];
}

export async function loadTimeline(db: BackstoryDatabase): Promise<TimelineData> {
  const [events, actors, sources] = await Promise.all([db.events.toArray(), db.actors.toArray(), db.sources.toArray()]);
  const sourceByKey = new Map<string, SourceRecord>(sources.map((s) => [packItemKey(s.packId, s.id), s]));
  return {
    events: events.map((e): TimelineEntry => ({
      key: packItemKey(e.packId, e.id),
      date: e.date,
      ...(e.end && { end: e.end }),
      title: e.title,
      summary: e.summary,
      actors: e.actors.map((a) => actorKey(e.packId, a.actor)),
      tags: e.tags,
      certainty: e.certainty as Certainty,
      ...(e.place && { place: e.place }),
      ...(e.dateNote && { dateNote: e.dateNote }),
      sources: citedSources(e.sources, (id) => sourceByKey.get(packItemKey(e.packId, id))),
    })),
    actors: actors.map((a) => ({
      key: actorKey(a.packId, a.id),
      kind: a.kind,
      name: a.name,
      role: a.role,
      country: a.country,
      searchNames: [...new Set([...Object.values(a.name), ...a.aliases.flatMap((alias) => [alias.text, ...alias.forms])])],
    })),
    tags: [...new Set(events.flatMap((e) => e.tags))].sort(),
  };
}
