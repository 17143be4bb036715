import { describe, expect, it } from 'vitest';
import { buildMatcherIndex, createMatcher } from '@/lib/match';
import { pageKey } from '@/lib/notes/model';
import { cardFor } from '@/lib/store/card';
import { BackstoryDatabase } from '@/lib/store/database';
import { installPack } from '@/lib/store/packs';
import {
  clearNotes, deleteNote, describeActors, followName, importReaderData, notesForPage, readerMatcherActor, restoreNote, saveNote, searchActors, unfollow, updateReaderActor, type NoteDraft,
} from '@/lib/store/reader';
import { validatePack } from '@/lib/pack/validate';
import { miniPack, uniqueName } from './helpers';

async function database() {
  const db = new BackstoryDatabase(uniqueName('reader'));
  const checked = validatePack(miniPack());
  if (!checked.ok) throw new Error('mini pack invalid');
  await installPack(db, checked.pack, 'builtin', 1);
  return db;
}

const draft = (over: Partial<NoteDraft> = {}): NoteDraft => ({
  title: 'Birthday call',
  body: 'Checked against the readout.',
  date: '2025-07-04',
  certainty: 'reported',
  actorIds: ['mini/vladimir-putin'],
  target: {
    source: 'https://news.example/story?utm_source=x#comments',
    canonical: 'https://news.example/story/',
    pageTitle: 'A story',
    quote: { type: 'TextQuoteSelector', exact: 'Putin used the call', prefix: '', suffix: ' to wish' },
    position: { type: 'TextPositionSelector', start: 10, end: 29 },
  },
  ...over,
});

let ids = 0;
const newId = () => `urn:uuid:test-${++ids}`;

describe('page keys', () => {
  it('file a page under one key whatever its fragment, tracking parameters, host case or trailing slash', () => {
    expect(pageKey('https://News.Example/a/?utm_medium=x&b=2&a=1#top')).toBe('https://news.example/a?a=1&b=2');
    expect(pageKey('http://127.0.0.1:8080/demo/x.html')).toBe('http://127.0.0.1:8080/demo/x.html');
    expect(pageKey('javascript:alert(1)')).toBeUndefined();
    expect(pageKey('not a url')).toBeUndefined();
  });
});

describe('notes', () => {
  it('are saved with an id, page keys and times, found by URL or canonical URL, and edited in place', async () => {
    const db = await database();
    const note = await saveNote(db, draft(), 100, newId);
    expect(note).toMatchObject({ id: expect.stringMatching(/^urn:uuid:/), createdAt: 100, updatedAt: 100 });
    expect(note.pageKeys).toEqual(['https://news.example/story']);
    expect((await notesForPage(db, ['https://news.example/story#other'])).map((n) => n.id)).toEqual([note.id]);
    expect(await notesForPage(db, ['https://news.example/elsewhere'])).toEqual([]);

    const edited = await saveNote(db, { ...draft({ title: 'Renamed' }), id: note.id }, 200, newId);
    expect(edited).toMatchObject({ id: note.id, title: 'Renamed', createdAt: 100, updatedAt: 200 });
    expect(await db.readerNotes.count()).toBe(1);
  });

  it('come back whole after a delete is undone', async () => {
    const db = await database();
    const note = await saveNote(db, draft(), 100, newId);
    const deleted = await deleteNote(db, note.id);
    expect(deleted).toEqual(note);
    expect(await db.readerNotes.count()).toBe(0);
    expect(await deleteNote(db, note.id)).toBeUndefined();
    await restoreNote(db, deleted!);
    expect(await db.readerNotes.get(note.id)).toEqual(note);
  });

  it('show in the cards of the actors they name, newest first', async () => {
    const db = await database();
    await saveNote(db, draft({ title: 'older' }), 100, newId);
    await saveNote(db, draft({ title: 'newer' }), 200, newId);
    const card = await cardFor(db, { actor: 'mini/vladimir-putin', lang: 'en', today: '2026-01-01', pageActors: [], limit: 3 });
    expect(card!.notes.map((n) => n.title)).toEqual(['newer', 'older']);
    expect(card!.notes[0]).toMatchObject({ quote: 'Putin used the call', pageTitle: 'A story', date: '2025-07-04' });
  });

  it('import all or nothing: a stored copy edited later is kept and reported, the rest added or replaced', async () => {
    const db = await database();
    const mine = await saveNote(db, draft({ title: 'mine, edited later' }), 500, newId);
    const older = await saveNote(db, draft({ title: 'to be replaced' }), 100, newId);
    const incoming = [
      { ...mine, title: 'theirs', updatedAt: 400 },
      { ...older, title: 'replacement', updatedAt: 300 },
      { ...mine, id: 'urn:uuid:fresh', title: 'fresh', updatedAt: 50 },
    ];
    const outcome = await importReaderData(db, incoming, [{ id: 'tulsi-gabbard', kind: 'person', name: 'Tulsi Gabbard', spellings: [], aliasKeys: [], createdAt: 1, updatedAt: 1 }]);
    expect(outcome).toEqual({ added: 1, updated: 1, keptNewer: [mine.id], actorsAdded: 1 });
    expect((await db.readerNotes.get(mine.id))!.title).toBe('mine, edited later');
    expect((await db.readerNotes.get(older.id))!.title).toBe('replacement');
    expect((await db.readerActors.get('tulsi-gabbard'))!.aliasKeys).toEqual(['tulsi gabbard', 'gabbard']);

    // A failing write (an id the table refuses) leaves everything as it was.
    const before = await db.readerNotes.toArray();
    await expect(importReaderData(db, [{ ...mine, id: 'urn:uuid:x', updatedAt: 900 }, { ...mine, id: undefined as never }], [])).rejects.toThrow();
    expect(await db.readerNotes.toArray()).toEqual(before);

    expect(await clearNotes(db)).toBe(3);
    expect(await db.readerActors.count()).toBe(1);
  });
});

