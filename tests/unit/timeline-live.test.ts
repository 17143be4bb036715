import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { validatePack } from '@/lib/pack/validate';
import { BackstoryDatabase } from '@/lib/store/database';
import { installPack } from '@/lib/store/packs';
import { loadTimeline, noteEntryKey, type TimelineData } from '@/lib/store/timeline';
import { deleteNote, followName, restoreNote, saveNote } from '@/lib/store/reader';
import { localDay } from '@/lib/pack/dates';
import { filterEvents, NO_FILTER } from '@/lib/timeline/filter';
import { miniPack, uniqueName } from './helpers';

describe('timeline data', () => {
  it('is live: a pack installed after the panel opened appears without a reload', async () => {
    const db = new BackstoryDatabase(uniqueName('live'));
    const seen: TimelineData[] = [];
    const subscription = liveQuery(() => loadTimeline(db)).subscribe({ next: (data) => seen.push(data) });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]!.events).toEqual([]);

    const check = validatePack(miniPack());
    if (!check.ok) throw new Error('mini pack invalid');
    await installPack(db, check.pack, 'imported');
    await expect.poll(() => seen[seen.length - 1]!.events.length).toBe(check.pack.events.length);
    const latest = seen[seen.length - 1]!;
    expect(latest.actors.map((a) => a.key)).toEqual(expect.arrayContaining(['mini/vladimir-putin']));
    expect(latest.actors.find((a) => a.key === 'mini/vladimir-putin')!.spellings.split('\n')).toEqual(expect.arrayContaining(['Путину']));
    expect(latest.events[0]!.sources[0]!.quote!.length).toBeGreaterThan(0);
    subscription.unsubscribe();
  });
});

describe("the reader's notes and followed names in the timeline data", () => {
  const at = Date.UTC(2025, 11, 3, 12);
  let n = 0;
  const newId = () => `urn:uuid:00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const target = {
    source: 'https://news.example/world/kremlin-talks?utm_source=x#top',
    canonical: 'https://news.example/world/kremlin-talks',
    pageTitle: 'Kremlin talks',
    quote: { type: 'TextQuoteSelector' as const, exact: 'Zarubin asked about the plan', prefix: 'Pavel ', suffix: '.' },
  };

  it('loads notes as own entries and followed names as own actors, dated or on the day they were written', async () => {
    const db = new BackstoryDatabase(uniqueName('notes'));
    const zarubin = await followName(db, { name: 'Pavel Zarubin', kind: 'person', spellings: ['Павел Зарубин'] }, at, () => 'x');
    const dated = await saveNote(db, { title: 'Zarubin at the talks', body: 'He was in the room.', date: '2025-12', certainty: 'reported', actorIds: ['reader/pavel-zarubin'], target }, at, newId);
    const undated = await saveNote(db, { title: 'A thought', body: '', certainty: 'claimed', actorIds: [] }, at, newId);

    const data = await loadTimeline(db);
    const entries = data.events.filter((e) => e.own);
    expect(entries).toHaveLength(2);
    const first = entries.find((e) => e.note?.id === dated.id)!;
    expect(first).toMatchObject({
      key: noteEntryKey(dated.id),
      date: '2025-12',
      title: { en: 'Zarubin at the talks', it: 'Zarubin at the talks' },
      summary: { en: 'He was in the room.', it: 'He was in the room.' },
      actors: ['reader/pavel-zarubin'],
      certainty: 'reported',
      own: true,
      quote: 'Zarubin asked about the plan',
      sources: [],
      note: dated,
    });
    expect(first.undated).toBeUndefined();
    const second = entries.find((e) => e.note?.id === undated.id)!;
    expect(second.date).toBe(localDay(new Date(at)));
    expect(second.undated).toBe(true);
    expect(second.quote).toBeUndefined();

    expect(data.actors).toEqual([
      { key: `reader/${zarubin.id}`, kind: 'person', name: { en: 'Pavel Zarubin', it: 'Pavel Zarubin' }, role: {}, country: '', spellings: 'Pavel Zarubin\nПавел Зарубин', own: true },
    ]);

    // What the panel does with it: search by the passage and by a followed name's other spelling, only my notes.
    const actorNames = new Map(data.actors.map((a) => [a.key, a.spellings]));
    const context = { pageActors: new Set<string>(), actorNames };
    expect(filterEvents(data.events, { ...NO_FILTER, text: 'asked about the plan' }, context)).toEqual([first]);
    expect(filterEvents(data.events, { ...NO_FILTER, text: 'зарубин' }, context)).toEqual([first]);
    expect(filterEvents(data.events, { ...NO_FILTER, onlyMine: true }, context)).toHaveLength(2);
  });

  it('is live for notes and followed names: written, edited, deleted and restored elsewhere', async () => {
    const db = new BackstoryDatabase(uniqueName('notes-live'));
    const check = validatePack(miniPack());
    if (!check.ok) throw new Error('mini pack invalid');
    await installPack(db, check.pack, 'imported');
    const seen: TimelineData[] = [];
    const subscription = liveQuery(() => loadTimeline(db)).subscribe({ next: (data) => seen.push(data) });
    const last = () => seen[seen.length - 1];
    const own = () => last()?.events.filter((e) => e.own) ?? [];
    await expect.poll(() => seen.length).toBe(1);
    expect(own()).toEqual([]);
    const packEvents = last()!.events.length;

    const note = await saveNote(db, { title: 'First', body: '', certainty: 'reported', actorIds: ['mini/vladimir-putin'], target }, at, newId);
    await expect.poll(() => own().map((e) => e.note?.title)).toEqual(['First']);
    expect(last()!.events).toHaveLength(packEvents + 1);

    await saveNote(db, { id: note.id, title: 'First, edited', body: 'more', date: '2025-12-02', certainty: 'confirmed', actorIds: [] }, at + 1000, newId);
    await expect.poll(() => own().map((e) => [e.note?.title, e.date, e.note?.createdAt])).toEqual([['First, edited', '2025-12-02', at]]);

    await followName(db, { name: 'Pavel Zarubin', kind: 'person', spellings: [] }, at, () => 'x');
    await expect.poll(() => last()!.actors.filter((a) => a.own).map((a) => a.key)).toEqual(['reader/pavel-zarubin']);

    const removed = await deleteNote(db, note.id);
    await expect.poll(() => own()).toEqual([]);
    await restoreNote(db, removed!);
    await expect.poll(() => own().map((e) => e.note?.id)).toEqual([note.id]);
    subscription.unsubscribe();
  });
});
