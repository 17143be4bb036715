/**
 * "Your notes" on the options page: how many notes and followed names there are (read from the
 * database in a liveQuery, like the side panel, so an import or a note made in a tab shows at once),
 * the names followed, to edit or unfollow (./FollowedNames.tsx), export as W3C Web Annotations or as
 * a pack, import from a file, and delete every note after a confirmation. Reading is done here; every
 * write goes through the background (`notes:import`, `notes:clear`, `actor:update`, `actor:unfollow`).
 * Everything shown, the file's own words included, is rendered as text.
 */
import { liveQuery } from 'dexie';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, uiLanguage, uiLocale } from '@/components/i18n';
import { request } from '@/components/request';
import type { ImportOutcome, RequestOf, ResponseOf } from '@/lib/messages/protocol';
import { readerPack, type ReaderPackResult } from '@/lib/notes/reader-pack';
import { ANNOTATION_MEDIA_TYPE, parseAnnotationImport, toCollection, type ImportProblem } from '@/lib/notes/web-annotation';
import { localDay } from '@/lib/pack/dates';
import { actorNames } from '@/lib/store/reader';
import { FollowedNames } from './FollowedNames';
import { readerDb } from './reader-db';
import { download } from '@/components/download';

/** A larger file is refused before it is read: an export of 20,000 long notes is still under it. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** The page's shared connection (./reader-db.ts). */
const db = readerDb;

type Counts = { phase: 'loading' } | { phase: 'loaded'; notes: number; names: number } | { phase: 'failed'; problem: string };

function useCounts(): Counts {
  const [counts, setCounts] = useState<Counts>({ phase: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(() => Promise.all([db().readerNotes.count(), db().readerActors.count()])).subscribe({
      next: ([notes, names]) => setCounts({ phase: 'loaded', notes, names }),
      error: (error: unknown) => setCounts({ phase: 'failed', problem: messageOf(error) }),
    });
    return () => subscription.unsubscribe();
  }, []);
  return counts;
}

/** What the last action did: shown under the buttons, announced to screen readers. */
export type Outcome =
  | { kind: 'busy'; text: string }
  | { kind: 'problem'; text: string }
  | { kind: 'exported'; count: number }
  | { kind: 'pack'; result: ReaderPackResult }
  | { kind: 'invalid'; file: string; errors: ImportProblem[] }
  | { kind: 'imported'; file: string; outcome: ImportOutcome; messages: string[] }
  | { kind: 'deleted'; count: number };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const number = (n: number) => n.toLocaleString(uiLocale());

/** Every note and followed name, with the display names of the actors the notes link to. */
async function readEverything() {
  const [notes, followed] = await Promise.all([db().readerNotes.toArray(), db().readerActors.toArray()]);
  const names = await actorNames(db(), [...new Set(notes.flatMap((n) => n.actorIds))], uiLanguage());
  return { notes, followed, names };
}

async function exportAnnotations(): Promise<Outcome> {
  const { notes, followed, names } = await readEverything();
  const collection = toCollection(notes, names, Date.now(), { followed });
  download(JSON.stringify(collection, null, 2), ANNOTATION_MEDIA_TYPE, `backstory-notes-${localDay()}.jsonld`);
  return { kind: 'exported', count: collection.total };
}

async function exportPack(): Promise<Outcome> {
  const { notes, followed, names } = await readEverything();
  const result = readerPack(notes, followed, names, Date.now());
  if (result.ok) download(JSON.stringify(result.pack, null, 2), 'application/json', `backstory-my-pack-${localDay()}.json`);
  return { kind: 'pack', result };
}