describe('followed names', () => {
  it('become actors of the reader: one per name, slugged ids, accent-blind search beside the pack actors', async () => {
    const db = await database();
    const gabbard = await followName(db, { name: ' Tulsi Gabbard ', kind: 'person', spellings: ['Tulsi  Gabbard', 'Габбард', 'G'] }, 10, () => 'zz');
    expect(gabbard).toMatchObject({ id: 'tulsi-gabbard', name: 'Tulsi Gabbard', spellings: ['Габбард'], aliasKeys: ['tulsi gabbard', 'gabbard', 'габбард'] });
    expect(await followName(db, { name: 'TULSI GABBARD', kind: 'person', spellings: [] }, 11, () => 'zz')).toEqual(gabbard);
    const another = await followName(db, { name: 'Tulsi-Gabbard', kind: 'organization', spellings: [] }, 12, () => 'zz');
    expect(another.id).toBe('tulsi-gabbard-zz');
    const cyrillic = await followName(db, { name: 'Зеленский', kind: 'person', spellings: [] }, 13, () => 'zz');
    expect(cyrillic.id).toBe('name');

    expect((await searchActors(db, 'gabb', 'en', 5)).map((s) => s.key)).toEqual(['reader/tulsi-gabbard']);
    expect((await searchActors(db, 'PÚTIN', 'en', 5)).map((s) => s.key)).toContain('mini/vladimir-putin');
    expect(await searchActors(db, '   ', 'en', 5)).toEqual([]);
    expect(await describeActors(db, ['reader/tulsi-gabbard', 'mini/vladimir-putin', 'mini/nobody'], 'en')).toEqual([
      { key: 'reader/tulsi-gabbard', name: 'Tulsi Gabbard', kind: 'person' },
      { key: 'mini/vladimir-putin', name: 'Vladimir Putin', kind: 'person' },
    ]);

    const card = await cardFor(db, { actor: 'reader/tulsi-gabbard', lang: 'en', today: '2026-01-01', pageActors: [], limit: 3 });
    expect(card).toMatchObject({ actor: { name: 'Tulsi Gabbard', own: true }, events: [], notes: [] });

    const renamed = await updateReaderActor(db, 'tulsi-gabbard', { name: 'Tulsi Gabbard', kind: 'person', spellings: ['Gabbard'] }, 20);
    expect(renamed!.aliasKeys).toEqual(['tulsi gabbard', 'gabbard']);
    expect(await unfollow(db, 'tulsi-gabbard')).toEqual(renamed);
    expect(await updateReaderActor(db, 'tulsi-gabbard', { name: 'x y', kind: 'person', spellings: [] }, 21)).toBeUndefined();
  });

  it('are found on a page by the matcher, in the case forms of their script', async () => {
    const matcher = createMatcher(
      buildMatcherIndex([
        readerMatcherActor({ id: 'tulsi-gabbard', kind: 'person', name: 'Tulsi Gabbard', spellings: ['Тулси Габбард'], aliasKeys: [], createdAt: 0, updatedAt: 0 }),
      ]),
    );
    const found = (text: string) => matcher.findMentions(text).map((m) => text.slice(m.start, m.end));
    expect(found('Director Tulsi Gabbard said so.')).toEqual(['Tulsi Gabbard']);
    expect(found('встреча с Тулси Габбард и с Тулси Габбардом')).toEqual(['Тулси Габбард', 'Тулси Габбардом']);
  });
});
