/**
 * Installing and managing packs. Each operation is one read-write transaction over the pack tables
 * only: a reader sees the old pack or the new one, never half of each, a failed or cancelled import
 * leaves the tables as they were, and the user's tables are outside the transaction's scope, so a pack
 * operation cannot touch them even by mistake.
 */
import Dexie from 'dexie';
import { checkPackText } from '../pack/import';
import type { Pack } from '../pack/schema';
import { packStats } from '../pack/stats';
import { PACK_TABLES, type BackstoryDatabase } from './database';
import { actorRecord, BLOCK_SIZES, eventRecord, packBlocks, packBlockSlices, sourceRecord, type BlockSizes, type BlockSlice, type PackLayout } from './block-layout';
import { deleteBlocks, storedCounts, type StoredCounts } from './blocks';
import type { PackFileRecord, PackOrigin, PackRecord } from './records';

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
    sources: pack.sources.map((s) => sourceRecord(pack.id, s)),
    actors: pack.actors.map((a) => actorRecord(pack.id, a)),
    events: pack.events.map((e) => eventRecord(pack.id, e)),
  };
}

/** Items (actors, events, sources, name keys) written per bulkAdd of blocks: progress and cancel are checked between slices. */
export const SLICE_ROWS = 2_000;

/** A removed pack can be brought back for this long; then its file is deleted for good. */
export const UNDO_REMOVE_MS = 10 * 60_000;

/** Thrown inside an install to abort its transaction: nothing it wrote stays. */
export class InstallCancelled extends Error {
  override name = 'InstallCancelled';
}

export interface WriteOptions {
  /**
   * After each slice: of the pack's items (sources, actors, events), how far building and writing their
   * blocks are, each item counting half when built and half when written (never the same `done` twice).
   */
  onProgress?: (done: number, total: number) => void;
  /** Aborted: the install stops at the next slice and its transaction is rolled back. */
  signal?: AbortSignal;
  sliceRows?: number;
  /** Items per block (tests use small blocks to cut days and keys across blocks). */
  blockSizes?: BlockSizes;
  /** Called as each step ends (a table's last slice queued, every block written, …): the import's step timings. */
  mark?: (phase: string) => void;
}

/** Building blocks yields to the event loop about this often: a cancel is heard and progress posted meanwhile. */
const BUILD_TURN_MS = 200;

/**
 * The next turn of the event loop, by a timer, which stays on this thread: Firefox is understood (not checked
 * here) to route even a MessageChannel message to ourselves through its parent process, and the build takes
 * its turns while the machine is loaded (docs/bench.md).
 */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** What progress counts: a pack's sources, actors and events (its name keys are written with them). */
export const itemCount = (pack: Pack) => pack.sources.length + pack.actors.length + pack.events.length;

/** Progress in items: each counts half when its block is built and half when written. */
const halfDone = (built: number, written: number) => Math.floor((built + written) / 2);

/** A pack's block rows, built before the transaction that writes them, and where everything went. */
export interface BuiltBlocks {
  slices: BlockSlice[];
  layout: PackLayout;
  /** Items (sources, actors, events) in the slices: progress counts them. */
  items: number;
}

/**
 * Builds every block row of a pack, before its transaction: sorting, copying and `JSON.stringify`
 * take seconds for a 100k pack, and done between the writes they kept Firefox's writes waiting
 * (docs/bench.md). Outside a transaction the build may yield: between slices, at least every
 * BUILD_TURN_MS, it lets a cancel in and reports progress. Progress counts each item half when built and
 * half when written (writeBlocks), so the bar moves through both and ends at the pack's item count.
 */
export async function buildBlocks(pack: Pack, options: WriteOptions = {}): Promise<BuiltBlocks> {
  const { onProgress, signal, sliceRows = SLICE_ROWS, blockSizes = BLOCK_SIZES, mark } = options;
  const total = itemCount(pack);
  const generator = packBlockSlices(pack, blockSizes, sliceRows);
  const slices: BlockSlice[] = [];
  let built = 0;
  let table: string | undefined;
  let turn = performance.now();
  for (;;) {
    if (signal?.aborted) throw new InstallCancelled('the install was cancelled');
    const step = generator.next();
    const slice = step.done ? undefined : step.value;
    // For the step marks: when the build moves to another table (events, sources, actors, name blocks).
    if (slice?.table !== table) {
      if (table) mark?.(`${table} built`);
      table = slice?.table;
    }
    if (!slice) return { slices, layout: step.value as PackLayout, items: total };
    slices.push(slice);
    if (slice.table === 'nameBlocks') continue;
    const before = halfDone(built, 0);
    built += slice.items;
    if (halfDone(built, 0) > before) onProgress?.(halfDone(built, 0), total);
    // Inside a caller's transaction a turn of the event loop would end it: no yielding there.
    if (performance.now() - turn >= BUILD_TURN_MS && !Dexie.currentTransaction) {
      await nextTurn();
      turn = performance.now();
    }
  }
}