/** Reads, checks and sends a file; refuses it before reading when it is too large. */
export async function importFile(
  file: Pick<File, 'name' | 'size' | 'text'>,
  send: (payload: RequestOf<'notes:import'>) => Promise<ResponseOf<'notes:import'>> = (payload) => request('notes:import', payload),
): Promise<Outcome> {
  // Rounded up, so a file just over the limit does not read as the limit itself.
  const mb = (bytes: number) => (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toLocaleString(uiLocale(), { maximumFractionDigits: 1 });
  if (file.size > MAX_IMPORT_BYTES) return { kind: 'problem', text: t('readerDataTooLarge', file.name, mb(file.size), mb(MAX_IMPORT_BYTES)) };
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return { kind: 'problem', text: t('readerDataUnreadable', file.name, messageOf(error)) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { kind: 'problem', text: t('readerDataNotJson', file.name, messageOf(error)) };
  }
  const parsed = parseAnnotationImport(json, Date.now());
  if (!parsed.ok) return { kind: 'invalid', file: file.name, errors: parsed.errors };
  try {
    const outcome = await send({ notes: parsed.notes, actors: parsed.actors });
    return { kind: 'imported', file: file.name, outcome, messages: parsed.messages };
  } catch (error) {
    return { kind: 'problem', text: t('readerDataImportFailed', messageOf(error)) };
  }
}

export function ReaderData() {
  const counts = useCounts();
  const [outcome, setOutcome] = useState<Outcome>();
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const busy = outcome?.kind === 'busy';
  const notes = counts.phase === 'loaded' ? counts.notes : 0;
  const names = counts.phase === 'loaded' ? counts.names : 0;

  // Focus goes to "Cancel" when the question appears (the safe answer), back to the button after it.
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (asked.current) deleteRef.current?.focus();
    asked.current = confirming;
  }, [confirming]);

  const run = (busyText: string, action: () => Promise<Outcome>, failure: (problem: string) => string) => {
    setOutcome({ kind: 'busy', text: busyText });
    action().then(setOutcome, (error: unknown) => setOutcome({ kind: 'problem', text: failure(messageOf(error)) }));
  };

  const onFile = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared at once, so choosing the same file again (after fixing it) is a change too.
    input.value = '';
    if (file) run(t('readerDataImporting', file.name), () => importFile(file), (problem) => t('readerDataImportFailed', problem));
  };

  const clear = () => {
    setConfirming(false);
    run(
      t('readerDataDelete'),
      async () => ({ kind: 'deleted', count: (await request('notes:clear', {})).removed }),
      (problem) => t('readerDataDeleteFailed', problem),
    );
  };

  return (
    <section aria-labelledby="reader-data-heading" class="settings reader-data" aria-busy={counts.phase === 'loading' || busy}>
      <h2 id="reader-data-heading">{t('readerDataHeading')}</h2>
      {counts.phase === 'loading' && <p role="status" class="store-state">{t('readerDataLoading')}</p>}
      {counts.phase === 'failed' && <p role="alert" class="problem">{t('readerDataReadFailed', counts.problem)}</p>}
      {counts.phase === 'loaded' && (
        <dl class="pack-counts">
          <div><dt>{t('readerDataNotes')}</dt><dd data-count="notes">{number(counts.notes)}</dd></div>
          <div><dt>{t('readerDataNames')}</dt><dd data-count="names">{number(counts.names)}</dd></div>
        </dl>
      )}

      <FollowedNames />

      <h3>{t('readerDataExportHeading')}</h3>
      <div class="reader-actions">
        <div>
          <button type="button" disabled={busy || notes + names === 0} aria-describedby="export-help"
            onClick={() => run(t('readerDataExport'), exportAnnotations, (problem) => t('readerDataExportFailed', problem))}>
            {t('readerDataExport')}
          </button>
          <p id="export-help" class="help">{t('readerDataExportHelp')}</p>
        </div>
        <div>
          <button type="button" disabled={busy || notes === 0} aria-describedby="export-pack-help"
            onClick={() => run(t('readerDataExportPack'), exportPack, (problem) => t('readerDataExportFailed', problem))}>
            {t('readerDataExportPack')}
          </button>
          <p id="export-pack-help" class="help">{t('readerDataExportPackHelp')}</p>
        </div>
      </div>

      <h3>{t('readerDataImportHeading')}</h3>
      <div class="reader-import">
        <label for="notes-import">{t('readerDataImport')}</label>
        <input id="notes-import" type="file" accept=".json,.jsonld,application/json,application/ld+json" disabled={busy} aria-describedby="import-help" onChange={onFile} />
        <p id="import-help" class="help">{t('readerDataImportHelp', String(MAX_IMPORT_BYTES / 1024 / 1024))}</p>
      </div>

      <h3>{t('readerDataDeleteHeading')}</h3>
      {confirming ? (
        <div class="confirm" role="group" aria-labelledby="delete-confirm">
          <p id="delete-confirm">{t('readerDataDeleteConfirm', number(notes))}</p>
          <button type="button" class="danger" onClick={clear}>{t('readerDataDeleteYes')}</button>
          <button type="button" ref={cancelRef} onClick={() => setConfirming(false)}>
            {t('readerDataCancel')}
          </button>
        </div>
      ) : (
        <button type="button" ref={deleteRef} disabled={busy || notes === 0} onClick={() => setConfirming(true)}>
          {t('readerDataDelete')}
        </button>
      )}

      <OutcomeView outcome={outcome} />
    </section>
  );
}

