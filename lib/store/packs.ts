/**
 * Installing and managing packs. Each operation is one read-write transaction over the pack tables
 * only: a reader sees the old pack or the new one, never half of each, a failed or cancelled import
 * leaves the tables as they were, and the user's tables are outside the transaction's scope, so a pack
 * operation cannot touch them even by mistake.
 */
import Dexie, { type Table } from 'dexie';
import { coveredDays } from '../pack/dates';
import type { Pack } from '../pack/schema';
import { packStats } from '../pack/stats';
import { aliasKeysOf, PACK_TABLES, type BackstoryDatabase } from './database';
import type { ActorRecord, EventRecord, PackFileRecord, PackOrigin, PackRecord, SourceRecord } from './records';

export interface InstallResult {
  packId: string;
  version: string;
  /**
   * "unchanged" when this exact version was already installed and nothing was written; "repaired" when
   * it was, but its rows no longer matched its counts and were written again; "failed" when it could
   * not be installed (the store's problems say why, and the tables keep what they held).
   */
  outcome: 'installed' | 'updated' | 'unchanged' | 'repaired' | 'failed';
}

export function toRecords(pack: Pack, origin: PackOrigin, now: number) {
  const packRecord: PackRecord = {
    id: pack.id,
    format: pack.format,
    version: pack.version,
    title: pack.title,
    description: pack.description,
    languages: pack.languages,
    attribution: pack.attribution,
    licence: pack.licence,
    origin,
    installedAt: now,
    stats: packStats(pack),
  };
  const sources: SourceRecord[] = pack.sources.map((s) => ({ ...s, packId: pack.id }));
  const actors: ActorRecord[] = pack.actors.map((a) => ({ ...a, packId: pack.id, aliasKeys: aliasKeysOf(a) }));
  const events: EventRecord[] = pack.events.map((e) => {
    // validatePack() has already rejected impossible dates, so coveredDays() is defined here.
    const start = coveredDays(e.date)!;
    const end = coveredDays(e.end ?? e.date)!;
    return { ...e, packId: pack.id, actorIds: [...new Set(e.actors.map((r) => r.actor))], firstDay: start.first, lastDay: end.last };
  });
  return { packRecord, sources, actors, events };
}

/** Rows written per bulkPut: each slice's task stays short, and progress and cancel are checked between them. */
export const SLICE_ROWS = 2_000;

/** A removed pack can be brought back for this long; then its file is deleted for good. */
export const UNDO_REMOVE_MS = 10 * 60_000;

/** Thrown inside an install to abort its transaction: nothing it wrote stays. */
export class InstallCancelled extends Error {
  override name = 'InstallCancelled';
}

export interface WriteOptions {
  /** Rows written so far of all the pack's rows, after each slice. */
  onProgress?: (done: number, total: number) => void;
  /** Aborted: the install stops at the next slice and its transaction is rolled back. */
  signal?: AbortSignal;
  sliceRows?: number;
}

/** The UTF-8 length of a text, without encoding it (a 100 MB pack would be copied once more). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 2; // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++;
    } else if (c >= 0x800) bytes += 2;
    else if (c >= 0x80) bytes += 1;
  }
  return bytes;
}

/** A pack's rows in one of the pack tables: the key range of keys [packId, …] (schema v5 has no packId index). */
export function rowsOfPack<T>(table: Table<T, [string, string]>, packId: string) {
  return table.where('[packId+id]').between([packId, Dexie.minKey], [packId, Dexie.maxKey], true, true);
}

function deleteRows(db: BackstoryDatabase, packId: string) {
  return Promise.all([rowsOfPack(db.sources, packId).delete(), rowsOfPack(db.actors, packId).delete(), rowsOfPack(db.events, packId).delete()]);
}

