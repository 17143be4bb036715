/**
 * The options page's packs: import from a file (picker or drag-and-drop), the installed packs, live
 * from the database, with their switch, export and remove (with undo). Reading is done here (the list,
 * an export). Every write (an import, a switch, a removal, an undo) is done by a worker this page starts
 * (./pack-import.worker.ts), so that no task of this page (nor, in Firefox, of the background page that
 * shares its thread) is long, even when a 100k-actor pack is switched back on; the page then tells the
 * background (`pack:written`), which tells open tabs. Everything a file says, its problems included,
 * is rendered as text.
 */
import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, uiLanguage, uiLocale } from '@/components/i18n';
import { PackList, type PackActions } from '@/components/PackList';
import { request } from '@/components/request';
import { localized } from '@/lib/i18n/localized';
import { MAX_PACK_BYTES } from '@/lib/pack/import';
import type { Problem } from '@/lib/pack/validate';
import type { ImportWorkerMessage, ImportWorkerRequest, PackAction } from '@/lib/store/pack-import-worker';
import type { PackImportProgress, PackImportReply } from '@/lib/store/pack-imports';
import { exportPackFile, listPacks, type PackSummary } from '@/lib/store/packs';
import { readerDb } from './reader-db';
import { download } from '@/components/download';

type Outcome =
  /** `importing`: a file being imported; else an installed pack's blocks being written again (switch-on, undo). */
  | { kind: 'working'; file: string; progress: PackImportProgress; importing: boolean }
  /** `phases`: the import's step timings, kept on the element for scripts/measure-pack-import.ts. */
  | { kind: 'done'; text: string; phases?: [string, number][] }
  | { kind: 'problem'; text: string }
  | { kind: 'refused'; file: string; problems: Problem[]; more: number }
  | { kind: 'confirm'; file: File; reply: Extract<PackImportReply, { outcome: 'confirm' }> }
  | { kind: 'removed'; pack: PackSummary };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const mb = (bytes: number) => (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toLocaleString(uiLocale(), { maximumFractionDigits: 1 });
const number = (n: number) => n.toLocaleString(uiLocale());

function usePacks(): PackSummary[] | undefined {
  const [packs, setPacks] = useState<PackSummary[]>();
  useEffect(() => {
    const subscription = liveQuery(() => listPacks(readerDb())).subscribe({ next: setPacks, error: () => setPacks([]) });
    return () => subscription.unsubscribe();
  }, []);
  return packs;
}

export function PackManager() {
  const packs = usePacks();
  const [outcome, setOutcome] = useState<Outcome>();
  /** A switch, removal, undo or export under way. */
  const [acting, setActing] = useState(false);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const working = outcome?.kind === 'working';
  // The worker takes one write at a time, and each request is followed to its answer: nothing else starts meanwhile.
  const writing = working || acting;

  /** The pack worker: started on the first write, ended after it unless an import waits for the reader's confirmation. */
  const worker = useRef<Worker>();

  function endWorker() {
    worker.current?.terminate();
    worker.current = undefined;
  }

  /** Sends the worker a request and follows its progress (shown under `label`) until it answers. */
  function askWorker(request: ImportWorkerRequest, label: string): Promise<Exclude<ImportWorkerMessage, { kind: 'progress' | 'failed' }>> {
    // Vite bundles the worker as a file of the extension: the extension's CSP allows it, a blob would not be.
    const started = (worker.current ??= new Worker(new URL('./pack-import.worker.ts', import.meta.url), { type: 'module' }));
    return new Promise((resolve, reject) => {
      started.onmessage = ({ data }: MessageEvent<ImportWorkerMessage>) => {
        if (data.kind === 'progress') setOutcome({ kind: 'working', file: label, progress: data.progress, importing: request.kind === 'import' });
        else if (data.kind === 'failed') reject(new Error(data.message));
        else resolve(data);
      };
      started.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || 'the pack worker stopped'));
      };
      started.postMessage(request);
    });
  }

  async function askImporter(file: File, replace: boolean): Promise<PackImportReply> {
    const answer = await askWorker({ kind: 'import', file, replace }, file.name);
    if (answer.kind !== 'reply') throw new Error('the pack worker answered another request');
    return answer.reply;
  }

  /** Has the worker change an installed pack, and tells the background when something changed; what to show after. */
  async function manage(pack: PackSummary, action: PackAction): Promise<{ changed: boolean; after?: Outcome }> {
    try {
      const answer = await askWorker({ kind: 'manage', action, id: pack.id }, localized(pack.title, uiLanguage()));
      if (answer.kind !== 'managed') throw new Error('the pack worker answered another request');
      if (answer.changed) await request('pack:written', { id: pack.id });
      return { changed: answer.changed, ...(answer.cancelled && { after: { kind: 'done', text: t('packWriteCancelled') } }) };
    } finally {
      endWorker();
    }
  }

  /** Refuses a file too large before reading it, then has the worker check and install it. */
  async function importFile(file: File, replace = false) {
    if (writing) return;
    if (file.size > MAX_PACK_BYTES) {
      setOutcome({ kind: 'problem', text: t('packImportTooLarge', file.name, mb(file.size), mb(MAX_PACK_BYTES)) });
      return;
    }
    setOutcome({ kind: 'working', file: file.name, progress: { phase: replace ? 'checking' : 'receiving', done: 0, total: file.size }, importing: true });
    try {
      const reply = await askImporter(file, replace);
      if (reply.outcome === 'confirm') {
        setOutcome({ kind: 'confirm', file, reply });
        return; // the worker keeps the file's text for the reader's answer
      }
      endWorker();
      if (reply.outcome === 'refused') setOutcome({ kind: 'refused', file: file.name, problems: reply.problems, more: reply.more });
      else if (reply.outcome === 'cancelled') setOutcome({ kind: 'done', text: t('packImportCancelled') });
      else {
        // The worker wrote the rows; the background drops its name index and tells open tabs to scan again.
        await request('pack:written', { id: reply.packId });
        const title = localized(reply.title, uiLanguage());
        const text = reply.outcome === 'installed' ? t('packImportInstalled', title, reply.version) : t('packImportUpdated', title, reply.version);
        setOutcome({ kind: 'done', text, ...(reply.phases && { phases: reply.phases }) });
      }
    } catch (error) {
      endWorker();
      setOutcome({ kind: 'problem', text: t('packImportFailed', messageOf(error)) });
    }
  }

  async function act(action: () => Promise<Outcome | undefined>) {
    if (writing) return;
    setActing(true);
    try {
      setOutcome(await action());
    } catch (error) {
      setOutcome({ kind: 'problem', text: t('packActionFailed', messageOf(error)) });
    } finally {
      setActing(false);
    }
  }

  const actions: PackActions = {
    writing,
    setEnabled: (pack, enabled) => void act(async () => (await manage(pack, enabled ? 'enable' : 'disable')).after),
    remove: (pack) => void act(async () => ((await manage(pack, 'remove')).changed ? { kind: 'removed', pack } : undefined)),
    exportFile: (pack) =>
      void act(async () => {
        // Read here, not sent through a message: a large pack is over what one message may carry.
        const file = await exportPackFile(readerDb(), pack.id);
        if (file) download(file, 'application/json', `${pack.id}-${pack.version}.json`);
        return undefined;
      }),
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files[0];
    if (file) void importFile(file);
  };

  return (
    <section aria-labelledby="packs-heading" class="packs">
      <h2 id="packs-heading">{t('packsHeading')}</h2>
      <div
        class={dragging ? 'pack-drop dragging' : 'pack-drop'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label for="pack-file">{t('packImportLabel')}</label>
        <input
          id="pack-file"
          ref={input}
          type="file"
          accept=".json,application/json"
          disabled={writing}
          onChange={(event) => {
            const file = (event.currentTarget as HTMLInputElement).files?.[0];
            (event.currentTarget as HTMLInputElement).value = '';
            if (file) void importFile(file);
          }}
        />
        <p class="pack-drop-hint">{t('packDropHint')}</p>
      </div>
      <ImportOutcome
        outcome={outcome}
        onCancel={() => worker.current?.postMessage({ kind: 'cancel' } satisfies ImportWorkerRequest)}
        onConfirm={(file, replace) => {
          if (replace) void importFile(file, true);
          else {
            endWorker();
            setOutcome(undefined);
          }
        }}
        onUndo={(pack) =>
          void act(async () => (await manage(pack, 'undo-remove')).after)
        }
      />
      {packs && <PackList packs={packs} actions={actions} />}
    </section>
  );
}

