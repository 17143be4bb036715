import { describe, expect, it } from 'vitest';
import pack from '@/data/packs/us-russia-2025.json';
import { activeFilters, companions, namesStartWith, pickerNames, filterEvents, groupByYearAndMonth, NO_FILTER, type NameLayers, type TimelineEvent } from '@/lib/timeline/filter';
import type { Certainty } from '@/lib/pack/schema';
import { looseName } from '@/lib/text/normalize';

const key = (id: string) => `us-russia-2025/${id}`;
const events: TimelineEvent[] = pack.events.map((e) => ({
  key: key(e.id),
  date: e.date,
  ...('end' in e && e.end ? { end: e.end as string } : {}),
  title: e.title,
  summary: e.summary,
  actors: e.actors.map((a) => key(a.actor)),
  tags: e.tags ?? [],
  certainty: e.certainty as Certainty,
}));
const actorNames = new Map(pack.actors.map((a) => [key(a.id), [...Object.values(a.name), ...(a.aliases as readonly { text: string }[]).map((alias) => alias.text)].join('\n')]));
const context = { pageActors: new Set<string>(), actorNames };
const ids = (list: TimelineEvent[]) => list.map((e) => e.key.split('/')[1]);

describe('timeline filters', () => {
  it('keeps every event with no filter', () => {
    expect(filterEvents(events, NO_FILTER, context)).toHaveLength(pack.events.length);
  });

  it('several actors at once: events that involve all of them', () => {
    const both = filterEvents(events, { ...NO_FILTER, actors: [key('steve-witkoff'), key('vladimir-putin')] }, context);
    expect(ids(both).sort()).toEqual(['witkoff-kushner-putin-kremlin-2025-12-02', 'witkoff-putin-meeting-august-2025']);
  });

  it('on this page: events of the actors named in the active tab', () => {
    const onPage = filterEvents(events, { ...NO_FILTER, onPage: true }, { ...context, pageActors: new Set([key('pam-bondi')]) });
    expect(ids(onPage)).toEqual(['bondi-memo-ends-kleptocapture']);
  });

  it('text search ignores case and accents, in English and Italian, and looks at actor names', () => {
    expect(ids(filterEvents(events, { ...NO_FILTER, text: 'HELSINKI' }, context)).sort()).toEqual(['helsinki-summit-2018', 'trump-putin-first-term-meetings']);
    expect(ids(filterEvents(events, { ...NO_FILTER, text: 'vertice helsinki' }, context))).toEqual(['helsinki-summit-2018']);
    const italian = filterEvents(events, { ...NO_FILTER, text: 'telefonata' }, context);
    expect(italian.length).toBeGreaterThan(3);
    expect(ids(filterEvents(events, { ...NO_FILTER, text: 'usakov kremlin' }, context))).toEqual(['witkoff-kushner-putin-kremlin-2025-12-02']);
    expect(filterEvents(events, { ...NO_FILTER, text: 'no such words anywhere' }, context)).toEqual([]);
  });

  it('date range keeps events whose dates overlap it, at their precision', () => {
    const december = filterEvents(events, { ...NO_FILTER, from: '2025-12-01', to: '2025-12-31' }, context);
    expect(ids(december)).toEqual(expect.arrayContaining(['witkoff-kushner-putin-kremlin-2025-12-02', 'putin-bishkek-remarks-2025-12-04']));
    expect(december.every((e) => e.date === '2025' || e.date.startsWith('2025-12'))).toBe(true);
  });

  it('tags and certainty narrow as expected', () => {
    const unconfirmed = filterEvents(events, { ...NO_FILTER, certainty: ['unconfirmed', 'disputed'] }, context);
    const doubtful = pack.events.filter((e) => e.certainty === 'unconfirmed' || e.certainty === 'disputed');
    expect(doubtful.length).toBeGreaterThan(1);
    expect(ids(unconfirmed).sort()).toEqual(doubtful.map((e) => e.id).sort());
    const tag = pack.events.find((e) => e.tags?.length)!.tags![0]!;
    const tagged = filterEvents(events, { ...NO_FILTER, tags: [tag] }, context);
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((e) => e.tags.includes(tag))).toBe(true);
  });
});

describe('the actor picker', () => {
  it('finds a name by its start or a word\'s start, any case or accents, never across two names', () => {
    const names = pickerNames('Jurij Ušakov\nUshakov\nЮрий Ушаков');
    for (const prefix of ['jur', 'Usak', 'USHAKOV', 'юрий', 'Уша', 'jurij ušakov']) expect(namesStartWith(names, looseName(prefix)), prefix).toBe(true);
    for (const prefix of ['sakov', 'urij', 'usakov ushakov', 'ushakov юрий', 'kov']) expect(namesStartWith(names, looseName(prefix)), prefix).toBe(false);
  });
});

describe('grouping and companions', () => {
  it('groups by year and month in order, a year-only event first in its year', () => {
    const groups = groupByYearAndMonth(events);
    expect(groups.map((g) => g.year)).toEqual([...new Set(pack.events.map((e) => e.date.slice(0, 4)))].sort());
    const y2025 = groups.find((g) => g.year === '2025')!;
    expect(y2025.months[0]!.period).toBe('2025');
    expect(y2025.months.map((m) => m.period)).toEqual([...y2025.months.map((m) => m.period)].sort());
    expect(groups.flatMap((g) => g.months.flatMap((m) => m.events))).toHaveLength(events.length);
  });

  it('names the actors someone most often appears with', () => {
    expect(companions(events, key('vladimir-putin'))[0]).toEqual({ actor: key('donald-trump'), events: expect.any(Number) });
  });
});

