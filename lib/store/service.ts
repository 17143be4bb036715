/**
 * The background's handle on the database: opened lazily on the first request (an MV3 worker is
 * started and killed many times a day, and most wake-ups need no database), with the built-in packs
 * ensured on every open, so a database purged behind our back, or rows deleted from it, heal themselves.
 *
 * Failures degrade, they never stop the extension:
 * - a built-in pack that cannot be installed (invalid after an update, storage full, a write error)
 *   leaves its tables as they were, so the last good data keeps being served; the failure becomes a
 *   problem in the status, and the install is tried again later with back-off;
 * - a database that cannot be opened is a clear "unavailable" state; the first request after the
 *   back-off tries again, so a page load a second does not mean an open attempt a second.
 */
import type { DexieOptions } from 'dexie';
import type { StatusReply } from '../messages/protocol';
import { validatePack } from '../pack/validate';
import { BackstoryDatabase, DATABASE_NAME, PACK_TABLES } from './database';
import { installPack, listPacks, purgeRemovedPacks, type InstallResult } from './packs';
import { hasEveryBlock } from './blocks';

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  /** When the next open will be tried (epoch ms); a request before then gets this same error at once. */
  retryAt?: number;
}

export class InvalidPackError extends Error {
  override name = 'InvalidPackError';
}

/** A built-in pack that could not be installed; its tables keep what they held before the attempt. */
export interface PackProblem {
  packId: string;
  /** The version this build ships, which could not be installed. */
  version: string;
  /** Picks the advice: a broken build (only an update helps), a full disk, or another write failure. */
  kind: 'invalid-pack' | 'quota' | 'write-failed';
  /** What went wrong and what to do, in English, for logs and tests; the pages localize from `kind`. */
  message: string;
  /** The underlying error, as the browser or the validator worded it. */
  detail: string;
  /** The version still served from the tables; absent when nothing of this pack is stored. */
  serving?: string;
  /** When the last attempt failed (epoch ms). */
  at: number;
  /** When the install is tried again; absent when retrying the same bytes cannot help (an invalid pack). */
  retryAt?: number;
  /** Failed attempts in a row since this store started. */
  attempts: number;
}

/**
 * A built-in pack known by id and version, its content read only when it must be installed (first run,
 * an update, rows to repair): a worker that starts with the pack intact never holds it (data/builtin-packs.ts).
 */
export interface LazyPack {
  id: string;
  version: string;
  read(): Promise<unknown>;
}

export interface StoreOptions {
  builtInPacks: readonly LazyPack[];
  name?: string;
  dexie?: DexieOptions;
  /** The clock, and a one-shot timer that runs `run` after `ms`: injectable so tests use fake time. */
  now?: () => number;
  schedule?: (run: () => Promise<void>, ms: number) => void;
  /** A retry installed a pack after a failure: what was built from the old data (the name index) is stale. */
  onRecovered?: (packId: string) => void;
}

export interface Store {
  /**
   * The open database serving whatever pack data it holds. Rejects only when the database cannot be
   * opened (StoreUnavailableError), never because a pack failed to install: see problems().
   */
  database(): Promise<BackstoryDatabase>;
  /** What the last attempt did for each built-in pack, for the status message and the tests. */
  lastInstall(): readonly InstallResult[];
  /** Built-in packs whose install is failing right now. */
  problems(): readonly PackProblem[];
}

export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 5 * 60_000;

/** Doubles from one second per failure in a row, capped at five minutes. */
export function retryDelay(failures: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), MAX_RETRY_MS);
}

const setTimer = (run: () => Promise<void>, ms: number) => void setTimeout(() => void run(), ms);

