/**
 * One of the reader's own notes in the side panel's lists (timeline, actor view, "on this page"):
 * marked "Your note", with Show on page, Edit (an inline form) and Delete. What the reader wrote is
 * rendered as text only, like pack strings: Preact escapes it and nothing here sets HTML.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { localized } from '@/lib/i18n/localized';
import { NOTE_LIMITS, type NoteRecord } from '@/lib/notes/model';
import { formatPartialDate } from '@/lib/pack/dates';
import { parseActorKey, type ActorKey } from '@/lib/pack/keys';
import type { Certainty } from '@/lib/pack/schema';
import type { NoteDraft } from '@/lib/store/reader';
import type { TimelineActor, TimelineEntry } from '@/lib/store/timeline';
import { datePrecision, formKeyAction, noteDraft, noteForm, type NoteForm, type NoteFormProblem } from '@/lib/timeline/notes';
import { t, type MessageKey } from '../i18n';

/** What the lists can do with a note; the side panel sends the messages and shows what came of them. */
export interface NoteActions {
  /** 'note:save' with the note's id; rejects with an error the form shows. */
  save(draft: NoteDraft): Promise<unknown>;
  /** 'note:delete'; the panel offers to undo. */
  remove(note: NoteRecord): void;
  /** 'note:reveal' in the active tab; the panel says when the passage is not there. */
  reveal(id: string): void;
}

export type NoteTimelineEntry = TimelineEntry & { note: NoteRecord };

export const isNoteEntry = (entry: TimelineEntry): entry is NoteTimelineEntry => entry.own === true && entry.note !== undefined;

export interface NoteEntryProps {
  entry: NoteTimelineEntry;
  actors: ReadonlyMap<string, TimelineActor>;
  lang: string;
  locale: string;
  open: boolean;
  onToggle(): void;
  onActor(key: string): void;
  actions: NoteActions;
  /** The page in the active tab reported this note's passage as not found. */
  orphaned?: boolean;
}

const CERTAINTIES: Certainty[] = ['confirmed', 'reported', 'claimed', 'unconfirmed', 'disputed'];

/** Element ids from a note id (an IRI or a URN): short, and different for different notes. */
function domId(prefix: string, id: string): string {
  let hash = 5381;
  for (let k = 0; k < id.length; k++) hash = ((hash * 33) ^ id.charCodeAt(k)) >>> 0;
  return `${prefix}-${hash.toString(36)}`;
}

const isWebAddress = (url: string) => /^https?:\/\//i.test(url);

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A name as the note shows it: the actor's, or the bare id of a name no longer known (unfollowed). */
const nameOf = (key: string, actors: ReadonlyMap<string, TimelineActor>, lang: string) =>
  localized(actors.get(key)?.name, lang) || (parseActorKey(key)?.actorId ?? key);

