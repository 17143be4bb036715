/**
 * The side panel's timeline at 100k-actor scale, on a small generated pack: read a page at a time, it
 * is the same timeline as read at once; filtered a slice at a time, it keeps the same entries as the
 * in-memory filter; the chart worked out as a pass draws what it drew before; the windowed list's
 * heights answer as plain prefix sums would.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import seed from '@/data/packs/us-russia-2025.json';
import { coveredDays } from '@/lib/pack/dates';
import type { PackInput } from '@/lib/pack/schema';
import { syntheticPack } from '@/lib/pack/synthetic';
import { validatePack } from '@/lib/pack/validate';
import { BackstoryDatabase } from '@/lib/store/database';
import { eventsOfBlock } from '@/lib/store/block-layout';
import { installPack } from '@/lib/store/packs';
import { saveNote } from '@/lib/store/reader';
import { combineTimeline, loadTimeline, readPackTimeline, readReaderTimeline, type TimelineData, type TimelineEntry } from '@/lib/store/timeline';
import { chartSteps } from '@/lib/timeline/chart';
import { compareEvents, filterEvents, filterSteps, NO_FILTER, type TimelineEvent, type TimelineFilter } from '@/lib/timeline/filter';
import { looseName } from '@/lib/text/normalize';
import { HeightIndex, isHeading, TimelineRows } from '@/lib/timeline/rows';
import { runAtOnce, runInSlices } from '@/lib/timeline/slices';
import { asData, uniqueName } from './helpers';

async function install(db: BackstoryDatabase, input: unknown, origin: 'builtin' | 'imported') {
  const check = validatePack(input as PackInput);
  if (!check.ok) throw new Error(`invalid pack: ${JSON.stringify(check.problems.slice(0, 3))}`);
  await installPack(db, check.pack, origin);
}

let db: BackstoryDatabase;
let whole: TimelineData;

beforeAll(async () => {
  db = new BackstoryDatabase(uniqueName('sliced'));
  await install(db, seed, 'builtin');
  // 80 actors, 400 events over eleven years: many days with several events, year- and month-precise ones.
  await install(db, syntheticPack(80, { id: 'generated', eventsPerActor: 5 }), 'imported');
  let n = 0;
  await saveNote(db, { title: 'Talks again', body: 'Seen in the paper.', date: '2019-03', certainty: 'reported', actorIds: ['generated/actor-3'] }, Date.UTC(2025, 0, 1), () => `urn:uuid:${++n}`);
  whole = await loadTimeline(db);
});

describe('the timeline read a page at a time', () => {
  it('is the timeline read in one page: every event, in reading order, whatever the page size', async () => {
    const inOnePage = await readPackTimeline(db, { pageSize: 1_000_000 });
    expect(inOnePage.events).toHaveLength((await db.eventBlocks.toArray()).reduce((n, b) => n + eventsOfBlock(b).length, 0));
    expect(inOnePage.events.map((e) => e.key)).toEqual([...inOnePage.events].sort(compareEvents).map((e) => e.key));
    // Pages of 3 cut most days (read again with the next page); pages of 1 put several events of one day past a page (read by offsets).
    for (const pageSize of [1, 3, 17]) {
      const paged = await readPackTimeline(db, { pageSize, pause: async () => undefined });
      expect(paged).toEqual(inOnePage);
      expect(asData(paged.events)).toEqual(asData(inOnePage.events));
    }
  });

  it('puts the reader\'s notes among the events in reading order', async () => {
    const keys = whole.events.map((e) => e.key);
    expect(keys).toEqual([...whole.events].sort(compareEvents).map((e) => e.key));
    expect(whole.notes).toHaveLength(1);
    expect(keys).toContain(whole.notes[0]!.key);
    // Many notes are merged in one pass, a few inserted: the same order either way.
    const pack = await readPackTimeline(db);
    const notes = Array.from({ length: 40 }, (_, k) => ({ ...whole.notes[0]!, key: `note:${k}`, date: `20${15 + (k % 11)}-0${1 + (k % 9)}` })).sort(compareEvents);
    const merged = combineTimeline(pack, { notes, actors: [] }).events;
    expect(merged.map((e) => e.key)).toEqual([...pack.events, ...notes].sort(compareEvents).map((e) => e.key));
    const inserted = combineTimeline(pack, { notes: notes.slice(0, 5), actors: [] }).events;
    expect(inserted.map((e) => e.key)).toEqual([...pack.events, ...notes.slice(0, 5)].sort(compareEvents).map((e) => e.key));
  });

  it('knows every actor by key, the followed names after the packs\' ones', async () => {
    const reader = await readReaderTimeline(db);
    expect(whole.actorsByKey.size).toBe(whole.actors.length);
    for (const actor of whole.actors) expect(whole.actorsByKey.get(actor.key)).toBe(actor);
    expect(whole.actorNames.get('generated/actor-3')).toEqual(whole.actorsByKey.get('generated/actor-3')!.spellings);
    expect(reader.actors).toEqual([]);
  });
});

describe('the filter a slice at a time', () => {
  const sliced = async (data: TimelineData, filter: TimelineFilter, pageActors = new Set<string>()) => {
    const kept: TimelineEntry[] = [];
    let slices = 0;
    const context = { pageActors, actorNames: data.actorNames };
    // A budget of 0 ms: a new task after every step, the most cuts there can be.
    const count = await runInSlices(filterSteps(data.events, filter, context, (e) => kept.push(e)), { budgetMs: 0, onSlice: () => slices++ });
    expect(count).toBe(kept.length);
    return { kept, slices };
  };
  const filters: [string, TimelineFilter][] = [
    ['none', NO_FILTER],
    ['an actor', { ...NO_FILTER, actors: ['generated/actor-7'] }],
    ['two actors', { ...NO_FILTER, actors: ['generated/actor-1', 'generated/actor-2'] }],
    ['a tag', { ...NO_FILTER, tags: ['trade'] }],
    ['text: a number', { ...NO_FILTER, text: '12' }],
    ['text: an Italian word, any case', { ...NO_FILTER, text: 'TREGUA' }],
    ['text: words from title and actor', { ...NO_FILTER, text: 'talks again' }],
    ['dates', { ...NO_FILTER, from: '2018-03-01', to: '2019-06-30' }],
    ['certainty', { ...NO_FILTER, certainty: ['claimed', 'disputed'] }],
    ['only my notes', { ...NO_FILTER, onlyMine: true }],
    ['on the page', { ...NO_FILTER, onPage: true }],
    ['everything at once', { ...NO_FILTER, text: 'trade', from: '2016-01-01', certainty: ['confirmed', 'reported'] }],
  ];

  /** The reference: everything the search looks at for one event, its actors' names with it, folded in one text. */
  const wholeText = (event: TimelineEvent, actorNames: ReadonlyMap<string, string>) =>
    looseName([...Object.values(event.title), ...Object.values(event.summary), ...event.actors.map((key) => actorNames.get(key) ?? ''), ...event.tags].join(' ')).replace(/[^\p{L}\p{N}\s]/gu, ' ');

  it.each(['12', 'tregua', 'talks again', 'a name', 'zz'])('searches pack events by block as a test of each whole text would: %s', (typed) => {
    const context = { pageActors: new Set<string>(), actorNames: whole.actorNames };
    // A word of an actor's surname: found through the names of the events' actors.
    const text = typed === 'a name' ? looseName(whole.actorsByKey.get('generated/actor-9')!.name.en!.split(' ').at(-1)!) : typed;
    const words = text.split(' ');
    // The reference: every word in the entry's whole folded text (title, summary, tags, its actors' names), one entry at a time.
    const expected = whole.events.filter((e) => words.every((w) => wholeText(e, whole.actorNames).includes(w)));
    expect(filterEvents(whole.events, { ...NO_FILTER, text }, context)).toEqual(expected);
    if (text !== 'zz') expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(whole.events.length);
  });

  it.each(filters)('keeps the entries the in-memory filter keeps, in its order: %s', async (_, filter) => {
    const pageActors = new Set(['generated/actor-5', 'generated/actor-6']);
    const expected = filterEvents(whole.events, filter, { pageActors, actorNames: whole.actorNames });
    const { kept, slices } = await sliced(whole, filter, pageActors);
    expect(kept).toEqual(expected);
    expect(slices).toBeGreaterThan(0);
    if (filter !== NO_FILTER) expect(expected.length).toBeLessThan(whole.events.length);
  });

  it('stops when aborted, before the next slice', async () => {
    const controller = new AbortController();
    const kept: TimelineEntry[] = [];
    const run = runInSlices(filterSteps(whole.events, NO_FILTER, { pageActors: new Set(), actorNames: whole.actorNames }, (e) => kept.push(e)), {
      budgetMs: 0,
      signal: controller.signal,
      onSlice: () => controller.abort(),
    });
    await expect(run).rejects.toThrow('aborted');
    expect(kept.length).toBeLessThan(whole.events.length);
  });
});

