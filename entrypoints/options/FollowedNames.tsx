/**
 * "Names you follow", inside "Your notes" on the options page: every followed name with its kind and
 * other spellings, edited in place ('actor:update') or unfollowed ('actor:unfollow', with Undo for a
 * while: 'notes:import' of the removed record brings it back unchanged). The list is read from the
 * database in a liveQuery, so a name followed in a tab, an import or an edit shows at once; every write
 * goes through the background. Names are the reader's (or an imported file's) words: rendered as text.
 */
import { liveQuery } from 'dexie';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t, uiLocale, type MessageKey } from '@/components/i18n';
import { request } from '@/components/request';
import type { ImportOutcome } from '@/lib/messages/protocol';
import { dialogKeyAction, fieldKindOf } from '@/lib/notes/form';
import { editFields, followEditProblems, isUnchanged, sortFollowed, updateRequest, type FollowEditFields } from '@/lib/notes/followed';
import type { ReaderActorRecord } from '@/lib/notes/model';
import { NOTE_LIMITS } from '@/lib/notes/schema';
import type { ActorKind } from '@/lib/pack/schema';
import type { FollowRequest } from '@/lib/store/reader';
import { readerDb } from './reader-db';

export type FollowedLoad = { phase: 'loading' } | { phase: 'loaded'; actors: ReaderActorRecord[] } | { phase: 'failed'; problem: string };

/** The writes, through the background; a test or another page can pass its own. */
export interface FollowedActions {
  update(request: FollowRequest & { id: string }): Promise<ReaderActorRecord | null>;
  unfollow(id: string): Promise<ReaderActorRecord | null>;
  restore(actor: ReaderActorRecord): Promise<ImportOutcome>;
}

const backgroundActions: FollowedActions = {
  update: (edit) => request('actor:update', edit),
  unfollow: (id) => request('actor:unfollow', { id }),
  restore: (actor) => request('notes:import', { notes: [], actors: [actor] }),
};

/** How long Undo is offered after an unfollow, and how long other messages stay. */
export const UNDO_MS = 10_000;
const STATUS_MS = 6_000;

export const KIND_LABEL: Record<ActorKind, MessageKey> = { person: 'followedKindPerson', organization: 'followedKindOrganization' };
const FORM_KINDS = [
  ['person', 'followKindPerson'],
  ['organization', 'followKindOrganization'],
] as const;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function useFollowed(): FollowedLoad {
  const [load, setLoad] = useState<FollowedLoad>({ phase: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(() => readerDb().readerActors.toArray()).subscribe({
      next: (actors) => setLoad({ phase: 'loaded', actors }),
      error: (error: unknown) => setLoad({ phase: 'failed', problem: messageOf(error) }),
    });
    return () => subscription.unsubscribe();
  }, []);
  return load;
}

export function FollowedNames() {
  return <FollowedNamesView load={useFollowed()} actions={backgroundActions} />;
}

/** What the last unfollow or undo did: shown under the list, Undo while it is offered. */
export type FollowedStatus =
  | { kind: 'unfollowed'; actor: ReaderActorRecord }
  | { kind: 'done'; text: string }
  | { kind: 'problem'; text: string };

export interface FollowedNamesViewProps {
  load: FollowedLoad;
  actions: FollowedActions;
  locale?: string;
  /** The id of the name whose edit form is open at first (tests render it statically). */
  initialEditing?: string;
  /** The status line at first (tests). */
  initialStatus?: FollowedStatus;
}

