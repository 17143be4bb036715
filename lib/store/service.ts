/**
 * The background's handle on the database: opened lazily on the first request (an MV3 worker is
 * started and killed many times a day, and most wake-ups need no database), with the built-in packs
 * ensured on every first open, so a database purged behind our back heals itself. A database that
 * cannot be opened becomes a clear "unavailable" state that is retried on the next request.
 */
import type { DexieOptions } from 'dexie';
import { validatePack } from '../pack/validate';
import { BackstoryDatabase, DATABASE_NAME } from './database';
import { installPack, type InstallResult } from './packs';

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

export class InvalidPackError extends Error {
  override name = 'InvalidPackError';
}

export interface StoreOptions {
  builtInPacks: readonly unknown[];
  name?: string;
  dexie?: DexieOptions;
}

export interface Store {
  /** The open database, with the built-in packs in place; rejects with StoreUnavailableError. */
  database(): Promise<BackstoryDatabase>;
  /** What the last open did, for the status message and the tests. */
  lastInstall(): readonly InstallResult[];
}

export function createStore({ builtInPacks, name = DATABASE_NAME, dexie }: StoreOptions): Store {
  let opening: Promise<BackstoryDatabase> | undefined;
  let installs: InstallResult[] = [];

  async function open(): Promise<BackstoryDatabase> {
    const db = new BackstoryDatabase(name, dexie);
    // Another context upgrading, or the browser clearing site data, closes us: reopen on next use.
    db.on('close', () => (opening = undefined));
    db.on('versionchange', () => {
      db.close();
      opening = undefined;
    });
    try {
      await db.open();
    } catch (error) {
      throw new StoreUnavailableError(`The database could not be opened (${describe(error)}).`, { cause: error });
    }
    installs = [];
    for (const raw of builtInPacks) installs.push(await ensurePack(db, raw));
    return db;
  }

  return {
    database() {
      opening ??= open().catch((error: unknown) => {
        opening = undefined;
        throw error;
      });
      return opening;
    },
    lastInstall: () => installs,
  };
}

/** Skips validation when this version is already stored: the common case on every worker start. */
async function ensurePack(db: BackstoryDatabase, raw: unknown): Promise<InstallResult> {
  const { id, version } = (raw ?? {}) as { id?: unknown; version?: unknown };
  if (typeof id === 'string' && typeof version === 'string') {
    const stored = await db.packs.get(id);
    if (stored?.version === version && stored.origin === 'builtin') return { packId: id, version, outcome: 'unchanged' };
  }
  const check = validatePack(raw);
  if (!check.ok) {
    const first = check.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new InvalidPackError(`The built-in pack is invalid (${check.problems.length} problems: ${first}).`);
  }
  return installPack(db, check.pack, 'builtin');
}

export function describe(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}