/** The chart as TimelineChart worked it out in its render before it was a pass. */
function chartBefore(events: readonly TimelineEntry[], zoom: string, pinned: string[], actors: ReadonlyMap<string, unknown>) {
  const years = [...new Set(events.map((e) => e.date.slice(0, 4)))].sort();
  const shown = zoom === 'latest' ? (years[years.length - 1] ?? 'all') : zoom;
  const range = shown === 'all' || !years.includes(shown)
    ? { from: `${years[0] ?? '2025'}-01-01`, to: `${years[years.length - 1] ?? '2025'}-12-31` }
    : { from: `${shown}-01-01`, to: `${shown}-12-31` };
  const visible = events.filter((e) => {
    const days = coveredDays(e.date);
    const last = coveredDays(e.end ?? e.date)?.last ?? days?.last ?? '';
    return days && days.first <= range.to && last >= range.from;
  });
  const counts = new Map<string, number>();
  for (const e of visible) for (const a of e.actors) counts.set(a, (counts.get(a) ?? 0) + 1);
  const rows = [...new Set([...pinned, ...[...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key)])]
    .filter((key) => actors.has(key))
    .slice(0, 10);
  return { years, shown, range, visible: visible.length, rows: rows.map((key) => ({ key, marks: visible.filter((e) => e.actors.includes(key)) })) };
}