describe("the reader's own notes in the timeline", () => {
  const note = (id: string, patch: Partial<TimelineEvent> = {}): TimelineEvent => ({
    key: `note:urn:uuid:${id}`,
    date: '2025-12-03',
    title: { en: `Note ${id}`, it: `Note ${id}` },
    summary: { en: 'What I think about the Kremlin talks', it: 'What I think about the Kremlin talks' },
    actors: [key('steve-witkoff'), 'reader/zarubin'],
    tags: [],
    certainty: 'claimed',
    own: true,
    quote: 'Pavel Zarubin asked about the peace plan',
    ...patch,
  });
  const mine = [note('alpha'), note('bravo', { actors: [], quote: undefined, summary: { en: 'Sanctions relief, again', it: 'Sanctions relief, again' } })];
  const all = [...events, ...mine];
  const withReader = { ...context, actorNames: new Map([...actorNames, ['reader/zarubin', 'Pavel Zarubin\nЗарубин']]) };

  it('"Only my notes" keeps the notes and nothing else', () => {
    expect(filterEvents(all, { ...NO_FILTER, onlyMine: true }, withReader)).toEqual(mine);
    expect(filterEvents(all, NO_FILTER, withReader)).toHaveLength(events.length + 2);
  });

  it('the text search looks at a note\'s title, text and quoted passage, and at followed names', () => {
    expect(filterEvents(all, { ...NO_FILTER, text: 'note bravo' }, withReader)).toEqual([mine[1]]);
    expect(filterEvents(all, { ...NO_FILTER, text: 'sanctions relief again' }, withReader)).toEqual([mine[1]]);
    expect(filterEvents(all, { ...NO_FILTER, text: 'PEACE PLAN asked' }, withReader)).toEqual([mine[0]]);
    expect(filterEvents(all, { ...NO_FILTER, text: 'зарубин', onlyMine: true }, withReader)).toEqual([mine[0]]);
  });

  it('combines with the other filters: actors, dates, certainty', () => {
    expect(filterEvents(all, { ...NO_FILTER, onlyMine: true, actors: [key('steve-witkoff')] }, withReader)).toEqual([mine[0]]);
    expect(filterEvents(all, { ...NO_FILTER, actors: ['reader/zarubin'] }, withReader)).toEqual([mine[0]]);
    expect(filterEvents(all, { ...NO_FILTER, onlyMine: true, from: '2026-01-01' }, withReader)).toEqual([]);
    expect(filterEvents(all, { ...NO_FILTER, onlyMine: true, certainty: ['confirmed'] }, withReader)).toEqual([]);
  });

  it('searches names in layers: the first layer wins a shared key, a renamed name is found by its new spelling, a grown layer is folded again', () => {
    const packLayer = new Map(actorNames);
    const search = (text: string, names: NameLayers) => filterEvents(all, { ...NO_FILTER, text, onlyMine: true }, { pageActors: new Set(), actorNames: names }).map((e) => e.key);
    const followed = (spellings: string) => ({ layers: [packLayer, new Map([['reader/zarubin', spellings]])] });
    expect(search('зарубин', followed('Pavel Zarubin\nЗарубин'))).toEqual([mine[0]!.key]);
    // The same first layer (kept folded), the reader's layer new: the old spelling is gone, the new one found.
    expect(search('зарубин', followed('Pavel Zarubin'))).toEqual([]);
    expect(search('zarubine', followed('Pavel Zarubine'))).toEqual([mine[0]!.key]);
    // A key in both layers is searched under the first layer's names only.
    const shadow = { layers: [new Map([...packLayer, ['reader/zarubin', 'Somebody Else']]), new Map([['reader/zarubin', 'Зарубин']])] };
    expect(search('зарубин', shadow)).toEqual([]);
    expect(search('somebody', shadow)).toEqual([mine[0]!.key]);
    // The packs' layer gains an actor as it is read: the next search folds it.
    const growing = new Map(packLayer);
    const layered = { layers: [growing, new Map<string, string>()] };
    expect(search('зарубин', layered)).toEqual([]);
    growing.set('reader/zarubin', 'Зарубин');
    expect(search('зарубин', layered)).toEqual([mine[0]!.key]);
  });

  it('counts "Only my notes" among the active filters', () => {
    expect(activeFilters(NO_FILTER)).toBe(0);
    expect(activeFilters({ ...NO_FILTER, onlyMine: true, from: '2025-01-01', to: '2025-02-01', text: 'x' })).toBe(3);
  });

  it('groups notes with the events, and names followed names among companions', () => {
    const december = groupByYearAndMonth(all).find((g) => g.year === '2025')!.months.find((m) => m.period === '2025-12')!;
    expect(december.events).toEqual(expect.arrayContaining(mine));
    expect(companions(all, 'reader/zarubin')).toEqual([{ actor: key('steve-witkoff'), events: 1 }]);
  });
});
