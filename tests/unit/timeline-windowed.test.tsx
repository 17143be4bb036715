/**
 * The side panel's long lists at 100k-actor scale: rendered a window at a time above WINDOWED_FROM
 * entries, with the year and month headings in reading order; and the text search, whose folded
 * texts are kept between keystrokes.
 */
import { renderToString } from 'preact-render-to-string';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import english from '@/public/_locales/en/messages.json';
import { formatCatalogueMessage, type Catalogue } from '@/lib/i18n/catalogue';
import { EventList, timelineRows, WINDOWED_FROM } from '@/components/timeline/EventList';
import { loadTimeline, loadTimelineStart, type TimelineEntry } from '@/lib/store/timeline';
import pack from '@/data/packs/us-russia-2025.json';
import { validatePack } from '@/lib/pack/validate';
import { BackstoryDatabase } from '@/lib/store/database';
import { installPack } from '@/lib/store/packs';
import { asData, uniqueName } from './helpers';
import { filterEvents, foldAheadSteps, NO_FILTER } from '@/lib/timeline/filter';

const entry = (k: number): TimelineEntry => ({
  key: `p/e-${k}`,
  date: `${2020 + (k % 3)}-${String(1 + (k % 12)).padStart(2, '0')}-10`,
  title: { en: `Event ${k}`, it: `Evento ${k}` },
  summary: { en: 'Summary', it: 'Sommario' },
  actors: [`p/a-${k % 50}`],
  tags: [],
  certainty: 'confirmed',
  sources: [],
});
const props = { actors: new Map(), lang: 'en', locale: 'en', expanded: undefined, onExpand: () => undefined, onActor: () => undefined, notes: { save: async () => undefined, remove: () => undefined, reveal: () => undefined } };
const rowsIn = (html: string) => (html.match(/class="tl-event /g) ?? []).length;

beforeAll(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) =>
    formatCatalogueMessage(english as Catalogue, key, ([] as string[]).concat(substitutions ?? []))) as typeof browser.i18n.getMessage);
});

describe('the timeline list', () => {
  it('renders every entry of a short list, as years of months of lists', () => {
    const events = Array.from({ length: WINDOWED_FROM - 1 }, (_, k) => entry(k));
    const html = renderToString(<EventList events={events} {...props} />);
    expect(rowsIn(html)).toBe(events.length);
    expect(html).toContain('<ol class="events">');
  });

  it('renders a window of a long list, with spacers for the rest', () => {
    const events = Array.from({ length: 50_000 }, (_, k) => entry(k));
    const html = renderToString(<EventList events={events} {...props} />);
    expect(rowsIn(html)).toBeGreaterThan(5);
    expect(rowsIn(html)).toBeLessThan(60);
    expect(html).toMatch(/data-windowed="\d+\/50015"/); // 50,000 entries, 3 years, 12 months
    expect(html).toContain('<h2 class="year-heading">2020</h2>');
  });

  it('cuts a long list into rows in reading order: a year, its months, their entries', () => {
    const rows = timelineRows([entry(1), entry(0), entry(12)]);
    expect(rows.map((r) => r.key)).toEqual(['year:2020', 'month:2020-01', 'p/e-0', 'p/e-12', 'year:2021', 'month:2021-02', 'p/e-1']);
  });
});

describe('the text search on many events', () => {
  it('finds the same events on a second keystroke, from the texts folded on the first', () => {
    const events = Array.from({ length: 2000 }, (_, k) => entry(k));
    const actorNames = new Map([['p/a-7', 'Ušakov']]);
    const first = filterEvents(events, { ...NO_FILTER, text: 'usa' }, { pageActors: new Set(), actorNames });
    const second = filterEvents(events, { ...NO_FILTER, text: 'usak' }, { pageActors: new Set(), actorNames });
    expect(first).toHaveLength(40);
    expect(second).toEqual(first);
    // Folded ahead, slice by slice (the panel does it while idle): the same answers.
    const ahead = new Map(actorNames);
    const steps = foldAheadSteps(events, { actorNames: ahead });
    let yields = 0;
    while (!steps.next().done) yields++;
    expect(yields).toBeGreaterThan(10);
    expect(events.every((e, k) => e.folded?.includes(` event ${k} `))).toBe(true);
    expect(filterEvents(events, { ...NO_FILTER, text: 'usak' }, { pageActors: new Set(), actorNames: ahead })).toEqual(first);
    // New names (another pack installed) are a new map: searched afresh.
    expect(filterEvents(events, { ...NO_FILTER, text: 'usak' }, { pageActors: new Set(), actorNames: new Map() })).toEqual([]);
  });
});

describe('the timeline head', () => {
  it('is the earliest events with the actors and sources they name, marked partial, as the whole timeline has them', async () => {
    const check = validatePack(pack);
    if (!check.ok) throw new Error('the seed pack is invalid');
    const db = new BackstoryDatabase(uniqueName('timeline-head'));
    await installPack(db, check.pack, 'builtin');
    const [head, whole] = [await loadTimelineStart(db, { limit: 5 }), await loadTimeline(db)];
    expect(head.partial).toBe(true);
    expect(whole.partial).toBeUndefined();
    const earliest = [...whole.events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).slice(0, 5);
    expect(head.events.map((e) => e.date)).toEqual(earliest.map((e) => e.date));
    for (const event of head.events) {
      expect(asData(event)).toEqual(asData(whole.events.find((e) => e.key === event.key)));
      for (const actor of event.actors) expect(head.actors.map((a) => a.key)).toContain(actor);
    }
    expect(head.actors.length).toBeLessThan(whole.actors.length);
  });
});
