/**
 * The reader's notes as the side panel handles them: the edit form's fields and the draft it saves
 * (same id, same target), and which notes belong to the page in the active tab, each marked orphaned
 * when that page reported its passage as not found. Pure, so it is tested in Node.
 */
import { NOTE_LIMITS, pageKey, type NoteRecord } from '../notes/model';
import { parsePartialDate, type Precision } from '../pack/dates';
import type { ActorKey } from '../pack/keys';
import type { Certainty } from '../pack/schema';
import type { NoteDraft } from '../store/reader';


/** What the edit form holds while the reader types. */
export interface NoteForm {
  title: string;
  body: string;
  /** "", "YYYY", "YYYY-MM" or "YYYY-MM-DD": the length is the precision. */
  date: string;
  certainty: Certainty;
  actorIds: ActorKey[];
}

export function noteForm(note: NoteRecord): NoteForm {
  return { title: note.title, body: note.body, date: note.date ?? '', certainty: note.certainty, actorIds: [...note.actorIds] };
}

/** The precision the typed date has ("none" when empty), or "invalid" for what is not a real partial date. */
export function datePrecision(text: string): Precision | 'none' | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return 'none';
  return parsePartialDate(trimmed)?.precision ?? 'invalid';
}

export type NoteFormProblem = 'title' | 'date';

/**
 * The draft the form saves with 'note:save': the note's id (so it is replaced, not duplicated) and its
 * target unchanged; the store fills in the page keys and the times. A problem instead when the title
 * is empty or the date is not one.
 */
export function noteDraft(note: NoteRecord, form: NoteForm): { ok: true; draft: NoteDraft } | { ok: false; problem: NoteFormProblem } {
  const title = form.title.trim();
  if (!title) return { ok: false, problem: 'title' };
  const date = form.date.trim();
  if (datePrecision(date) === 'invalid') return { ok: false, problem: 'date' };
  return {
    ok: true,
    draft: {
      id: note.id,
      title: title.slice(0, NOTE_LIMITS.title),
      body: form.body.slice(0, NOTE_LIMITS.body),
      ...(date && { date }),
      certainty: form.certainty,
      actorIds: [...new Set(form.actorIds)].slice(0, NOTE_LIMITS.actors),
      ...(note.target && { target: note.target }),
    },
  };
}

/**
 * What a key does in the edit form: Enter in a single-line field saves (Ctrl/⌘+Enter in the multi-line
 * text, where Enter is a new line), Escape cancels; nothing while an input method is composing.
 */
export function formKeyAction(key: { key: string; ctrlKey?: boolean; metaKey?: boolean; isComposing?: boolean }, field: string | undefined): 'save' | 'cancel' | undefined {
  if (key.isComposing) return undefined;
  if (key.key === 'Escape') return 'cancel';
  if (key.key !== 'Enter') return undefined;
  const tag = field?.toUpperCase();
  if (tag === 'INPUT') return 'save';
  if (tag === 'TEXTAREA' && (key.ctrlKey || key.metaKey)) return 'save';
  return undefined;
}

/** What a page report says about the page and the notes its content script anchored. */
export interface PageNotesContext {
  url: string;
  canonical?: string;
  notes?: readonly { id: string; anchored: boolean }[];
}

export interface PageNote<E> {
  entry: E;
  /** The page reported the passage as not found: the note is shown as orphaned and kept. */
  orphaned: boolean;
}

/**
 * The notes made on the page (by its URL or its canonical URL, the way notes file them), in the order
 * they were written. A note the page has not reported on yet is not orphaned.
 */
export function notesOfPage<E extends { note?: NoteRecord }>(entries: readonly E[], page: PageNotesContext): PageNote<E>[] {
  const keys = new Set([page.url, page.canonical].flatMap((url) => (url ? (pageKey(url) ?? []) : [])));
  if (keys.size === 0) return [];
  const orphans = orphanIds(page);
  return entries
    .filter((e) => e.note?.pageKeys.some((key) => keys.has(key)))
    .sort((a, b) => a.note!.createdAt - b.note!.createdAt || a.note!.id.localeCompare(b.note!.id))
    .map((entry) => ({ entry, orphaned: orphans.has(entry.note!.id) }));
}

/** Ids of the notes the page reported as not anchored. */
export function orphanIds(page: Pick<PageNotesContext, 'notes'> | null | undefined): Set<string> {
  return new Set((page?.notes ?? []).filter((n) => !n.anchored).map((n) => n.id));
}