export function FollowedNamesView({ load, actions, locale = uiLocale(), initialEditing, initialStatus }: FollowedNamesViewProps) {
  const [editing, setEditing] = useState(initialEditing);
  const [status, setStatus] = useState(initialStatus);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const expired = useRef(false);
  const statusRef = useRef<HTMLDivElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const busy = useRef(new Set<string>());
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  /** The row whose Edit button takes the focus once it is there (after Save, Cancel or Undo). */
  const focusRow = useRef<string | undefined>(undefined);

  const actors = useMemo(() => (load.phase === 'loaded' ? sortFollowed(load.actors, locale) : []), [load, locale]);

  useEffect(() => {
    const id = focusRow.current;
    const button = id === undefined ? undefined : editButtons.current.get(id);
    if (button) {
      focusRow.current = undefined;
      button.focus();
    }
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  // The unfollowed row is gone with the focus it had: Undo takes it.
  useEffect(() => {
    if (status?.kind === 'unfollowed') undoRef.current?.focus();
  }, [status]);

  /** The line stays while the keyboard is in it (Undo focused) and goes once focus leaves after its time. */
  const show = (next: FollowedStatus | undefined) => {
    clearTimeout(timer.current);
    expired.current = false;
    setStatus(next);
    if (next && next.kind !== 'problem')
      timer.current = setTimeout(
        () => {
          if (statusRef.current?.contains(document.activeElement)) expired.current = true;
          else setStatus(undefined);
        },
        next.kind === 'unfollowed' ? UNDO_MS : STATUS_MS,
      );
  };

  // Only if that form is still the open one: a save that ends after Cancel must not close another.
  const editingNow = useRef(editing);
  editingNow.current = editing;
  const closeEdit = (id: string) => {
    if (editingNow.current !== id) return;
    editingNow.current = undefined;
    focusRow.current = id;
    setEditing(undefined);
  };
  const startEdit = (id: string) => {
    focusRow.current = undefined;
    editingNow.current = id;
    setEditing(id);
  };

  /** Saves an edit; resolves to the problem to show, or undefined once the form is closed. */
  const save = async (actor: ReaderActorRecord, fields: FollowEditFields): Promise<string | undefined> => {
    if (isUnchanged(actor, fields)) {
      closeEdit(actor.id);
      return undefined;
    }
    try {
      const updated = await actions.update(updateRequest(actor.id, fields));
      if (!updated) return t('followedGone');
    } catch (error) {
      return t('followedSaveFailed', messageOf(error));
    }
    closeEdit(actor.id);
    return undefined;
  };

  const unfollow = (actor: ReaderActorRecord) => {
    if (busy.current.has(actor.id)) return;
    busy.current.add(actor.id);
    actions
      .unfollow(actor.id)
      .then(
        (removed) => show(removed ? { kind: 'unfollowed', actor: removed } : { kind: 'done', text: t('followedGone') }),
        (error: unknown) => show({ kind: 'problem', text: t('followedUnfollowFailed', actor.name, messageOf(error)) }),
      )
      .finally(() => busy.current.delete(actor.id));
  };

  const undo = (actor: ReaderActorRecord) => {
    if (busy.current.has(actor.id)) return;
    busy.current.add(actor.id);
    actions
      .restore(actor)
      .then(
        () => {
          // Its row comes back with the next liveQuery answer: its Edit button takes the focus then.
          focusRow.current = actor.id;
          show({ kind: 'done', text: t('followedRestored', actor.name) });
        },
        (error: unknown) => show({ kind: 'problem', text: t('followedUndoFailed', actor.name, messageOf(error)) }),
      )
      .finally(() => busy.current.delete(actor.id));
  };

  return (
    <div class="followed-names" aria-labelledby="followed-heading" role="group" aria-busy={load.phase === 'loading'}>
      <h3 id="followed-heading">{t('followedHeading')}</h3>
      {load.phase === 'failed' && <p role="alert" class="problem">{t('followedReadFailed', load.problem)}</p>}
      {load.phase === 'loaded' && actors.length === 0 && <p class="empty followed-empty">{t('followedEmpty')}</p>}
      {actors.length > 0 && (
        <ul class="followed-list">
          {actors.map((actor) =>
            actor.id === editing ? (
              <li key={actor.id} class={`followed-name kind-${actor.kind} editing`} data-followed={actor.id}>
                <FollowedEditor actor={actor} onSave={(fields) => save(actor, fields)} onCancel={() => closeEdit(actor.id)} />
              </li>
            ) : (
              <li key={actor.id} class={`followed-name kind-${actor.kind}`} data-followed={actor.id}>
                <FollowedRow
                  actor={actor}
                  editRef={(button) => (button ? editButtons.current.set(actor.id, button) : editButtons.current.delete(actor.id))}
                  onEdit={() => startEdit(actor.id)}
                  onUnfollow={() => unfollow(actor)}
                />
              </li>
            ),
          )}
        </ul>
      )}
      {/* Both regions are always there: a region added together with its text is not announced. */}
      <div
        ref={statusRef}
        class="followed-status"
        role="status"
        tabIndex={-1}
        onFocusOut={(event) => {
          if (expired.current && !statusRef.current?.contains(event.relatedTarget as Node | null)) show(undefined);
        }}
      >
        {status?.kind === 'unfollowed' && (
          <p>
            {t('followedUnfollowed', status.actor.name)}{' '}
            <button type="button" ref={undoRef} class="followed-undo" aria-label={t('followedUndoLabel', status.actor.name)} onClick={() => undo(status.actor)}>
              {t('followedUndo')}
            </button>
          </p>
        )}
        {status?.kind === 'done' && <p>{status.text}</p>}
      </div>
      <div class="followed-alert" role="alert">
        {status?.kind === 'problem' && <p class="problem">{status.text}</p>}
      </div>
    </div>
  );
}

interface FollowedRowProps {
  actor: ReaderActorRecord;
  editRef(button: HTMLButtonElement | null): void;
  onEdit(): void;
  onUnfollow(): void;
}

function FollowedRow({ actor, editRef, onEdit, onUnfollow }: FollowedRowProps) {
  return (
    <>
      <div class="followed-text">
        <span class="followed-title">{actor.name}</span>
        <span class="followed-kind" data-kind={actor.kind}>{t(KIND_LABEL[actor.kind])}</span>
        {actor.spellings.length > 0 && <span class="followed-spellings">{t('followedSpellings', actor.spellings.join(', '))}</span>}
      </div>
      <div class="followed-actions">
        <button type="button" ref={editRef} class="followed-edit-button" aria-label={t('followedEditLabel', actor.name)} onClick={onEdit}>
          {t('followedEdit')}
        </button>
        <button type="button" class="followed-unfollow" aria-label={t('followedUnfollowLabel', actor.name)} onClick={onUnfollow}>
          {t('followedUnfollow')}
        </button>
      </div>
    </>
  );
}

export interface FollowedEditorProps {
  actor: ReaderActorRecord;
  /** Resolves to the problem to show, or undefined when saved (the form is closed then). */
  onSave(fields: FollowEditFields): Promise<string | undefined>;
  onCancel(): void;
}

const pick = ({ key, ctrlKey, metaKey, altKey, shiftKey }: KeyboardEvent) => ({ key, ctrlKey, metaKey, altKey, shiftKey });

/**
 * The edit form in place of the row: name, kind, other spellings. Enter in the name saves, Escape
 * cancels (lib/notes/form.ts dialogKeyAction, as in the page's forms); the name's problems show under
 * it, the background's refusal in the alert.
 */
export function FollowedEditor({ actor, onSave, onCancel }: FollowedEditorProps) {
  const [fields, setFields] = useState(() => editFields(actor));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();
  const nameInput = useRef<HTMLInputElement>(null);
  const spellingsInput = useRef<HTMLTextAreaElement>(null);
  const id = `followed-${actor.id}`;
  const problems = tried ? followEditProblems(fields) : {};

  useEffect(() => nameInput.current?.focus(), []);

  const submit = async () => {
    if (saving) return;
    setTried(true);
    const found = followEditProblems(fields);
    if (found.name) return nameInput.current?.focus();
    if (found.spellings) return spellingsInput.current?.focus();
    setFailure(undefined);
    setSaving(true);
    const problem = await onSave(fields);
    // Saved: the form is gone. Refused: it stays, with the reason.
    if (problem !== undefined) {
      setSaving(false);
      setFailure(problem);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // keyCode 229: Safari's sign of a key that belongs to an input method's composition.
    const action = dialogKeyAction({ ...pick(event), isComposing: event.isComposing || event.keyCode === 229 }, fieldKindOf(event.target as HTMLInputElement | null));
    if (!action) return;
    event.preventDefault();
    if (action === 'cancel') onCancel();
    else void submit();
  };

  const set = (change: Partial<FollowEditFields>) => setFields((f) => ({ ...f, ...change }));
  const nameProblem = problems.name && (problems.name === 'long' ? t('followedNameLong', String(NOTE_LIMITS.name)) : problems.name === 'short' ? t('followedNameShort') : t('followNameRequired'));
  const spellingsProblem =
    problems.spellings && (problems.spellings === 'many' ? t('followedSpellingsMany', String(NOTE_LIMITS.spellings)) : t('followedSpellingsLong', String(NOTE_LIMITS.name)));

  return (
    // noValidate: the inline messages below instead of the browser's bubbles.
    <form
      class="followed-edit"
      aria-label={t('followedEditLabel', actor.name)}
      aria-busy={saving}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div class="followed-field">
        <label for={`${id}-name`}>{t('followName')}</label>
        <input
          ref={nameInput}
          id={`${id}-name`}
          class="followed-name-input"
          type="text"
          required
          minLength={2}
          maxLength={NOTE_LIMITS.name}
          spellcheck={false}
          aria-invalid={Boolean(nameProblem)}
          aria-describedby={nameProblem ? `${id}-name-error` : undefined}
          value={fields.name}
          onInput={(event) => set({ name: event.currentTarget.value })}
        />
        {nameProblem && <p id={`${id}-name-error`} class="field-error problem">{nameProblem}</p>}
      </div>

      <fieldset class="followed-field followed-kind-choice">
        <legend>{t('followKind')}</legend>
        {FORM_KINDS.map(([value, label]) => (
          <label key={value} class="check">
            <input type="radio" name={`${id}-kind`} value={value} checked={fields.kind === value} onChange={() => set({ kind: value })} />
            {t(label)}
          </label>
        ))}
      </fieldset>

      <div class="followed-field">
        <label for={`${id}-spellings`}>{t('followSpellings')}</label>
        <textarea
          ref={spellingsInput}
          id={`${id}-spellings`}
          class="followed-spellings-input"
          rows={3}
          spellcheck={false}
          aria-invalid={Boolean(spellingsProblem)}
          aria-describedby={spellingsProblem ? `${id}-spellings-error` : undefined}
          value={fields.spellings}
          onInput={(event) => set({ spellings: event.currentTarget.value })}
        />
        {spellingsProblem && <p id={`${id}-spellings-error`} class="field-error problem">{spellingsProblem}</p>}
      </div>

      <div class="followed-edit-alert" role="alert">
        {failure && <p class="problem">{failure}</p>}
      </div>
      <p class="help">{t('followedKeys')}</p>
      <div class="followed-actions">
        {/* aria-disabled, not disabled: a disabled button drops the focus it holds. */}
        <button type="submit" class="followed-save" aria-disabled={saving} aria-label={saving ? undefined : t('followedSaveLabel', actor.name)}>
          {saving ? t('followedSaving') : t('followedSave')}
        </button>
        <button type="button" class="followed-cancel" aria-label={t('followedCancelLabel', actor.name)} onClick={onCancel}>
          {t('followedCancel')}
        </button>
      </div>
    </form>
  );
}
