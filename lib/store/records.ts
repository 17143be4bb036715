/**
 * What the database holds. Pack content items carry their `packId` so that packs can be replaced or
 * removed whole, and so that ids only need to be unique within a pack (imported packs choose their own).
 * Since schema v6 they are stored in blocks of items (./block-layout.ts), not a row each.
 */
import type { Actor, Event, LocalizedText, Pack, Source } from '../pack/schema';
import type { PackStats } from '../pack/stats';
import type { EventPlace, PackLayout } from './block-layout';

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
  /** When its rows were last written or taken away: the name index's fingerprint changes with it. */
  installedAt: number;
  stats: PackStats;
  /** Off: its rows are taken out (highlights, cards and timeline lose it), its file kept (schema v4; absent before: on). */
  enabled?: boolean;
  /** UTF-8 length of its JSON file: the size the options page shows (absent for packs stored before v4). */
  bytes?: number;
  /** How its content is cut into blocks (schema v6): absent while it has none stored (switched off). */
  layout?: PackLayout;
}

/**
 * A pack's file, kept whole (schema v4; a Blob since v7). While a removal can be undone the file stays with
 * the pack's record in `removedRecord`; it is deleted for good UNDO_REMOVE_MS after `removedAt`.
 */
export interface PackFileRecord {
  id: string;
  /**
   * The pack's file (schema v7): the reader's own file for an imported pack, stored by IndexedDB as a file
   * and never read into a string to be kept; the built-in pack's JSON, laid out as data/packs has it.
   */
  file: Blob;
  removedAt?: number;
  removedRecord?: PackRecord;
}

export type SourceRecord = Source & { packId: string };

export type ActorRecord = Actor & {
  packId: string;
  /** looseName() of every alias and form: finds an actor from a typed or selected name (schema v2). */
  aliasKeys: string[];
  /** Where its events are in the pack's event blocks (schema v6), in the events' order; absent: none. */
  eventAt?: EventPlace[];
};

export type EventRecord = Event & {
  packId: string;
  /** The distinct actors of `actors`: who an event is about, without its roles. */
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