/**
 * Writes a pack's blocks, built by buildBlocks; must run inside a transaction over PACK_TABLES, after
 * its old blocks are deleted. One slice is always queued behind the one being written, so the
 * database is never idle waiting for this thread, and the transaction stays open because a request is
 * always pending. Blocks are added, not put: their keys were deleted (or never there).
 */
async function writeBlocks(db: BackstoryDatabase, built: BuiltBlocks, options: WriteOptions): Promise<PackLayout> {
  const { onProgress, signal, mark } = options;
  const { slices, items: total } = built;
  let written = 0;
  let inFlight: { items: number; written: Promise<unknown> } | undefined;
  let table: string | undefined;
  for (let k = 0; k <= slices.length; k++) {
    if (signal?.aborted) throw new InstallCancelled('the install was cancelled');
    const slice = slices[k];
    if (slice?.table !== table) {
      if (table) mark?.(`${table} queued`);
      table = slice?.table;
    }
    const next = slice && { items: slice.table === 'nameBlocks' ? 0 : slice.items, written: db.table(slice.table).bulkAdd(slice.rows) };
    // Handled here so that a cancel, which abandons it, leaves no unhandled rejection; awaited below.
    next?.written.catch(() => undefined);
    if (inFlight) {
      await inFlight.written;
      const before = halfDone(total, written);
      written += inFlight.items;
      if (halfDone(total, written) > before) onProgress?.(halfDone(total, written), total);
    }
    inFlight = next;
  }
  mark?.('blocks written');
  if (signal?.aborted) throw new InstallCancelled('the install was cancelled');
  return built.layout;
}

/**
 * Writes `pack` (already validated) unless the same version is installed. A different version, older
 * or newer, replaces it: the built-in pack is whatever this build ships (an import asks the reader
 * first: lib/pack/import.ts planImport). `force` rewrites the same version too, for rows lost behind
 * our back or a reader who chose to. A pack the reader switched off stays off, its rows unwritten.
 * Its file is kept whole beside the rows (packFiles) in the same transaction: `file` when the caller has
 * it (the reader's own file, stored as IndexedDB stores Blobs: as a file, not a cloned string), else
 * the pack's JSON laid out as data/packs has it.
 */
export async function installPack(
  db: BackstoryDatabase,
  pack: Pack,
  origin: PackOrigin,
  now = Date.now(),
  { force = false, file, ...writing }: { force?: boolean; file?: Blob } & WriteOptions = {},
): Promise<InstallResult> {
  const sameVersionIn = (record: PackRecord | undefined) => record?.version === pack.version && record.origin === origin;
  const unchanged = (record: PackRecord | undefined) => !force && sameVersionIn(record);
  // Built before the transaction (buildBlocks), unless nothing will be written: the same version, or a pack the reader switched off.
  const before = await db.packs.get(pack.id);
  const built = unchanged(before) || !(before?.enabled ?? true) ? undefined : await buildBlocks(pack, writing);
  return db.transaction('rw', [...PACK_TABLES], async () => {
    const existing = await db.packs.get(pack.id);
    const sameVersion = sameVersionIn(existing);
    if (unchanged(existing)) return { packId: pack.id, version: pack.version, outcome: 'unchanged' as const };
    const enabled = existing?.enabled ?? true;
    await deleteBlocks(db, pack.id);
    writing.mark?.('old blocks deleted');
    // Switched on meanwhile (another page): built here, inside the transaction, without yielding.
    const layout = enabled ? await writeBlocks(db, built ?? (await buildInside(pack, writing)), writing) : undefined;
    const kept = file ?? packFile(pack);
    await db.packs.put({ ...packRecordOf(pack, origin, now), enabled, bytes: kept.size, ...(layout && { layout }) });
    await db.packFiles.put({ id: pack.id, file: kept });
    writing.mark?.('record and file put');
    const outcome = !existing ? ('installed' as const) : sameVersion ? ('repaired' as const) : ('updated' as const);
    return { packId: pack.id, version: pack.version, outcome };
  });
}

/** buildBlocks inside a transaction: no turn of the event loop may pass before its next request, so no yielding. */
function buildInside(pack: Pack, { blockSizes = BLOCK_SIZES, sliceRows = SLICE_ROWS }: WriteOptions): BuiltBlocks {
  const { slices, layout } = packBlocks(pack, blockSizes, sliceRows);
  return { slices, layout, items: itemCount(pack) };
}

