/**
 * What the database holds. Pack content rows carry their `packId` so that packs can be replaced or
 * removed whole, and so that ids only need to be unique within a pack (imported packs choose their own).
 */
import type { Actor, Event, LocalizedText, Pack, Source } from '../pack/schema';
import type { PackStats } from '../pack/stats';

export type PackOrigin = 'builtin' | 'imported';

export interface PackRecord {
  id: string;
  format: Pack['format'];
  version: string;
  title: LocalizedText;
  description: LocalizedText;
  languages: string[];
  attribution: string;
  licence: string;
  origin: PackOrigin;
  installedAt: number;
  stats: PackStats;
}

export type SourceRecord = Source & { packId: string };

export type ActorRecord = Actor & {
  packId: string;
  /** looseName() of every alias and form: finds an actor from a typed or selected name (schema v2). */
  aliasKeys: string[];
};

export type EventRecord = Event & {
  packId: string;
  /** Denormalized from `actors` for the multi-entry index: "every event of this actor" is one query. */
  actorIds: string[];
  /** First and last day the partial date covers, "YYYY-MM-DD", for range queries that respect precision. */
  firstDay: string;
  lastDay: string;
};

/** A note as schema v1 and v2 stored it (table "notes"); v3 moved notes to lib/notes/model.ts's shape. */
export interface LegacyNoteRecord {
  id?: number;
  text: string;
  actorIds: string[];
  url?: string;
  quote?: string;
  createdAt: number;
  /** Added in schema v2 (sorting by last edit); backfilled from createdAt. */
  updatedAt?: number;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}
