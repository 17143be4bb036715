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

const sourceRow = (packId: string) => (s: Pack['sources'][number]): SourceRecord => ({ ...s, packId });
const actorRow = (packId: string) => (a: Pack['actors'][number]): ActorRecord => ({ ...a, packId, aliasKeys: aliasKeysOf(a) });
const eventRow =
  (packId: string) =>
  (e: Pack['events'][number]): EventRecord => {
    // validatePack() has already rejected impossible dates, so coveredDays() is defined here.
    const start = coveredDays(e.date)!;
    const end = coveredDays(e.end ?? e.date)!;
    return { ...e, packId, actorIds: [...new Set(e.actors.map((r) => r.actor))], firstDay: start.first, lastDay: end.last };
  };

function packRecordOf(pack: Pack, origin: PackOrigin, now: number): PackRecord {
  return {
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
}

/** A pack's record and all its rows at once (tests, and whoever needs them whole; installs build them a slice at a time). */
export function toRecords(pack: Pack, origin: PackOrigin, now: number) {
  return {
    packRecord: packRecordOf(pack, origin, now),
    sources: pack.sources.map(sourceRow(pack.id)),
    actors: pack.actors.map(actorRow(pack.id)),
    events: pack.events.map(eventRow(pack.id)),
  };
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

/**
 * Writes a pack's rows; must run inside a transaction over PACK_TABLES, after its old rows are deleted.
 * IndexedDB costs about the same per row whatever the row (docs/bench.md), and does that work off this
 * thread: so one slice is always queued behind the one being written, and this thread builds the next
 * slice's rows (and `whileWriting`'s work) meanwhile, instead of the database waiting for it. The
 * transaction stays open because a request is always pending. Rows are added, not put: their keys were
 * deleted (or never there) and validatePack() guarantees them unique.
 */
async function writeRows(db: BackstoryDatabase, pack: Pack, options: WriteOptions, whileWriting?: () => void) {
  const { onProgress, signal, sliceRows = SLICE_ROWS } = options;
  const total = pack.sources.length + pack.actors.length + pack.events.length;
  const slices: { rows: number; write: () => Promise<unknown> }[] = [];
  const plan = <I, R>(table: Table<R, [string, string]>, items: readonly I[], row: (item: I) => R) => {
    for (let at = 0; at < items.length; at += sliceRows) {
      const part = items.slice(at, at + sliceRows);
      slices.push({ rows: part.length, write: () => table.bulkAdd(part.map(row)) });
    }
  };
  plan(db.sources, pack.sources, sourceRow(pack.id));
  plan(db.actors, pack.actors, actorRow(pack.id));
  plan(db.events, pack.events, eventRow(pack.id));
  let done = 0;
  let inFlight: { rows: number; written: Promise<unknown> } | undefined;
  for (let k = 0; k <= slices.length; k++) {
    if (signal?.aborted) throw new InstallCancelled('the install was cancelled');
    const slice = slices[k];
    const next = slice && { rows: slice.rows, written: slice.write() };
    // Handled here so that a cancel, which abandons it, leaves no unhandled rejection; awaited below.
    next?.written.catch(() => undefined);
    if (k === 0) whileWriting?.();
    if (inFlight) {
      await inFlight.written;
      done += inFlight.rows;
      onProgress?.(done, total);
    }
    inFlight = next;
  }
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
  // `file`: the pack's JSON when the caller has it already (an imported file the schema changed nothing in).
  { force = false, file, ...writing }: { force?: boolean; file?: string } & WriteOptions = {},
): Promise<InstallResult> {
  return db.transaction('rw', [...PACK_TABLES], async () => {
    const existing = await db.packs.get(pack.id);
    const sameVersion = existing?.version === pack.version && existing.origin === origin;
    if (sameVersion && !force) return { packId: pack.id, version: pack.version, outcome: 'unchanged' as const };
    const enabled = existing?.enabled ?? true;
    await deleteRows(db, pack.id);
    // The file's text is made while the first rows are being written (seconds for a 100k-actor pack).
    let json = file ?? '';
    const makeFile = () => void (json ||= JSON.stringify(pack));
    if (enabled) await writeRows(db, pack, writing, makeFile);
    else makeFile();
    await db.packs.put({ ...packRecordOf(pack, origin, now), enabled, bytes: utf8Length(json) });
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
      await writeRows(db, packOf(file), writing);
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
      await writeRows(db, packOf(file), writing);
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
