/**
 * The pure rules behind the note and follow forms (components/note/): date precision, validation, what
 * a key does. Kept out of the components so they can be tested without a DOM, and so the components
 * stay about layout. No zod import: this runs in the content script (the budget keeps zod in the
 * background), so the certainty list is spelled out here and checked against the schema by a test.
 */
import { parsePartialDate, type Precision } from '../pack/dates';
import type { Certainty } from '../pack/schema';

export const CERTAINTIES = ['confirmed', 'reported', 'claimed', 'unconfirmed', 'disputed'] as const satisfies readonly Certainty[];

export const PRECISIONS = ['day', 'month', 'year'] as const satisfies readonly Precision[];

/** A partial date's text length is its precision (lib/pack/dates.ts). */
const LENGTH: Record<Precision, number> = { year: 4, month: 7, day: 10 };

/**
 * The input for each precision: the browser's own pickers for a day and a month (Firefox has no month
 * picker and shows a text field, where the reader types "2025-02"), a four-digit text field for a year.
 */
export const DATE_INPUT_TYPE: Record<Precision, 'date' | 'month' | 'text'> = { day: 'date', month: 'month', year: 'text' };

/** What the field expects, shown where the browser has no picker. */
export const DATE_PLACEHOLDER: Record<Precision, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM', year: 'YYYY' };

/** The precision a date is written at; day for no date (the most common choice for a new one). */
export function precisionOf(date: string | undefined): Precision {
  if (date?.length === LENGTH.year) return 'year';
  if (date?.length === LENGTH.month) return 'month';
  return 'day';
}

/**
 * The date at another precision: a finer one trims ("2025-02-12" → "2025-02" → "2025"), a coarser one
 * extends. Extending gives back what the reader had before trimming (`remembered`, see rememberDate),
 * so switching day → year → day loses nothing; otherwise it starts at the first month or day, for the
 * reader to adjust. An empty date stays empty; an invalid one is cleared when extended, because the
 * new field could not show it.
 */
export function changePrecision(value: string, to: Precision, remembered = ''): string {
  const length = LENGTH[to];
  if (value === '' || value.length === length) return value;
  if (value.length > length) return value.slice(0, length);
  if (!parsePartialDate(value)) return '';
  if (remembered.length >= length && remembered.startsWith(value) && parsePartialDate(remembered.slice(0, length))) return remembered.slice(0, length);
  return (value + '-01-01').slice(0, length);
}

/**
 * The most precise valid date the reader has entered, kept for changePrecision: a valid value replaces
 * the remembered one unless it is just a trimmed copy of it.
 */
export function rememberDate(remembered: string, value: string): string {
  if (!parsePartialDate(value)) return remembered;
  return remembered.startsWith(value) ? remembered : value;
}

/** No date is fine; a date must exist in the calendar and be written at the chosen precision. */
export function isValidDate(value: string, precision: Precision): boolean {
  if (value === '') return true;
  return value.length === LENGTH[precision] && parsePartialDate(value) !== undefined;
}

export interface NoteFields {
  title: string;
  date: string;
  precision: Precision;
  /** The date field holds text the browser could not read (a half-typed date in its picker). */
  dateUnreadable?: boolean;
}

export interface NoteProblems {
  title?: 'required';
  date?: 'invalid';
}

/** What stops a note from being saved; an empty object when nothing does. */
export function noteProblems(fields: NoteFields): NoteProblems {
  return {
    ...(fields.title.trim() === '' && { title: 'required' as const }),
    ...((fields.dateUnreadable || !isValidDate(fields.date, fields.precision)) && { date: 'invalid' as const }),
  };
}

/** "Other spellings", one per line: trimmed, blank lines and repeats dropped (the store also checks). */
export function splitSpellings(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== ''))];
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** An input method is composing: its Enter confirms the composition (Chinese, Japanese…), never saves. */
  isComposing: boolean;
}

/** Where the key was pressed: a single-line input, the multi-line note, or anything else (a button, a select). */
export type FieldKind = 'line' | 'multiline' | 'other';

/**
 * Which kind of field an element is, for dialogKeyAction: by tag name rather than instanceof (unreliable
 * across a Firefox content script's wrappers). A radio counts as a line, so Enter on it saves, as from
 * the text field beside it; buttons, checkboxes and file pickers keep their own Enter.
 */
export function fieldKindOf(element: { tagName: string; type?: string } | null): FieldKind {
  if (element?.tagName === 'TEXTAREA') return 'multiline';
  if (element?.tagName === 'INPUT' && !['button', 'submit', 'reset', 'checkbox', 'file'].includes(element.type ?? 'text')) return 'line';
  return 'other';
}

/**
 * What a key does in a form dialog (an open suggestion list has already taken its own keys):
 * Escape cancels; Enter saves from a single-line input; in the note, Enter is a new line and
 * Ctrl/Cmd+Enter saves. Enter on a button or a select keeps its own meaning.
 */
export function dialogKeyAction(key: KeyLike, field: FieldKind): 'save' | 'cancel' | undefined {
  if (key.isComposing) return undefined;
  if (key.key === 'Escape') return 'cancel';
  if (key.key !== 'Enter' || key.altKey) return undefined;
  if (field === 'line' && !key.shiftKey) return 'save';
  if (field === 'multiline' && (key.ctrlKey || key.metaKey)) return 'save';
  return undefined;
}

/**
 * The focus trap: which of `count` focusable elements Tab should move to when focus is at `index`
 * (-1: on none of them, e.g. on the dialog itself), or undefined to let the browser move it.
 * Only the ends wrap, so the browser's own order is kept inside.
 */
export function wrapFocus(index: number, count: number, backwards: boolean): number | undefined {
  if (count === 0) return undefined;
  if (index < 0) return backwards ? count - 1 : 0;
  if (!backwards && index === count - 1) return 0;
  if (backwards && index === 0) return count - 1;
  return undefined;
}

/** The next highlighted suggestion for an arrow key, wrapping; -1 (none) when there are none. */
export function moveActive(active: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (active < 0) return step === 1 ? 0 : count - 1;
  return (active + step + count) % count;
}