describe('the chart as a pass', () => {
  it.each([
    ['latest', []],
    ['all', []],
    ['2019', ['generated/actor-9', 'nobody/at-all']],
    ['1990', ['generated/actor-9']],
  ] as [string, string[]][])('draws what the render drew: zoom %s, pinned %j', async (zoom, pinned) => {
    const expected = chartBefore(whole.events, zoom, pinned, whole.actorsByKey);
    expect(expected.rows.length).toBeGreaterThan(1);
    const isActor = (key: string) => whole.actorsByKey.has(key);
    expect(runAtOnce(chartSteps(whole.events, zoom, pinned, isActor))).toEqual(expected);
    expect(await runInSlices(chartSteps(whole.events, zoom, pinned, isActor), { budgetMs: 0 })).toEqual(expected);
  });
});

describe("the windowed list's rows and heights", () => {
  it('answers "where does row i start" and "which row is at y" as plain sums do, through appends and measures', () => {
    const index = new HeightIndex();
    const heights: number[] = [];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const check = () => {
      let sum = 0;
      for (let i = 0; i < heights.length; i++) {
        expect(index.top(i)).toBe(sum);
        const y = sum + random() * heights[i]!;
        // The first row that ends below y: the row y falls in (or a later one, past rows of height 0).
        let first = 0;
        let end = 0;
        while (first < heights.length && (end += heights[first]!) <= y) first++;
        expect(index.indexAt(y)).toBe(first);
        sum += heights[i]!;
      }
      expect(index.total()).toBe(sum);
      expect(index.indexAt(sum + 1)).toBe(heights.length);
    };
    for (let n = 0; n < 700; n++) {
      const h = Math.round(20 + random() * 100);
      heights.push(h);
      index.push(h);
    }
    check();
    for (let n = 0; n < 50; n++) {
      const i = Math.floor(random() * heights.length);
      heights[i] = Math.round(random() * 300);
      index.set(i, heights[i]!);
    }
    check();
    expect(index.set(3, heights[3]!)).toBe(false);
  });

  it('puts a heading wherever the year or the month changes, entries appended in reading order', () => {
    const rows = new TimelineRows<TimelineEntry>((row) => (isHeading(row) ? 30 : 90));
    for (const event of whole.events.slice(0, 60)) rows.append(event);
    expect(rows.entries).toBe(60);
    const years = new Set(whole.events.slice(0, 60).map((e) => e.date.slice(0, 4)));
    expect(rows.rows.filter((r) => isHeading(r) && r.kind === 'year').map((r) => r.key)).toEqual([...years].map((y) => `year:${y}`));
    expect(rows.heights.total()).toBe(60 * 90 + (rows.length - 60) * 30);
    // The entries are the rows themselves, in reading order.
    expect(rows.rows.filter((r) => !isHeading(r))).toEqual(whole.events.slice(0, 60));
  });
});