export function NoteEntry({ entry, actors, lang, locale, open, onToggle, onActor, actions, orphaned = false }: NoteEntryProps) {
  const { note } = entry;
  const [editing, setEditing] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (open) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);
  // Back on the Edit button after the form closes, so the keyboard does not lose its place.
  useEffect(() => {
    if (!editing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const base = domId('note', note.id);
  const detailsId = `${base}-details`;
  const source = note.target?.source;

  if (editing)
    return (
      <article ref={ref} class="tl-event tl-own editing" data-event={entry.key} data-note={note.id}>
        <NoteEditor
          note={note}
          base={base}
          actors={actors}
          lang={lang}
          onSave={async (draft) => {
            await actions.save(draft);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </article>
    );

  return (
    <article
      ref={ref}
      class={`tl-event tl-own certainty-${entry.certainty}${open ? ' open' : ''}${orphaned ? ' orphaned' : ''}`}
      data-event={entry.key}
      data-note={note.id}
    >
      <button type="button" class="tl-event-toggle" aria-expanded={open} aria-controls={detailsId} onClick={onToggle}>
        <span class="tl-date">{formatPartialDate(entry.date, locale)}</span>
        <span class="badge badge-own">{t('panelNoteBadge')}</span>
        {entry.certainty !== 'confirmed' && <span class={`badge badge-${entry.certainty}`}>{t(`certainty_${entry.certainty}` as MessageKey)}</span>}
        <span class="tl-title">{note.title}</span>
      </button>
      {entry.undated && <p class="tl-note">{t('panelNoteUndated')}</p>}
      {orphaned && <p class="note-orphan">{t('panelNoteOrphaned')}</p>}
      {note.target && !open && <p class="note-passage">“{note.target.quote.exact}”</p>}
      {entry.actors.length > 0 && (
        <p class="chips">
          {entry.actors.map((key) =>
            actors.has(key) ? (
              <button type="button" key={key} class={`chip chip-${actors.get(key)!.kind}${actors.get(key)!.own ? ' chip-own' : ''}`} onClick={() => onActor(key)}>
                {nameOf(key, actors, lang)}
              </button>
            ) : (
              <span key={key} class="chip chip-unknown">
                {nameOf(key, actors, lang)}
              </span>
            ),
          )}
        </p>
      )}
      <p class="note-actions">
        {note.target && (
          <button type="button" class="link" aria-label={`${t('panelNoteShowOnPage')}: ${note.title}`} onClick={() => actions.reveal(note.id)}>
            {t('panelNoteShowOnPage')}
          </button>
        )}
        <button type="button" ref={editButton} class="link" aria-label={`${t('panelNoteEdit')}: ${note.title}`} onClick={() => setEditing(true)}>
          {t('panelNoteEdit')}
        </button>
        <button type="button" class="link link-danger" aria-label={`${t('panelNoteDelete')}: ${note.title}`} onClick={() => actions.remove(note)}>
          {t('panelNoteDelete')}
        </button>
      </p>
      {open && (
        <div id={detailsId} class="tl-details">
          {note.body && <p class="note-body">{note.body}</p>}
          {note.target && source && (
            <figure class="event-quote">
              <blockquote>“{note.target.quote.exact}”</blockquote>
              <figcaption>
                {note.target.pageTitle || hostOf(source)}
                {isWebAddress(source) && (
                  <>
                    {' · '}
                    <a href={source} target="_blank" rel="noopener noreferrer">
                      {t('panelNoteOpenPage')}
                    </a>
                  </>
                )}
              </figcaption>
            </figure>
          )}
        </div>
      )}
    </article>
  );
}

const PRECISION_WORDS: Record<'none' | 'year' | 'month' | 'day', MessageKey> = {
  none: 'panelNotePrecisionNone',
  year: 'panelNotePrecisionYear',
  month: 'panelNotePrecisionMonth',
  day: 'panelNotePrecisionDay',
};

export interface NoteEditorProps {
  note: NoteRecord;
  /** Prefix of the form's element ids. */
  base: string;
  actors: ReadonlyMap<string, TimelineActor>;
  lang: string;
  onSave(draft: NoteDraft): Promise<void>;
  onCancel(): void;
}

/**
 * The inline edit form: title, text, date (its length is its precision), certainty, names (removable,
 * and any known one can be added). Enter in a single-line field saves (Ctrl/⌘+Enter in the text),
 * Escape cancels; a save that fails keeps the form open with the reason.
 */
export function NoteEditor({ note, base, actors, lang, onSave, onCancel }: NoteEditorProps) {
  const [form, setForm] = useState<NoteForm>(() => noteForm(note));
  const [problem, setProblem] = useState<NoteFormProblem>();
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);
  const dateInput = useRef<HTMLInputElement>(null);
  useEffect(() => titleInput.current?.focus(), []);

  const set = (patch: Partial<NoteForm>) => setForm((current) => ({ ...current, ...patch }));
  const precision = datePrecision(form.date);
  const problemId = `${base}-problem`;
  const precisionId = `${base}-precision`;

  const submit = async () => {
    if (saving) return;
    const result = noteDraft(note, form);
    if (!result.ok) {
      setProblem(result.problem);
      (result.problem === 'title' ? titleInput : dateInput).current?.focus();
      return;
    }
    setProblem(undefined);
    setFailure(undefined);
    setSaving(true);
    try {
      await onSave(result.draft);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const action = formKeyAction(event, (event.target as HTMLElement | null)?.tagName);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    if (action === 'cancel') onCancel();
    else void submit();
  };

  const byName = [...actors.values()]
    .filter((a) => !form.actorIds.includes(a.key as ActorKey))
    .sort((a, b) => localized(a.name, lang).localeCompare(localized(b.name, lang), lang));
  const full = form.actorIds.length >= NOTE_LIMITS.actors;

  return (
    <form
      class="note-form"
      aria-label={`${t('panelNoteFormLabel')}: ${note.title}`}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label class="note-field">
        {t('panelNoteFormTitle')}
        <input
          ref={titleInput}
          type="text"
          required
          maxLength={NOTE_LIMITS.title}
          value={form.title}
          aria-invalid={problem === 'title'}
          aria-describedby={problem === 'title' ? problemId : undefined}
          onInput={(event) => set({ title: (event.currentTarget as HTMLInputElement).value })}
        />
      </label>
      <label class="note-field">
        {t('panelNoteFormBody')}
        <textarea rows={4} maxLength={NOTE_LIMITS.body} value={form.body} onInput={(event) => set({ body: (event.currentTarget as HTMLTextAreaElement).value })} />
      </label>
      <div class="note-form-row">
        <label class="note-field">
          {t('panelNoteFormDate')}
          <input
            ref={dateInput}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellcheck={false}
            maxLength={10}
            placeholder="2025-12-02"
            value={form.date}
            aria-invalid={problem === 'date'}
            aria-describedby={problem === 'date' ? `${precisionId} ${problemId}` : precisionId}
            onInput={(event) => set({ date: (event.currentTarget as HTMLInputElement).value })}
          />
          <span id={precisionId} class="note-precision">
            {precision === 'invalid' ? '' : t(PRECISION_WORDS[precision])}
          </span>
        </label>
        <label class="note-field">
          {t('panelNoteFormCertainty')}
          <select value={form.certainty} onChange={(event) => set({ certainty: (event.currentTarget as HTMLSelectElement).value as Certainty })}>
            {CERTAINTIES.map((c) => (
              <option key={c} value={c}>
                {t(`certainty_${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset class="note-actors">
        <legend>{t('panelNoteFormActors')}</legend>
        {form.actorIds.length > 0 && (
          <p class="chips">
            {form.actorIds.map((key) => (
              <button
                type="button"
                key={key}
                class={`chip chip-removable chip-${actors.get(key)?.kind ?? 'unknown'}`}
                aria-label={`${t('panelNoteRemoveActor')}: ${nameOf(key, actors, lang)}`}
                onClick={() => set({ actorIds: form.actorIds.filter((a) => a !== key) })}
              >
                {nameOf(key, actors, lang)} ×
              </button>
            ))}
          </p>
        )}
        <select
          aria-label={t('panelNoteFormAddActor')}
          value=""
          disabled={full}
          onChange={(event) => {
            const key = (event.currentTarget as HTMLSelectElement).value as ActorKey;
            if (key && !form.actorIds.includes(key)) set({ actorIds: [...form.actorIds, key] });
          }}
        >
          <option value="">{t('panelNoteFormAddActor')}</option>
          {byName.map((actor) => (
            <option key={actor.key} value={actor.key}>
              {localized(actor.name, lang)}
            </option>
          ))}
        </select>
      </fieldset>
      {problem && (
        <p id={problemId} class="problem" role="alert">
          {problem === 'title' ? t('panelNoteTitleMissing') : t('panelNoteDateInvalid')}
        </p>
      )}
      {failure && (
        <p class="problem" role="alert">
          {t('panelNoteSaveFailed')} {failure}
        </p>
      )}
      <p class="note-form-buttons">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('panelNoteSaving') : t('panelNoteSave')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('panelNoteCancel')}
        </button>
        <span class="note-hint">{t('panelNoteFormHint')}</span>
      </p>
    </form>
  );
}