/** Must run inside a transaction over PACK_TABLES: slices are awaited one after the other so it stays open. */
async function writeRows(db: BackstoryDatabase, rows: Pick<ReturnType<typeof toRecords>, 'sources' | 'actors' | 'events'>, options: WriteOptions) {
  const { onProgress, signal, sliceRows = SLICE_ROWS } = options;
  const total = rows.sources.length + rows.actors.length + rows.events.length;
  let done = 0;
  const write = async <T>(table: { bulkPut(items: readonly T[]): Promise<unknown> }, items: readonly T[]) => {
    for (let i = 0; i < items.length; i += sliceRows) {
      if (signal?.aborted) throw new InstallCancelled('the install was cancelled');
      const slice = items.slice(i, i + sliceRows);
      await table.bulkPut(slice);
      done += slice.length;
      onProgress?.(done, total);
    }
  };
  await write(db.sources, rows.sources);
  await write(db.actors, rows.actors);
  await write(db.events, rows.events);
  if (signal?.aborted) throw new InstallCancelled('the install was cancelled');
}

/**
 * Writes `pack` (already validated) unless the same version is installed. A different version, older
 * or newer, replaces it: the built-in pack is whatever this build ships (an import asks the reader
 * first: lib/pack/import.ts planImport). `force` rewrites the same version too, for rows lost behind
 * our back or a reader who chose to. A pack the reader switched off stays off, its rows unwritten.
 * Its JSON is kept whole beside the rows (packFiles) in the same transaction.
 */
export async function installPack(
  db: BackstoryDatabase,
  pack: Pack,
  origin: PackOrigin,
  now = Date.now(),
  { force = false, ...writing }: { force?: boolean } & WriteOptions = {},
): Promise<InstallResult> {
  const json = JSON.stringify(pack);
  const records = toRecords(pack, origin, now);
  return db.transaction('rw', [...PACK_TABLES], async () => {
    const existing = await db.packs.get(pack.id);
    const sameVersion = existing?.version === pack.version && existing.origin === origin;
    if (sameVersion && !force) return { packId: pack.id, version: pack.version, outcome: 'unchanged' as const };
    const enabled = existing?.enabled ?? true;
    await deleteRows(db, pack.id);
    if (enabled) await writeRows(db, records, writing);
    await db.packs.put({ ...records.packRecord, enabled, bytes: utf8Length(json) });
    await db.packFiles.put({ id: pack.id, json });
    const outcome = !existing ? ('installed' as const) : sameVersion ? ('repaired' as const) : ('updated' as const);
    return { packId: pack.id, version: pack.version, outcome };
  });
}

/** The pack as its file has it; files are written by installPack only, from validated packs. */
const packOf = (file: PackFileRecord): Pack => JSON.parse(file.json) as Pack;

/**
 * Switches a pack on or off. Off takes its rows out, so that nothing that reads them (the name index,
 * cards, the timeline, search) needs to know about switched-off packs; on writes them again from its
 * file. Returns the updated record (undefined: no such pack).
 */
export async function setPackEnabled(
  db: BackstoryDatabase,
  packId: string,
  enabled: boolean,
  now = Date.now(),
  writing: WriteOptions = {},
): Promise<PackRecord | undefined> {
  return db.transaction('rw', [...PACK_TABLES], async () => {
    const record = await db.packs.get(packId);
    if (!record) return undefined;
    if ((record.enabled ?? true) === enabled) return record;
    await deleteRows(db, packId);
    if (enabled) {
      const file = await db.packFiles.get(packId);
      if (!file) throw new Error(`the file of pack "${packId}" is missing; import it again`);
      const { sources, actors, events } = toRecords(packOf(file), record.origin, now);
      await writeRows(db, { sources, actors, events }, writing);
    }
    const next: PackRecord = { ...record, enabled, installedAt: now };
    await db.packs.put(next);
    return next;
  });
}

/**
 * Removes an imported pack: its rows and record go at once, its file stays UNDO_REMOVE_MS for undo
 * (decisions, "Removing a pack, with undo"). The reader's notes are not touched: a note keeps its links
 * to the pack's actors, and they resolve again if the pack comes back.
 */