export function createStore({
  builtInPacks,
  name = DATABASE_NAME,
  dexie,
  now = Date.now,
  schedule = setTimer,
  onRecovered,
}: StoreOptions): Store {
  let opening: Promise<BackstoryDatabase> | undefined;
  /** The database the last successful open returned, until it closes. */
  let current: BackstoryDatabase | undefined;
  let openFailure: { error: StoreUnavailableError; failures: number } | undefined;
  const installs: InstallResult[] = [];
  const problems = new Map<string, PackProblem>();
  /** The one retry each pack (by index) waits for: a timer whose token is no longer here was superseded. */
  const pendingRetry = new Map<number, number>();
  let retryTokens = 0;

  function forget(db: BackstoryDatabase) {
    if (current !== db) return;
    current = undefined;
    opening = undefined;
  }

  async function open(): Promise<BackstoryDatabase> {
    const db = new BackstoryDatabase(name, dexie);
    // Another context upgrading, or the browser clearing site data, closes us: reopen on next use.
    db.on('close', () => forget(db));
    db.on('versionchange', () => {
      db.close();
      forget(db);
    });
    try {
      await db.open();
    } catch (error) {
      // Dexie would otherwise keep this instance (and any connection it got) ready to reopen itself.
      db.close();
      throw new StoreUnavailableError(`The database could not be opened (${describe(error)}).`, { cause: error });
    }
    current = db;
    for (let index = 0; index < builtInPacks.length; index++) await attemptInstall(db, index);
    // Removed packs whose undo has run out; a failure only keeps their files a while longer.
    await purgeRemovedPacks(db, now()).catch(() => undefined);
    return db;
  }

  /** Never rejects: a failure is recorded as a problem, and the tables keep what they held. */
  async function attemptInstall(db: BackstoryDatabase, index: number): Promise<void> {
    const source = builtInPacks[index]!;
    const { packId, version } = identify(source, index);
    pendingRetry.delete(index);
    try {
      installs[index] = await ensurePack(db, source, now());
      problems.delete(packId);
    } catch (error) {
      const failures = (problems.get(packId)?.attempts ?? 0) + 1;
      const at = now();
      const kind = kindOf(error);
      // The same shipped bytes never become valid: only a new build, hence a new worker, can help.
      const retryAt = kind === 'invalid-pack' ? undefined : at + retryDelay(failures);
      const serving = await db.packs.get(packId).then(
        (stored) => stored?.version,
        () => undefined,
      );
      const detail = describe(error);
      problems.set(packId, {
        packId,
        version,
        kind,
        message: explain(kind, packId, version, serving, detail),
        detail,
        ...(serving !== undefined && { serving }),
        at,
        ...(retryAt !== undefined && { retryAt }),
        attempts: failures,
      });
      installs[index] = { packId, version, outcome: 'failed' };
      if (retryAt === undefined) return;
      const token = ++retryTokens;
      pendingRetry.set(index, token);
      schedule(() => retry(index, token), retryAt - at);
    }
  }

  async function retry(index: number, token: number): Promise<void> {
    if (pendingRetry.get(index) !== token) return;
    pendingRetry.delete(index);
    // Closed since: reopening installs every built-in pack anyway.
    if (!current?.isOpen()) await database().catch(() => undefined);
    else await attemptInstall(current, index);
    const { packId } = identify(builtInPacks[index], index);
    if (!problems.has(packId) && installs[index]?.outcome !== 'unchanged') onRecovered?.(packId);
  }

  function database(): Promise<BackstoryDatabase> {
    if (opening) return opening;
    const waitUntil = openFailure?.error.retryAt;
    if (openFailure && waitUntil !== undefined && now() < waitUntil) return Promise.reject(openFailure.error);
    opening = open().then(
      (db) => {
        openFailure = undefined;
        return db;
      },
      (error: unknown) => {
        opening = undefined;
        const failure =
          error instanceof StoreUnavailableError
            ? error
            : new StoreUnavailableError(`The database could not be opened (${describe(error)}).`, { cause: error });
        const failures = (openFailure?.failures ?? 0) + 1;
        failure.retryAt = now() + retryDelay(failures);
        openFailure = { error: failure, failures };
        throw failure;
      },
    );
    return opening;
  }

  return {
    database,
    lastInstall: () => [...installs],
    problems: () => [...problems.values()],
  };
}

