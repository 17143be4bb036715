/**
 * The Dexie database, owned by the background. Versions are append-only: each entry is the schema
 * a released build shipped, with the upgrade that carries older data forward. Never edit an old
 * version; add a new one and a migration test that starts from the old shape with user data in it.
 */
import Dexie, { type DexieOptions, type Table } from 'dexie';
import { looseName } from '../text/normalize';
import type { ActorRecord, EventRecord, NoteRecord, PackRecord, SettingRecord, SourceRecord } from './records';

export const DATABASE_NAME = 'backstory';

/** Tables that hold pack content, replaced as a whole when a pack is installed or updated. */
export const PACK_TABLES = ['packs', 'sources', 'actors', 'events'] as const;
/** Tables that hold the user's data: no pack operation may ever open them for writing. */
export const USER_TABLES = ['notes', 'settings'] as const;

export const SCHEMA_V1 = {
  packs: 'id, origin',
  sources: '[packId+id], packId',
  actors: '[packId+id], packId',
  events: '[packId+id], packId, *actorIds, firstDay',
  notes: '++id, createdAt, *actorIds',
  settings: 'key',
} as const;

/** v2: find actors by any spelling of their names (notes from a selection), sort notes by last edit. */
export const SCHEMA_V2 = {
  actors: '[packId+id], packId, *aliasKeys',
  notes: '++id, createdAt, updatedAt, *actorIds, url',
} as const;

export function aliasKeysOf(actor: Pick<ActorRecord, 'aliases'>): string[] {
  const keys = new Set<string>();
  for (const alias of actor.aliases) for (const text of [alias.text, ...(alias.forms ?? [])]) keys.add(looseName(text));
  return [...keys];
}

export class BackstoryDatabase extends Dexie {
  declare packs: Table<PackRecord, string>;
  declare sources: Table<SourceRecord, [string, string]>;
  declare actors: Table<ActorRecord, [string, string]>;
  declare events: Table<EventRecord, [string, string]>;
  declare notes: Table<NoteRecord, number>;
  declare settings: Table<SettingRecord, string>;

  constructor(name: string = DATABASE_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        await tx
          .table<ActorRecord>('actors')
          .toCollection()
          .modify((actor) => {
            actor.aliasKeys = aliasKeysOf(actor);
          });
        await tx
          .table<NoteRecord>('notes')
          .toCollection()
          .modify((note) => {
            note.updatedAt ??= note.createdAt;
          });
      });
  }
}
