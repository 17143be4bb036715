import { describe, expect, it } from 'vitest';
import type { NoteRecord } from '@/lib/notes/model';
import { NOTE_LIMITS, NoteDraftSchema } from '@/lib/notes/schema';
import { noteEntry } from '@/lib/store/timeline';
import { datePrecision, formKeyAction, noteDraft, noteForm, notesOfPage, orphanIds } from '@/lib/timeline/notes';

const note = (id: string, patch: Partial<NoteRecord> = {}): NoteRecord => ({
  id: `urn:uuid:${id}`,
  title: `Note ${id}`,
  body: 'Body',
  date: '2025-12',
  certainty: 'reported',
  actorIds: ['mini/vladimir-putin', 'reader/pavel-zarubin'],
  target: {
    source: 'https://news.example/world/talks?utm_source=feed',
    canonical: 'https://news.example/world/talks',
    pageTitle: 'Talks',
    quote: { type: 'TextQuoteSelector', exact: 'the passage', prefix: 'before ', suffix: ' after' },
    position: { type: 'TextPositionSelector', start: 10, end: 21 },
  },
  pageKeys: ['https://news.example/world/talks'],
  createdAt: 1_000,
  updatedAt: 2_000,
  ...patch,
});

describe('the note edit form', () => {
  it('the date text is its precision', () => {
    expect(datePrecision('')).toBe('none');
    expect(datePrecision('  ')).toBe('none');
    expect(datePrecision('2025')).toBe('year');
    expect(datePrecision('2025-12')).toBe('month');
    expect(datePrecision(' 2025-12-02 ')).toBe('day');
    for (const bad of ['2025-13', '2025-02-30', '25', '2025/12', '2025-1', 'December 2025']) expect(datePrecision(bad), bad).toBe('invalid');
  });

  it('saves with the same id and target, and what the background accepts', () => {
    const original = note('a');
    const form = { ...noteForm(original), title: '  New title ', body: 'New body\nsecond line', date: '2025-12-02', certainty: 'disputed' as const, actorIds: ['reader/pavel-zarubin' as const] };
    const result = noteDraft(original, form);
    expect(result).toEqual({
      ok: true,
      draft: { id: original.id, title: 'New title', body: 'New body\nsecond line', date: '2025-12-02', certainty: 'disputed', actorIds: ['reader/pavel-zarubin'], target: original.target },
    });
    if (result.ok) expect(NoteDraftSchema.safeParse(result.draft).success).toBe(true);
  });

  it('an emptied date removes it; a note without a target stays without one', () => {
    const result = noteDraft(note('b', { target: undefined, pageKeys: [] }), { ...noteForm(note('b')), date: '' });
    expect(result.ok && result.draft).toEqual({ id: 'urn:uuid:b', title: 'Note b', body: 'Body', certainty: 'reported', actorIds: ['mini/vladimir-putin', 'reader/pavel-zarubin'] });
    if (result.ok) expect(NoteDraftSchema.safeParse(result.draft).success).toBe(true);
  });

  it('refuses an empty title and a date that is not one', () => {
    expect(noteDraft(note('c'), { ...noteForm(note('c')), title: '   ' })).toEqual({ ok: false, problem: 'title' });
    expect(noteDraft(note('c'), { ...noteForm(note('c')), date: '2025-02-30' })).toEqual({ ok: false, problem: 'date' });
  });

  it('starts from the note as stored, and its limits are the background\'s', () => {
    expect(noteForm(note('d', { date: undefined }))).toEqual({ title: 'Note d', body: 'Body', date: '', certainty: 'reported', actorIds: ['mini/vladimir-putin', 'reader/pavel-zarubin'] });
    // One set of limits (lib/notes/model.ts) for the panel and the background: a draft cut to them passes.
    const long = noteDraft(note('d'), { ...noteForm(note('d')), title: 'x'.repeat(NOTE_LIMITS.title + 50), body: 'y'.repeat(NOTE_LIMITS.body + 1) });
    expect(long.ok && [long.draft.title.length, long.draft.body.length]).toEqual([NOTE_LIMITS.title, NOTE_LIMITS.body]);
    expect(long.ok && NoteDraftSchema.safeParse(long.draft).success).toBe(true);
  });
});

describe('the edit form keys', () => {
  it('Enter in a single-line field saves, Escape cancels anywhere', () => {
    expect(formKeyAction({ key: 'Enter' }, 'INPUT')).toBe('save');
    expect(formKeyAction({ key: 'Escape' }, 'INPUT')).toBe('cancel');
    expect(formKeyAction({ key: 'Escape' }, 'TEXTAREA')).toBe('cancel');
    expect(formKeyAction({ key: 'Escape' }, 'SELECT')).toBe('cancel');
  });

  it('Enter in the text is a new line; Ctrl or ⌘ with it saves', () => {
    expect(formKeyAction({ key: 'Enter' }, 'TEXTAREA')).toBeUndefined();
    expect(formKeyAction({ key: 'Enter', ctrlKey: true }, 'TEXTAREA')).toBe('save');
    expect(formKeyAction({ key: 'Enter', metaKey: true }, 'textarea')).toBe('save');
  });

  it('leaves buttons, selects, other keys and input-method composition alone', () => {
    expect(formKeyAction({ key: 'Enter' }, 'BUTTON')).toBeUndefined();
    expect(formKeyAction({ key: 'Enter' }, 'SELECT')).toBeUndefined();
    expect(formKeyAction({ key: 'a' }, 'INPUT')).toBeUndefined();
    expect(formKeyAction({ key: 'Enter', isComposing: true }, 'INPUT')).toBeUndefined();
    expect(formKeyAction({ key: 'Escape', isComposing: true }, 'INPUT')).toBeUndefined();
  });
});

describe("the page's notes", () => {
  const entries = [
    noteEntry(note('late', { createdAt: 5_000 })),
    noteEntry(note('early', { createdAt: 100 })),
    noteEntry(note('elsewhere', { pageKeys: ['https://other.example/page'] })),
    noteEntry(note('no-page', { target: undefined, pageKeys: [] })),
    noteEntry(note('by-canonical', { createdAt: 3_000, pageKeys: ['https://news.example/world/talks-amp', 'https://news.example/canonical'] })),
  ];
  const ids = (list: { entry: { note?: NoteRecord } }[]) => list.map((n) => n.entry.note!.id.slice(9));

  it('finds them by the page URL (tracking, fragment and trailing slash aside) or by its canonical URL, oldest first', () => {
    expect(ids(notesOfPage(entries, { url: 'https://NEWS.example/world/talks/?utm_medium=x#part-2' }))).toEqual(['early', 'late']);
    expect(ids(notesOfPage(entries, { url: 'https://news.example/world/talks?page=amp', canonical: 'https://news.example/canonical' }))).toEqual(['by-canonical']);
    expect(notesOfPage(entries, { url: 'about:blank' })).toEqual([]);
  });

  it('marks the ones the page could not anchor as orphaned, and keeps them', () => {
    const page = { url: 'https://news.example/world/talks', notes: [{ id: 'urn:uuid:late', anchored: false }, { id: 'urn:uuid:early', anchored: true }] };
    expect(notesOfPage(entries, page).map((n) => [n.entry.note!.id, n.orphaned])).toEqual([['urn:uuid:early', false], ['urn:uuid:late', true]]);
    // Not reported yet: not orphaned.
    expect(notesOfPage(entries, { url: page.url }).every((n) => !n.orphaned)).toBe(true);
    expect(orphanIds(page)).toEqual(new Set(['urn:uuid:late']));
    expect(orphanIds(null)).toEqual(new Set());
  });
});
