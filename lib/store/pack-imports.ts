/**
 * Importing a pack file: its text is checked whatever the options page checked before reading it
 * (lib/pack/import.ts), then installed in slices inside one transaction (lib/store/packs.ts), so the
 * page can show progress and cancel, and a failed or cancelled import leaves the database as it was.
 * The options page's import worker runs it (./pack-import-worker.ts).
 */
import { checkPackText, planImport } from '../pack/import';
import type { LocalizedText } from '../pack/schema';
import type { Problem } from '../pack/validate';
import type { BackstoryDatabase } from './database';
import { InstallCancelled, installPack, itemCount } from './packs';

export type PackImportReply =
  | {
      outcome: 'installed' | 'updated';
      packId: string;
      title: LocalizedText;
      version: string;
      warnings: number;
      /** When each step ended, ms from the start of the check (scripts/measure-pack-import.ts prints them). */
      phases?: [phase: string, ms: number][];
    }
  /** Not installed: the first problems with their JSON paths, and how many more there are. */
  | { outcome: 'refused'; problems: Problem[]; more: number }
  /** The same or a lower version is installed: nothing was written; ask again with `replace` to go ahead. */
  | { outcome: 'confirm'; packId: string; title: LocalizedText; version: string; installed: string; reason: 'same' | 'older' }
  | { outcome: 'cancelled' };

export interface PackImportProgress {
  /** receiving: the file is being read; checking: parsed and validated; writing: rows going in. */
  phase: 'receiving' | 'checking' | 'writing';
  /** Bytes read, characters checked, or rows written so far of `total`. */
  done: number;
  total: number;
}

export interface ImportTextOptions {
  reservedIds: readonly string[];
  /** The reader confirmed replacing the same or a higher version. */
  replace: boolean;
  now: number;
  /** Aborted: the install stops at its next slice and is rolled back ("cancelled"). */
  signal?: AbortSignal;
  onProgress?: (progress: PackImportProgress) => void;
  /** The file the text was read from, kept as the pack's file (else the pack's JSON is). */
  file?: Blob;
  /** Steps already timed (the file's read), ms from `startedAt`, to which this import adds its own. */
  phases?: [phase: string, ms: number][];
  startedAt?: number;
}

/**
 * Checks a pack file's text (lib/pack/import.ts) and installs it in one transaction, in slices, or
 * says why not. Runs wherever the text is: the options page's import worker, off every page's thread.
 */
export async function importPackText(db: BackstoryDatabase, text: string, options: ImportTextOptions): Promise<PackImportReply> {
  const { reservedIds, replace, now, signal, onProgress, file, phases = [], startedAt = performance.now() } = options;
  const mark = (phase: string) => void phases.push([phase, Math.round(performance.now() - startedAt)]);
  onProgress?.({ phase: 'checking', done: 0, total: text.length });
  const check = checkPackText(text, { reservedIds }, mark);
  if (!check.ok) return { outcome: 'refused', problems: check.problems, more: check.more };
  if (signal?.aborted) return { outcome: 'cancelled' };
  const { pack } = check;
  const installed = await db.packs.get(pack.id);
  const plan = planImport(pack.version, installed?.version);
  if (plan.action === 'confirm' && !replace)
    return { outcome: 'confirm', packId: pack.id, title: pack.title, version: pack.version, installed: plan.installed, reason: plan.reason };
  onProgress?.({ phase: 'writing', done: 0, total: itemCount(pack) });
  try {
    await installPack(db, pack, 'imported', now, {
      force: true,
      // The reader's file as chosen: no serialisation, and stored by IndexedDB as a file, not a cloned string.
      ...(file && { file }),
      ...(signal && { signal }),
      onProgress: (done, total) => onProgress?.({ phase: 'writing', done, total }),
      mark,
    });
    mark('committed');
  } catch (error) {
    if (error instanceof InstallCancelled) return { outcome: 'cancelled' };
    throw error;
  }
  return { outcome: installed ? 'updated' : 'installed', packId: pack.id, title: pack.title, version: pack.version, warnings: check.warnings.length, phases };
}