export async function removePack(db: BackstoryDatabase, packId: string, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', [...PACK_TABLES], async () => {
    const record = await db.packs.get(packId);
    if (!record) return false;
    if (record.origin === 'builtin') throw new Error("Backstory's own pack can be switched off, not removed");
    const file = await db.packFiles.get(packId);
    await deleteRows(db, packId);
    await db.packs.delete(packId);
    if (file) await db.packFiles.put({ id: packId, json: file.json, removedAt: now, removedRecord: record });
    return true;
  });
}

/** Brings a removed pack back as it was (on or off). False when there is nothing to bring back. */
export async function undoRemovePack(db: BackstoryDatabase, packId: string, now = Date.now(), writing: WriteOptions = {}): Promise<boolean> {
  return db.transaction('rw', [...PACK_TABLES], async () => {
    const file = await db.packFiles.get(packId);
    if (!file?.removedRecord || (await db.packs.get(packId))) return false;
    const record: PackRecord = { ...file.removedRecord, installedAt: now };
    if (record.enabled ?? true) {
      const { sources, actors, events } = toRecords(packOf(file), record.origin, now);
      await writeRows(db, { sources, actors, events }, writing);
    }
    await db.packs.put(record);
    await db.packFiles.put({ id: packId, json: file.json });
    return true;
  });
}

/** Deletes for good the files of packs removed more than UNDO_REMOVE_MS ago. */
export async function purgeRemovedPacks(db: BackstoryDatabase, now = Date.now()): Promise<number> {
  return db.packFiles.where('removedAt').belowOrEqual(now - UNDO_REMOVE_MS).delete();
}

/**
 * A pack as a file again: the JSON it was installed from, after validation (defaults filled in), laid
 * out as the packs in data/packs are (2-space indent, final newline). Undefined: no such pack.
 */
export async function exportPackText(db: BackstoryDatabase, packId: string): Promise<string | undefined> {
  const file = await db.packFiles.get(packId);
  if (!file || file.removedAt !== undefined) return undefined;
  return `${JSON.stringify(JSON.parse(file.json), null, 2)}\n`;
}

export interface PackSummary {
  id: string;
  version: string;
  title: PackRecord['title'];
  origin: PackOrigin;
  attribution: string;
  licence: string;
  installedAt: number;
  stats: PackRecord['stats'];
  languages: string[];
  /** Off: its rows are out of the tables (highlights, cards and timeline do not have it). */
  enabled: boolean;
  /** The size of its JSON file in bytes (undefined for a pack stored before it was measured). */
  bytes?: number;
  /** Rows actually in the tables, which a test or the about page can compare with `stats`. */
  stored: { actors: number; events: number; sources: number };
}

export type StoredCounts = PackSummary['stored'];

/** Rows per table for one pack, by key range: three key counts, cheap enough for every open. */
export async function storedCounts(db: BackstoryDatabase, packId: string): Promise<StoredCounts> {
  const [actors, events, sources] = await Promise.all([
    rowsOfPack(db.actors, packId).count(),
    rowsOfPack(db.events, packId).count(),
    rowsOfPack(db.sources, packId).count(),
  ]);
  return { actors, events, sources };
}

export async function listPacks(db: BackstoryDatabase): Promise<PackSummary[]> {
  return db.transaction('r', [...PACK_TABLES], async () => {
    const packs = await db.packs.toArray();
    return Promise.all(
      packs.map(async (p) => ({
        id: p.id,
        version: p.version,
        title: p.title,
        origin: p.origin,
        attribution: p.attribution,
        licence: p.licence,
        installedAt: p.installedAt,
        stats: p.stats,
        languages: p.languages,
        enabled: p.enabled ?? true,
        ...(p.bytes !== undefined && { bytes: p.bytes }),
        stored: await storedCounts(db, p.id),
      })),
    );
  });
}
