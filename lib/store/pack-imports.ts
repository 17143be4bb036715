/**
 * Importing a pack file in the background: the options page sends the file's text in parts (a runtime
 * message is capped, 64 MiB in Chrome, and JSON-encoded there), then asks for the import. The text is
 * checked here again whatever the page checked (lib/pack/import.ts), and installed in slices inside one
 * transaction (lib/store/packs.ts), so the page can show progress and cancel, and a failed or cancelled
 * import leaves the database as it was. One import at a time: a second file waits for the first.
 */
import { checkPackText, MAX_PACK_BYTES, MAX_UPLOAD_PART, planImport, sizeProblem } from '../pack/import';
import type { LocalizedText } from '../pack/schema';
import type { Problem } from '../pack/validate';
import type { BackstoryDatabase } from './database';
import { installPack, InstallCancelled } from './packs';

export type PackImportReply =
  | { outcome: 'installed' | 'updated'; packId: string; title: LocalizedText; version: string; warnings: number }
  /** Not installed: the first problems with their JSON paths, and how many more there are. */
  | { outcome: 'refused'; problems: Problem[]; more: number }
  /** The same or a lower version is installed: nothing was written; ask again with `replace` to go ahead. */
  | { outcome: 'confirm'; packId: string; title: LocalizedText; version: string; installed: string; reason: 'same' | 'older' }
  | { outcome: 'cancelled' };

export interface PackImportProgress {
  phase: 'receiving' | 'checking' | 'writing';
  /** Characters received, or rows written, so far of `total`. */
  done: number;
  total: number;
}

export interface PackImportsOptions {
  database: () => Promise<BackstoryDatabase>;
  /** Ids an imported pack may not take (the built-in packs', the reader's own names'). */
  reservedIds: readonly string[];
  now?: () => number;
  /** A pack was written: open tabs must pick up its names. */
  onInstalled?: (packId: string) => void;
}

interface Upload {
  id: string;
  parts: string[];
  size: number;
  progress: PackImportProgress;
  /** Set while the import runs: aborting it rolls the install back. */
  running?: AbortController;
}

export class ImportRequestError extends Error {
  override name = 'ImportRequestError';
}

export interface ImportTextOptions {
  reservedIds: readonly string[];
  /** The reader confirmed replacing the same or a higher version. */
  replace: boolean;
  now: number;
  /** Aborted: the install stops at its next slice and is rolled back ("cancelled"). */
  signal?: AbortSignal;
  onProgress?: (progress: PackImportProgress) => void;
}

/**
 * Checks a pack file's text (lib/pack/import.ts) and installs it in one transaction, in slices, or
 * says why not. Runs wherever the text is: the options page's import worker, off every page's thread.
 */
export async function importPackText(db: BackstoryDatabase, text: string, options: ImportTextOptions): Promise<PackImportReply> {
  const { reservedIds, replace, now, signal, onProgress } = options;
  onProgress?.({ phase: 'checking', done: 0, total: text.length });
  const check = checkPackText(text, { reservedIds });
  if (!check.ok) return { outcome: 'refused', problems: check.problems, more: check.more };
  if (signal?.aborted) return { outcome: 'cancelled' };
  const { pack } = check;
  const installed = await db.packs.get(pack.id);
  const plan = planImport(pack.version, installed?.version);
  if (plan.action === 'confirm' && !replace)
    return { outcome: 'confirm', packId: pack.id, title: pack.title, version: pack.version, installed: plan.installed, reason: plan.reason };
  onProgress?.({ phase: 'writing', done: 0, total: pack.sources.length + pack.actors.length + pack.events.length });
  try {
    await installPack(db, pack, 'imported', now, {
      force: true,
      ...(signal && { signal }),
      onProgress: (done, total) => onProgress?.({ phase: 'writing', done, total }),
    });
  } catch (error) {
    if (error instanceof InstallCancelled) return { outcome: 'cancelled' };
    throw error;
  }
  return { outcome: installed ? 'updated' : 'installed', packId: pack.id, title: pack.title, version: pack.version, warnings: check.warnings.length };
}

export function createPackImports({ database, reservedIds, now = Date.now, onInstalled }: PackImportsOptions) {
  let upload: Upload | undefined;

  function receive(id: string, index: number, part: string): { received: number } {
    if (index === 0) {
      if (upload?.running) throw new ImportRequestError('another pack is being imported; wait for it or cancel it');
      upload = { id, parts: [], size: 0, progress: { phase: 'receiving', done: 0, total: 0 } };
    }
    if (!upload || upload.id !== id || upload.running || index !== upload.parts.length)
      throw new ImportRequestError('this part of the file came out of order; choose the file again');
    upload.size += part.length;
    if (upload.size > MAX_PACK_BYTES) {
      upload = undefined;
      throw new ImportRequestError(sizeProblem(MAX_PACK_BYTES + 1)!.message);
    }
    upload.parts.push(part);
    upload.progress = { phase: 'receiving', done: upload.size, total: upload.size };
    return { received: upload.size };
  }

  async function run(id: string, replace: boolean): Promise<PackImportReply> {
    const current = upload;
    if (!current || current.id !== id) throw new ImportRequestError('the file was not received; choose it again');
    if (current.running) throw new ImportRequestError('this file is already being imported');
    const controller = new AbortController();
    current.running = controller;
    let keep = false;
    try {
      current.progress = { phase: 'checking', done: 0, total: current.size };
      const reply = await importPackText(await database(), current.parts.join(''), {
        reservedIds,
        replace,
        now: now(),
        signal: controller.signal,
        onProgress: (progress) => (current.progress = progress),
      });
      // Asked again with `replace`, the same text is imported without being sent twice.
      keep = reply.outcome === 'confirm';
      if (reply.outcome === 'installed' || reply.outcome === 'updated') onInstalled?.(reply.packId);
      return reply;
    } finally {
      current.running = undefined;
      if (!keep && upload === current) upload = undefined;
    }
  }

  return {
    /** One part of a file, in order from 0. */
    receive,
    /** Checks and installs the received file; `replace` confirms replacing the same or a higher version. */
    run,
    progress: (id: string): PackImportProgress | null => (upload?.id === id ? upload.progress : null),
    /** Stops an import (rolled back at its next slice) or forgets a received file. */
    cancel(id: string): { cancelled: boolean } {
      if (upload?.id !== id) return { cancelled: false };
      upload.running?.abort();
      if (!upload.running) upload = undefined;
      return { cancelled: true };
    },
  };
}
