/**
 * The Dexie database, owned by the background. Versions are append-only: each entry is the schema
 * a released build shipped, with the upgrade that carries older data forward. Never edit an old
 * version; add a new one and a migration test that starts from the old shape with user data in it.
 */
import Dexie, { type DexieOptions, type Table, type Transaction } from 'dexie';
import { isActorKey, type ActorKey } from '../pack/keys';
import { pageKeysOf, type NoteRecord, type ReaderActorRecord } from '../notes/model';
import type { ActorRecord, EventRecord, LegacyNoteRecord, PackFileRecord, PackRecord, SettingRecord, SourceRecord } from './records';
import { aliasKeysOf, packBlocks, storedActor, storedEvent, type ActorBlockRecord, type EventBlockRecord, type NameBlockRecord, type SourceBlockRecord } from './block-layout';

export { aliasKeysOf };

export const DATABASE_NAME = 'backstory';

/** Tables that hold pack content, replaced as a whole when a pack is installed or updated (blocks: schema v6). */
export const PACK_TABLES = ['packs', 'sourceBlocks', 'actorBlocks', 'eventBlocks', 'nameBlocks', 'packFiles'] as const;
/** Tables that hold the user's data: no pack operation may ever open them for writing. */
export const USER_TABLES = ['readerNotes', 'readerActors', 'settings'] as const;

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

/**
 * v3: the reader's notes become W3C-anchored annotations with a string id (an imported annotation keeps
 * its IRI), so they move to a table keyed by that id; the reader's followed names get a table of their own.
 * Dexie cannot change a table's primary key, hence a new table and the old one dropped after the copy.
 */
export const SCHEMA_V3 = {
  notes: null,
  readerNotes: 'id, updatedAt, *actorIds, *pageKeys',
  readerActors: 'id, updatedAt, *aliasKeys',
} as const;

/**
 * v4: packs can be imported, switched off and removed with undo. Each pack's validated JSON is kept whole
 * (packFiles) beside the rows built from it: switching a pack on again, undoing its removal and exporting
 * it read it back (decisions, "Pack files kept beside their rows"). Packs gain `enabled` and `bytes`.
 */
export const SCHEMA_V4 = {
  packFiles: 'id, removedAt',
} as const;

/**
 * v5: the pack tables lose their `packId` index. Each row's key [packId+id] already begins with its pack,
 * so a key range finds a pack's rows (rowsOfPack), and every row written no longer pays for a second
 * index entry: a 100k-actor import is bound by IndexedDB's cost per entry (decisions, "Pack import in
 * a worker").
 */
export const SCHEMA_V5 = {
  sources: '[packId+id]',
  actors: '[packId+id], *aliasKeys',
  events: '[packId+id], *actorIds, firstDay',
} as const;

/**
 * v6: a pack's content is stored in blocks of a few hundred items, not a row each: IndexedDB costs about
 * the same per row whatever it holds, so a 100k-actor pack is a few thousand rows instead of 600k
 * (lib/store/block-layout.ts; decisions, "Pack content stored in blocks"). The row tables go; their rows
 * are carried into blocks.
 */
export const SCHEMA_V6 = {
  sources: null,
  actors: null,
  events: null,
  sourceBlocks: '[packId+block]',
  actorBlocks: '[packId+block]',
  eventBlocks: '[packId+block], firstDay',
  nameBlocks: '[packId+first]',
} as const;

/**
 * v7: a pack's file is kept as a Blob (`file`), not as a string of its validated JSON (`json`): an import
 * stores the reader's own file, which IndexedDB keeps as a file instead of cloning a string of up to 400 MB
 * (a 100k pack's JSON held names in several scripts, so two bytes a character), and nothing serialises
 * the pack again (decisions, "Pack files kept as the reader's own file"). No index changes.
 */
export const SCHEMA_V7 = {} as const;

/**
 * v8: an event block's events and an actor block's actors are stored as one JSON string each
 * (`eventsJson`, `actorsJson`), events without what they can be given on read (packId, actorIds, days):
 * handing a block of 512 event objects to IndexedDB cost a structured clone of each, on the way in (the
 * import) and on the way out (the side panel's garbage collector), where a string is copied whole
 * (lib/store/block-layout.ts; decisions, issue 15). No index changes.
 */
export const SCHEMA_V8 = {} as const;

