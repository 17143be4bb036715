/**
 * The options page's pack worker: every change the page makes to packs runs here, off the page's thread
 * (and, in Firefox, off the background page's, which shares the options page's thread). An import reads
 * the file the reader chose, checks it and installs it; switching a pack on and undoing its removal read
 * its stored file, check it again and write its blocks, seconds for a 100k-actor pack; switching off and
 * removing delete them. The worker shares the extension's origin, so it opens the same database the
 * background does (decisions, "Pack import in a worker"). It talks only to the page that started it: a
 * dedicated worker has no other sender. The page then tells the background, which tells open tabs.
 */
import type { BackstoryDatabase } from './database';
import { importPackText, type PackImportProgress, type PackImportReply } from './pack-imports';
import { InstallCancelled, removePack, setPackEnabled, undoRemovePack } from './packs';

/** What the options page asks of its import worker. */
export type ImportWorkerRequest =
  /** Import this file; `replace` after the reader confirmed replacing the same or a higher version. */
  | { kind: 'import'; file: Blob; replace: boolean }
  /** Stop: an import or switch-on under way replies "cancelled" (a write is rolled back); a kept file is dropped. */
  | { kind: 'cancel' }
  /** Manage an installed pack: switch it on or off, remove it (its file kept for undo), bring it back. */
  | { kind: 'manage'; action: PackAction; id: string };

export type PackAction = 'enable' | 'disable' | 'remove' | 'undo-remove';

/** What the worker tells the page: progress while it works, then one reply (or the failure) per import. */
export type ImportWorkerMessage =
  | { kind: 'progress'; progress: PackImportProgress }
  | { kind: 'reply'; reply: PackImportReply }
  /** A `manage` request's end: `changed` false when there was nothing to do (already so, no such pack); `cancelled` when stopped. */
  | { kind: 'managed'; changed: boolean; cancelled?: boolean }
  | { kind: 'failed'; message: string };

export interface ImportWorkerOptions {
  database: () => BackstoryDatabase;
  reservedIds: readonly string[];
  post: (message: ImportWorkerMessage) => void;
  now?: () => number;
}

/** Progress is posted at most this often: each post is a task on the page. */
const PROGRESS_EVERY_MS = 100;

/**
 * The worker's message handler. The file's text is kept after a "confirm" reply, so that the import
 * asked again with `replace` neither reads nor decodes the file twice.
 */
export function createImportWorker({ database, reservedIds, post, now = Date.now }: ImportWorkerOptions) {
  let controller: AbortController | undefined;
  let kept: { file: Blob; text: string } | undefined;
  let last: { at: number; phase?: PackImportProgress['phase'] } = { at: 0 };

  /** Posts progress when a phase begins or ends, and at most every PROGRESS_EVERY_MS in between. */
  const progress = (next: PackImportProgress) => {
    const at = performance.now();
    if (next.phase === last.phase && next.done < next.total && at - last.at < PROGRESS_EVERY_MS) return;
    last = { at, phase: next.phase };
    post({ kind: 'progress', progress: next });
  };

  async function importFile(file: Blob, replace: boolean) {
    if (controller) throw new Error('this page is already importing a pack; wait for it or cancel it');
    const current = (controller = new AbortController());
    try {
      progress({ phase: 'receiving', done: 0, total: file.size });
      const startedAt = performance.now();
      const text = kept?.file === file ? kept.text : await file.text();
      const phases: [string, number][] = [['read', Math.round(performance.now() - startedAt)]];
      kept = undefined;
      if (current.signal.aborted) return post({ kind: 'reply', reply: { outcome: 'cancelled' } });
      const reply = await importPackText(database(), text, {
        reservedIds,
        replace,
        now: now(),
        signal: current.signal,
        onProgress: progress,
        file,
        phases,
        startedAt,
      });
      if (reply.outcome === 'confirm') kept = { file, text };
      post({ kind: 'reply', reply });
    } finally {
      controller = undefined;
    }
  }

  /** Writes one change to an installed pack; a switch-on (which writes every block) shows its progress and can be cancelled. */
  async function manage(action: PackAction, id: string) {
    if (controller) throw new Error('this page is already writing a pack; wait for it or cancel it');
    const current = (controller = new AbortController());
    const db = database();
    const writing = {
      signal: current.signal,
      onProgress: (done: number, total: number) => progress({ phase: 'writing', done, total }),
    };
    try {
      let changed: boolean;
      // Switching on and undoing read and check the pack's file first: seconds for a large pack.
      if (action === 'enable' || action === 'undo-remove') progress({ phase: 'checking', done: 0, total: 0 });
      if (action === 'remove') changed = await removePack(db, id, now());
      else if (action === 'undo-remove') changed = await undoRemovePack(db, id, now(), writing);
      else {
        const enabled = action === 'enable';
        const before = await db.packs.get(id);
        const after = await setPackEnabled(db, id, enabled, now(), writing);
        changed = after !== undefined && (before?.enabled ?? true) !== enabled;
      }
      post({ kind: 'managed', changed });
    } catch (error) {
      if (!(error instanceof InstallCancelled)) throw error;
      post({ kind: 'managed', changed: false, cancelled: true });
    } finally {
      controller = undefined;
    }
  }

  return async function onRequest(request: ImportWorkerRequest): Promise<void> {
    try {
      if (request.kind === 'cancel') {
        kept = undefined;
        controller?.abort();
      } else if (request.kind === 'manage') await manage(request.action, request.id);
      else await importFile(request.file, request.replace);
    } catch (error) {
      post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
}