/** A pack's JSON as a file, laid out as the packs in data/packs are (2-space indent, final newline). */
export function packFile(pack: Pack): Blob {
  return new Blob([`${JSON.stringify(pack, null, 2)}\n`], { type: 'application/json' });
}

/**
 * The pack a stored file holds, read and checked again (it may be the reader's file as chosen: defaults
 * left out). Called before the transaction that writes from it: reading a Blob is not an IndexedDB
 * request, so awaiting it inside would end the transaction.
 */
async function packOfFile(file: PackFileRecord): Promise<Pack> {
  const check = checkPackText(await file.file.text(), { reservedIds: [] });
  if (!check.ok) throw new Error(`the file of pack "${file.id}" no longer reads as a pack (${check.problems[0]?.message ?? 'unknown problem'}); import it again`);
  return check.pack;
}

/** Thrown when a pack changed between reading its file and writing from it (another import, a removal): try again. */
const changedMeanwhile = (packId: string) => new Error(`pack "${packId}" changed meanwhile; try again`);

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
  // The file is read and checked only when it will be written from (seconds for a 100k-actor pack).
  const [current, file] = await db.transaction('r', [...PACK_TABLES], () =>
    Promise.all([db.packs.get(packId), enabled ? db.packFiles.get(packId) : undefined]),
  );
  if (!current || (current.enabled ?? true) === enabled) return current;
  const pack = file && (await packOfFile(file));
  const built = pack && (await buildBlocks(pack, writing));
  return db.transaction('rw', [...PACK_TABLES], async () => {
    const record = await db.packs.get(packId);
    if (!record) return undefined;
    if ((record.enabled ?? true) === enabled) return record;
    await deleteBlocks(db, packId);
    const { layout: _old, ...rest } = record;
    const next: PackRecord = { ...rest, enabled, installedAt: now };
    if (enabled) {
      if (!built) throw new Error(`the file of pack "${packId}" is missing; import it again`);
      // Installed again while its file was read: the file read may not be this record's.
      if (record.installedAt !== current.installedAt) throw changedMeanwhile(packId);
      next.layout = await writeBlocks(db, built, writing);
    }
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
    await deleteBlocks(db, packId);
    await db.packs.delete(packId);
    const { layout: _gone, ...kept } = record;
    // An update, not a put: the file itself is not written again.
    await db.packFiles.update(packId, { removedAt: now, removedRecord: kept });
    return true;
  });
}

/** Brings a removed pack back as it was (on or off). False when there is nothing to bring back. */
export async function undoRemovePack(db: BackstoryDatabase, packId: string, now = Date.now(), writing: WriteOptions = {}): Promise<boolean> {
  const removedFile = await db.packFiles.get(packId);
  const removedAs = removedFile?.removedRecord;
  if (!removedAs) return false;
  // A pack removed while switched off has no rows to write: its file is not read.
  const pack = (removedAs.enabled ?? true) ? await packOfFile(removedFile) : undefined;
  const built = pack && (await buildBlocks(pack, writing));
  return db.transaction('rw', [...PACK_TABLES], async () => {
    const file = await db.packFiles.get(packId);
    if (!file?.removedRecord || (await db.packs.get(packId))) return false;
    const { layout: _stale, ...removed } = file.removedRecord;
    const record: PackRecord = { ...removed, installedAt: now };
    if (record.enabled ?? true) {
      // Brought back and removed again while its file was read: the file read may not be this record's.
      if (!built || removedAs.installedAt !== removed.installedAt) throw changedMeanwhile(packId);
      record.layout = await writeBlocks(db, built, writing);
    }
    await db.packs.put(record);
    await db.packFiles.update(packId, { removedAt: undefined, removedRecord: undefined });
    return true;
  });
}

/** Deletes for good the files of packs removed more than UNDO_REMOVE_MS ago. */
export async function purgeRemovedPacks(db: BackstoryDatabase, now = Date.now()): Promise<number> {
  return db.packFiles.where('removedAt').belowOrEqual(now - UNDO_REMOVE_MS).delete();
}

/**
 * A pack as a file again: the file the reader imported, as they chose it (so never over the import's
 * size limit), or the built-in pack's JSON laid out as data/packs has it. Undefined: no such pack.
 */
export async function exportPackFile(db: BackstoryDatabase, packId: string): Promise<Blob | undefined> {
  const file = await db.packFiles.get(packId);
  if (!file || file.removedAt !== undefined) return undefined;
  return file.file;
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
  /** Items actually in its blocks, which a test or the about page can compare with `stats`. */
  stored: StoredCounts;
}

export type { StoredCounts };
export { storedCounts };

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
        stored: await storedCounts(db, p),
      })),
    );
  });
}