export class BackstoryDatabase extends Dexie {
  declare packs: Table<PackRecord, string>;
  declare sourceBlocks: Table<SourceBlockRecord, [string, number]>;
  declare actorBlocks: Table<ActorBlockRecord, [string, number]>;
  declare eventBlocks: Table<EventBlockRecord, [string, number]>;
  declare nameBlocks: Table<NameBlockRecord, [string, string]>;
  declare packFiles: Table<PackFileRecord, string>;
  declare readerNotes: Table<NoteRecord, string>;
  declare readerActors: Table<ReaderActorRecord, string>;
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
          .table<LegacyNoteRecord>('notes')
          .toCollection()
          .modify((note) => {
            note.updatedAt ??= note.createdAt;
          });
      });
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade(async (tx) => {
        const legacy = await tx.table<LegacyNoteRecord>('notes').toArray();
        if (legacy.length === 0) return;
        const actors = await tx.table<ActorRecord>('actors').toArray();
        await tx.table<NoteRecord>('readerNotes').bulkAdd(legacy.map((note) => upgradeNote(note, actors)));
      });
    // Every pack stored so far was on. Its file is written when the background next checks its built-in
    // pack (a pack without its file counts as damaged and is written again): v3 stored only built-in packs.
    this.version(4)
      .stores(SCHEMA_V4)
      .upgrade(async (tx) => {
        await tx
          .table<PackRecord>('packs')
          .toCollection()
          .modify((pack) => {
            pack.enabled = true;
          });
      });
    // Dropping an index needs no data carried forward.
    this.version(5).stores(SCHEMA_V5);
    this.version(6).stores(SCHEMA_V6).upgrade(carryRowsIntoBlocks);
    this.version(7)
      .stores(SCHEMA_V7)
      .upgrade(async (tx) => {
        // The validated JSON as it was stored becomes the file: the same pack, so exports and undo read it alike.
        await tx
          .table<PackFileRecord & { json?: string }>('packFiles')
          .toCollection()
          .modify((record) => {
            record.file = new Blob([record.json ?? ''], { type: 'application/json' });
            delete record.json;
          });
      });
    this.version(8).stores(SCHEMA_V8).upgrade(blocksAsJson);
  }
}

/**
 * The v8 upgrade: each v7 block's items as one JSON string of their stored form. A block already in that
 * form (written by this build's v6 upgrade, in the same run) is left as it is.
 */
async function blocksAsJson(tx: Transaction): Promise<void> {
  await tx
    .table<EventBlockRecord & { events?: EventRecord[] }>('eventBlocks')
    .toCollection()
    .modify((block) => {
      if (!block.events) return;
      block.eventsJson = JSON.stringify(block.events.map(storedEvent));
      delete block.events;
    });
  await tx
    .table<ActorBlockRecord & { actors?: ActorRecord[] }>('actorBlocks')
    .toCollection()
    .modify((block) => {
      if (!block.actors) return;
      block.actorsJson = JSON.stringify(block.actors.map((a) => storedActor(a, a.eventAt)));
      delete block.actors;
    });
}

/**
 * The v6 upgrade: every pack's v5 rows as blocks, and its record given their layout. Rows of a pack
 * without a record (none are written so, but a test or an older build's leftovers may be) are carried
 * too, so that nothing that was read before is lost.
 */
async function carryRowsIntoBlocks(tx: Transaction): Promise<void> {
  const [sources, actors, events] = await Promise.all([
    tx.table<SourceRecord>('sources').toArray(),
    tx.table<ActorRecord>('actors').toArray(),
    tx.table<EventRecord>('events').toArray(),
  ]);
  const byPack = new Map<string, { id: string; sources: SourceRecord[]; actors: ActorRecord[]; events: EventRecord[] }>();
  const of = (packId: string) => byPack.get(packId) ?? byPack.set(packId, { id: packId, sources: [], actors: [], events: [] }).get(packId)!;
  for (const s of sources) of(s.packId).sources.push(s);
  for (const a of actors) of(a.packId).actors.push(a);
  for (const e of events) of(e.packId).events.push(e);
  for (const rows of byPack.values()) {
    const { layout, slices } = packBlocks(rows);
    for (const slice of slices) await tx.table(slice.table).bulkAdd(slice.rows);
    await tx
      .table<PackRecord>('packs')
      .where('id')
      .equals(rows.id)
      .modify((pack) => {
        pack.layout = layout;
      });
  }
}

/**
 * A v1/v2 note as a v3 one. Its actor ids were bare ("kirill-dmitriev"): each becomes the key of the
 * installed actor with that id (the first pack that has it), and an id no pack knows is kept as text in
 * the body rather than dropped. A quote without a URL cannot be anchored, so it stays in the body too.
 */
export function upgradeNote(note: LegacyNoteRecord, actors: readonly Pick<ActorRecord, 'packId' | 'id'>[]): NoteRecord {
  const keyOf = new Map<string, ActorKey>();
  for (const a of actors) if (!keyOf.has(a.id)) keyOf.set(a.id, `${a.packId}/${a.id}`);
  const actorIds: ActorKey[] = [];
  const unknown: string[] = [];
  for (const id of note.actorIds) {
    const key = isActorKey(id) ? id : keyOf.get(id);
    if (key) actorIds.push(key);
    else unknown.push(id);
  }
  const target = note.url && note.quote ? { source: note.url, pageTitle: '', quote: { type: 'TextQuoteSelector' as const, exact: note.quote, prefix: '', suffix: '' } } : undefined;
  const extra = [
    ...(note.quote && !target ? [`“${note.quote}”`] : []),
    ...(note.url && !target ? [note.url] : []),
    ...(unknown.length ? [unknown.join(', ')] : []),
  ];
  const firstLine = note.text.split('\n')[0]!.trim();
  return {
    id: `urn:backstory:note:v1-${note.id ?? note.createdAt}`,
    title: firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine,
    body: [note.text, ...extra].join('\n\n'),
    certainty: 'reported',
    actorIds,
    ...(target && { target }),
    pageKeys: pageKeysOf(target ?? (note.url ? { source: note.url } : undefined)),
    createdAt: note.createdAt,
    updatedAt: note.updatedAt ?? note.createdAt,
  };
}
