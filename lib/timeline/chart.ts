/**
 * What the timeline chart draws, worked out from the filtered events: the years it can zoom to, the
 * range shown, the events in it, and one row of marks for each of the actors it shows (the pinned ones,
 * then the busiest). A pass that yields every few hundred events (./slices.ts), so the panel can run it
 * at once on a short list and a task at a time on 500k events.
 */
import { coveredDays } from '../pack/dates';
import type { TimelineEvent } from './filter';

/** Rows the chart shows at most. */
export const CHART_MAX_ROWS = 10;

export interface ChartModel<E> {
  /** Every year with an event, in order: the zoom chips. */
  years: string[];
  /** The year shown, or "all". */
  shown: string;
  range: { from: string; to: string };
  /** How many events fall in the range. */
  visible: number;
  rows: { key: string; marks: E[] }[];
}

const STEP = 512;

/** The busier first; of two as busy, the key first in locale order (the chart's order before it was a pass). */
const busier = (a: readonly [string, number], b: readonly [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);

export function* chartSteps<E extends TimelineEvent>(events: readonly E[], zoom: string, pinned: readonly string[], isActor: (key: string) => boolean): Generator<void, ChartModel<E>> {
  const yearSet = new Set<string>();
  for (let i = 0; i < events.length; i++) {
    yearSet.add(events[i]!.date.slice(0, 4));
    if (i % STEP === STEP - 1) yield;
  }
  const years = [...yearSet].sort();
  // "latest" (the default) is the newest year with events: 2025's density, by months.
  const shown = zoom === 'latest' ? (years[years.length - 1] ?? 'all') : zoom;
  const range = shown === 'all' || !years.includes(shown)
    ? { from: `${years[0] ?? '2025'}-01-01`, to: `${years[years.length - 1] ?? '2025'}-12-31` }
    : { from: `${shown}-01-01`, to: `${shown}-12-31` };

  const visible: E[] = [];
  const counts = new Map<string, number>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const days = coveredDays(e.date);
    const last = coveredDays(e.end ?? e.date)?.last ?? days?.last ?? '';
    if (days && days.first <= range.to && last >= range.from) {
      visible.push(e);
      for (const a of e.actors) counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    if (i % STEP === STEP - 1) yield;
  }

  // The pinned actors, then the busiest others: the first few of a full sort, found in one pass (100k
  // actors sorted would be a long task of its own).
  const keys = [...new Set(pinned)].filter(isActor).slice(0, CHART_MAX_ROWS);
  const room = CHART_MAX_ROWS - keys.length;
  const best: [string, number][] = [];
  let seen = 0;
  for (const entry of counts) {
    if (room > 0 && !keys.includes(entry[0]) && isActor(entry[0]) && (best.length < room || busier(entry, best[best.length - 1]!) < 0)) {
      let at = best.length;
      while (at > 0 && busier(entry, best[at - 1]!) < 0) at--;
      best.splice(at, 0, entry);
      if (best.length > room) best.pop();
    }
    if (++seen % STEP === 0) yield;
  }
  keys.push(...best.map(([key]) => key));

  const rows = keys.map((key) => ({ key, marks: [] as E[] }));
  const rowOf = new Map(rows.map((row) => [row.key, row]));
  for (let i = 0; i < visible.length; i++) {
    const e = visible[i]!;
    for (const a of new Set(e.actors)) rowOf.get(a)?.marks.push(e);
    if (i % STEP === STEP - 1) yield;
  }
  return { years, shown, range, visible: visible.length, rows };
}