/**
 * The last action's result, in two live regions that are always there (a region added with its text
 * is not announced): problems in the alert, the rest in the polite status. A refused file's list of
 * problems follows the alert rather than sitting in it, so it is read once, not shouted.
 */
export function OutcomeView({ outcome }: { outcome: Outcome | undefined }) {
  const { polite, alert, details } = outcomeParts(outcome);
  return (
    <div class="reader-outcome">
      <div role="status">{polite}</div>
      <div role="alert">{alert}</div>
      {details}
    </div>
  );
}

function outcomeParts(outcome: Outcome | undefined): { polite?: ComponentChildren; alert?: ComponentChildren; details?: ComponentChildren } {
  switch (outcome?.kind) {
    case undefined:
      return {};
    case 'busy':
      return { polite: <p class="store-state">{outcome.text}</p> };
    case 'problem':
      return { alert: <p class="problem">{outcome.text}</p> };
    case 'exported':
      return { polite: <p>{t('readerDataExported', number(outcome.count))}</p> };
    case 'deleted':
      return { polite: <p>{t('readerDataDeleted', number(outcome.count))}</p> };
    case 'pack': {
      const { result } = outcome;
      if (!result.ok) return { alert: <p class="problem">{t(result.reason === 'no-names' ? 'readerDataPackNeedsNames' : 'readerDataPackNeedsNotes')}</p> };
      const { left } = result;
      return {
        polite: (
          <>
            <p>{t('readerDataPackExported', number(result.pack.events.length))}</p>
            {left.noPage > 0 && <p>{t('readerDataPackNoPage', number(left.noPage))}</p>}
            {left.noName > 0 && <p>{t('readerDataPackNoName', number(left.noName))}</p>}
            {left.noQuote > 0 && <p>{t('readerDataPackNoQuote', number(left.noQuote))}</p>}
            {left.otherNames.length > 0 && <p>{t('readerDataPackOtherNames', left.otherNames.join(', '))}</p>}
          </>
        ),
      };
    }
    case 'invalid':
      return {
        alert: <p class="problem">{t('readerDataInvalid', outcome.file)}</p>,
        details: (
          <ul class="import-problems" data-problems={outcome.errors.length}>
            {outcome.errors.map((error, k) => (
              <li key={k}>
                {error.path && <code>{error.path}</code>}
                {error.path && ': '}
                {error.message}
              </li>
            ))}
          </ul>
        ),
      };
    case 'imported': {
      const done = outcome.outcome;
      return {
        polite: (
          <>
            <p>{t('readerDataImported', outcome.file)}</p>
            <dl class="pack-counts">
              <div><dt>{t('readerDataAdded')}</dt><dd data-count="added">{number(done.added)}</dd></div>
              <div><dt>{t('readerDataUpdated')}</dt><dd data-count="updated">{number(done.updated)}</dd></div>
              <div><dt>{t('readerDataKept')}</dt><dd data-count="kept">{number(done.keptNewer.length)}</dd></div>
              <div><dt>{t('readerDataNamesAdded')}</dt><dd data-count="names-added">{number(done.actorsAdded)}</dd></div>
            </dl>
          </>
        ),
        details: outcome.messages.length > 0 && (
          <div class="import-messages">
            <p><strong>{t('readerDataImportMessages')}</strong></p>
            <ul>
              {outcome.messages.map((message, k) => <li key={k}>{message}</li>)}
            </ul>
          </div>
        ),
      };
    }
  }
}