/** The status the options page shows: ready, degraded (serving, with problems) or unavailable. */
export async function storeStatus(store: Store): Promise<StatusReply> {
  try {
    const db = await store.database();
    const problems = [...store.problems()];
    const packs = await listPacks(db);
    return { store: problems.length ? 'degraded' : 'ready', packs, lastInstall: store.lastInstall(), problems };
  } catch (error) {
    const retryAt = error instanceof StoreUnavailableError ? error.retryAt : undefined;
    return {
      store: 'unavailable',
      problem: describe(error),
      ...(retryAt !== undefined && { retryAt }),
      packs: [],
      lastInstall: [],
      problems: [...store.problems()],
    };
  }
}

/**
 * Skips validation when this version is already stored with all its rows: the common case on every
 * worker start, which costs one read and four key counts. Rows missing behind our back (a purge of
 * one table, a half-written earlier version) make it write the same version again.
 */
async function ensurePack(db: BackstoryDatabase, source: LazyPack, now: number): Promise<InstallResult> {
  const { id, version } = source as { id?: unknown; version?: unknown };
  let repair = false;
  if (typeof id === 'string' && typeof version === 'string') {
    const intact = await db.transaction('r', [...PACK_TABLES], async () => {
      const stored = await db.packs.get(id);
      if (stored?.version !== version || stored.origin !== 'builtin') return undefined;
      // Its file (schema v4) is what switching it back on reads: a pack stored before v4 gets it written here.
      if ((await db.packFiles.where('id').equals(id).count()) === 0) return false;
      // Switched off by the reader: no rows are expected, and none are written back.
      if (stored.enabled === false) return true;
      // Blocks are written whole: every block its layout names being there is every row (schema v6).
      return hasEveryBlock(db, stored);
    });
    if (intact) return { packId: id, version, outcome: 'unchanged' };
    repair = intact === false;
  }
  let raw: unknown;
  try {
    raw = await source.read();
  } catch (error) {
    // A packaged file that cannot be read or parsed is a broken build, as an invalid pack is.
    throw new InvalidPackError(`The built-in pack could not be read (${describe(error)}).`, { cause: error });
  }
  const check = validatePack(raw);
  if (!check.ok) {
    const first = check.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new InvalidPackError(`The built-in pack is invalid (${check.problems.length} problems: ${first}).`);
  }
  return installPack(db, check.pack, 'builtin', now, { force: repair });
}

function identify(raw: unknown, index: number): { packId: string; version: string } {
  const { id, version } = (raw ?? {}) as { id?: unknown; version?: unknown };
  return {
    packId: typeof id === 'string' ? id : `built-in pack ${index + 1}`,
    version: typeof version === 'string' ? version : 'unknown',
  };
}

function kindOf(error: unknown): PackProblem['kind'] {
  if (error instanceof InvalidPackError) return 'invalid-pack';
  return [...wrapped(error)].some((e) => e.name === 'QuotaExceededError') ? 'quota' : 'write-failed';
}

/**
 * The error and those it wraps: Dexie keeps the IndexedDB error in `inner` (an aborted transaction's
 * AbortError over a QuotaExceededError, say), a bulk write its per-row `failures`.
 */
function* wrapped(error: unknown, depth = 0): Generator<{ name?: unknown }> {
  if (typeof error !== 'object' || error === null || depth > 4) return;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  yield e;
  yield* wrapped(e.inner, depth + 1);
  yield* wrapped(e.cause, depth + 1);
  if (Array.isArray(e.failures)) for (const failure of e.failures) yield* wrapped(failure, depth + 1);
}

function explain(kind: PackProblem['kind'], packId: string, version: string, serving: string | undefined, detail: string) {
  const what =
    kind === 'invalid-pack'
      ? `Pack "${packId}" ${version} shipped with this build failed validation; an update of Backstory is needed (${detail}).`
      : kind === 'quota'
        ? `Pack "${packId}" ${version} could not be installed: the browser's storage for Backstory is full. Free disk space (${detail}).`
        : `Pack "${packId}" ${version} could not be written (${detail}).`;
  const still = serving !== undefined ? ` Still using version ${serving}.` : ' None of its data is stored yet.';
  return what + still;
}

export function describe(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}