function ImportOutcome({
  outcome,
  onCancel,
  onConfirm,
  onUndo,
}: {
  outcome: Outcome | undefined;
  onCancel(): void;
  onConfirm(file: File, replace: boolean): void;
  onUndo(pack: PackSummary): void;
}) {
  if (!outcome) return <div role="status" class="pack-outcome" />;
  switch (outcome.kind) {
    case 'working': {
      const { phase, done, total } = outcome.progress;
      const label =
        phase === 'receiving'
          ? t('packImportSending', outcome.file)
          : phase === 'checking'
            ? t('packImportChecking', outcome.file)
            : t(outcome.importing ? 'packImportWriting' : 'packRewriting', outcome.file, number(done), number(total));
      return (
        <div role="status" class="pack-outcome" data-outcome="working" data-phase={phase}>
          <p>{label}</p>
          <progress aria-label={t('packImportProgress')} max={total || 1} value={phase === 'checking' ? undefined : done} />
          <button type="button" class="pack-cancel" onClick={onCancel}>{t(outcome.importing ? 'packImportCancel' : 'packWriteCancel')}</button>
        </div>
      );
    }
    case 'done':
      return (
        <p role="status" class="pack-outcome" data-outcome="done" data-phases={outcome.phases && JSON.stringify(outcome.phases)}>
          {outcome.text}
        </p>
      );
    case 'problem':
      return <p role="alert" class="pack-outcome problem" data-outcome="problem">{outcome.text}</p>;
    case 'refused':
      return (
        <div role="alert" class="pack-outcome" data-outcome="refused">
          <p class="problem">{t('packImportRefused', outcome.file)}</p>
          <ul class="pack-problems">
            {outcome.problems.map((problem, i) => (
              <li key={i}>
                <code class="pack-problem-path">{problem.path}</code> <span class="pack-problem-message">{problem.message}</span>
              </li>
            ))}
          </ul>
          {outcome.more > 0 && <p>{t('packImportMore', number(outcome.more))}</p>}
        </div>
      );
    case 'confirm': {
      const { reply } = outcome;
      return (
        <div role="alertdialog" aria-labelledby="pack-confirm-text" class="pack-outcome" data-outcome="confirm">
          <p id="pack-confirm-text">
            {reply.reason === 'same'
              ? t('packConfirmSame', localized(reply.title, uiLanguage()), reply.version)
              : t('packConfirmOlder', localized(reply.title, uiLanguage()), reply.version, reply.installed)}
          </p>
          <button type="button" class="pack-replace" onClick={() => onConfirm(outcome.file, true)}>{t('packConfirmReplace')}</button>{' '}
          <button type="button" class="pack-keep" onClick={() => onConfirm(outcome.file, false)}>{t('packConfirmKeep')}</button>
        </div>
      );
    }
    case 'removed':
      return (
        <p role="status" class="pack-outcome" data-outcome="removed">
          {t('packRemoved', localized(outcome.pack.title, uiLanguage()))}{' '}
          <button type="button" class="pack-undo" onClick={() => onUndo(outcome.pack)}>{t('packUndo')}</button>
        </p>
      );
  }
}
