/**
 * The side panel's timeline: which events a set of filters keeps, and how they are grouped for
 * reading (year, then month; an event known only to the year sits at the head of its year). Pure, so
 * every filter is tested in Node; the panel only renders what this returns.
 */
import type { Certainty, LocalizedText } from '../pack/schema';
import { coveredDays } from '../pack/dates';
import { looseName } from '../text/normalize';

export interface TimelineEvent {
  /** "packId/eventId". */
  key: string;
  date: string;
  end?: string;
  title: LocalizedText;
  summary: LocalizedText;
  /** Every actor involved (ActorKey). */
  actors: string[];
  tags: string[];
  certainty: Certainty;
  /** One of the reader's own notes (not a pack's event). */
  own?: boolean;
  /** The passage a note was made on: the text search looks at it too. */
  quote?: string;
}

export interface TimelineFilter {
  /** Keep events that involve every one of these actors ("packId/actorId"). */
  actors: string[];
  /** Keep events that involve at least one actor named in the active tab. */
  onPage: boolean;
  /** Words that must all appear in the title, summary (a note's text), an actor's name or a note's passage (any case, any accents). */
  text: string;
  /** Day range "YYYY-MM-DD", inclusive; an event counts when its dates overlap it. */
  from?: string;
  to?: string;
  /** Keep events with at least one of these tags. */
  tags: string[];
  /** Keep events with one of these certainties (empty: all). */
  certainty: Certainty[];
  /** Keep only the reader's own notes. */
  onlyMine: boolean;
}

export const NO_FILTER: TimelineFilter = { actors: [], onPage: false, text: '', tags: [], certainty: [], onlyMine: false };

/** How many filters are set (the "clear" link counts them); the date range counts once. */
export function activeFilters(filter: TimelineFilter): number {
  return (
    filter.actors.length +
    filter.tags.length +
    filter.certainty.length +
    (filter.onPage ? 1 : 0) +
    (filter.text ? 1 : 0) +
    (filter.from || filter.to ? 1 : 0) +
    (filter.onlyMine ? 1 : 0)
  );
}

export interface FilterContext {
  /** Actor keys named in the active tab. */
  pageActors: ReadonlySet<string>;
  /** Actor names by key, in every language the search should know. */
  actorNames: ReadonlyMap<string, readonly string[]>;
  /**
   * What the folded search texts are kept under (`actorNames` when absent). The panel passes the pack
   * part of its data, which outlives a note saved or a name followed: folding 500k events' texts again for
   * that would cost the next keystroke seconds. Pack events name pack actors only, so their texts stay right.
   */
  foldKey?: object;
}

const fold = (text: string) => looseName(text).replace(/[^\p{L}\p{N}\s]/gu, ' ');

/** Everything a text search looks at for one event (a note's passage too), folded. */
export function searchText(event: TimelineEvent, context: Pick<FilterContext, 'actorNames'>): string {
  const names = event.actors.flatMap((key) => context.actorNames.get(key) ?? []);
  return fold([...Object.values(event.title), ...Object.values(event.summary), ...names, ...event.tags, event.quote ?? ''].join(' '));
}

/**
 * Each event's folded search text, kept for as long as the event and the names it was folded with: a
 * keystroke then costs a substring test per event, not folding 500k events' texts again (side panel at
 * 100k actors). Keyed by the names map, so new names (a pack installed) fold everything again.
 */
// The inner map is a Map, not a WeakMap: 500k weak entries made the garbage collector's pauses long tasks
// of their own; it goes with its key (the pack part of the panel's data) all the same.
const folded = new WeakMap<object, Map<TimelineEvent, string>>();
function cachedSearchText(event: TimelineEvent, context: Pick<FilterContext, 'actorNames' | 'foldKey'>): string {
  const key = context.foldKey ?? context.actorNames;
  let byEvent = folded.get(key);
  if (!byEvent) folded.set(key, (byEvent = new Map()));
  let text = byEvent.get(event);
  if (text === undefined) byEvent.set(event, (text = ` ${searchText(event, context)} `));
  return text;
}

/**
 * Folds the search texts of events[from, from + count) ahead of the first keystroke, and returns where
 * to go on: the panel calls it slice by slice while idle, so typing the first letter does not fold 500k
 * events' texts at once.
 */
export function foldSearchTexts(events: readonly TimelineEvent[], context: Pick<FilterContext, 'actorNames' | 'foldKey'>, from: number, count: number): number {
  const to = Math.min(events.length, from + count);
  for (let i = from; i < to; i++) cachedSearchText(events[i]!, context);
  return to;
}

export function filterEvents<E extends TimelineEvent>(events: readonly E[], filter: TimelineFilter, context: FilterContext): E[] {
  return events.filter(eventMatcher(filter, context));
}

/** Whether the filter keeps an event: one test per event, the same for the whole list and for slices of it. */
export function eventMatcher(filter: TimelineFilter, context: FilterContext): (event: TimelineEvent) => boolean {
  const words = fold(filter.text).split(/\s+/u).filter(Boolean);
  return (event) => {
    if (filter.onlyMine && !event.own) return false;
    if (filter.actors.some((actor) => !event.actors.includes(actor))) return false;
    if (filter.onPage && !event.actors.some((actor) => context.pageActors.has(actor))) return false;
    if (filter.tags.length && !filter.tags.some((tag) => event.tags.includes(tag))) return false;
    if (filter.certainty.length && !filter.certainty.includes(event.certainty)) return false;
    if (filter.from || filter.to) {
      const first = coveredDays(event.date)?.first ?? event.date;
      const last = coveredDays(event.end ?? event.date)?.last ?? first;
      if (filter.from && last < filter.from) return false;
      if (filter.to && first > filter.to) return false;
    }
    if (words.length) {
      const haystack = cachedSearchText(event, context);
      if (!words.every((word) => haystack.includes(word))) return false;
    }
    return true;
  };
}

/** Events tested between two chances to stop: a step that folds texts costs 20–50 µs an event on a loaded machine, so a few dozen. */
const FILTER_STEP = 64;

/**
 * filterEvents as a pass that can be cut into tasks (./slices.ts): each kept event goes to `keep` in the
 * list's order as soon as it is found, so the panel can paint the first results while it looks at the
 * rest; returns how many it kept.
 */
export function* filterSteps<E extends TimelineEvent>(events: readonly E[], filter: TimelineFilter, context: FilterContext, keep: (event: E) => void): Generator<void, number> {
  const matches = eventMatcher(filter, context);
  let kept = 0;
  for (let from = 0; from < events.length; from += FILTER_STEP) {
    const to = Math.min(events.length, from + FILTER_STEP);
    for (let i = from; i < to; i++) {
      const event = events[i]!;
      if (matches(event)) {
        keep(event);
        kept++;
      }
    }
    if (to < events.length) yield;
  }
  return kept;
}

/** The list's reading order: by date (a year before its months, a month before its days), then by key. */
export function compareEvents(a: Pick<TimelineEvent, 'date' | 'key'>, b: Pick<TimelineEvent, 'date' | 'key'>): number {
  // Dates are ASCII ISO text: code-unit order is their order, and far cheaper than a collator on 500k events.
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.key.localeCompare(b.key);
}

export interface MonthGroup<E> {
  /** "YYYY-MM", or "YYYY" for the events known only to the year. */
  period: string;
  events: E[];
}

export interface YearGroup<E> {
  year: string;
  months: MonthGroup<E>[];
}

/** Chronological, grouped by year and month; within a month, day-precise events after month-precise ones. */
export function groupByYearAndMonth<E extends TimelineEvent>(events: readonly E[]): YearGroup<E>[] {
  const sorted = [...events].sort(compareEvents);
  const years: YearGroup<E>[] = [];
  for (const event of sorted) {
    const year = event.date.slice(0, 4);
    const period = event.date.length >= 7 ? event.date.slice(0, 7) : year;
    let yearGroup = years[years.length - 1];
    if (yearGroup?.year !== year) years.push((yearGroup = { year, months: [] }));
    let month = yearGroup.months[yearGroup.months.length - 1];
    if (month?.period !== period) yearGroup.months.push((month = { period, events: [] }));
    month.events.push(event);
  }
  return years;
}

/** The actors who appear most often in events with `actor`, most frequent first. */
export function companions(events: readonly TimelineEvent[], actor: string, limit = 5): { actor: string; events: number }[] {
  const counts = new Map<string, number>();
  for (const event of events) {
    if (!event.actors.includes(actor)) continue;
    for (const other of new Set(event.actors)) if (other !== actor) counts.set(other, (counts.get(other) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, count]) => ({ actor: key, events: count }))
    .sort((a, b) => b.events - a.events || a.actor.localeCompare(b.actor))
    .slice(0, limit);
}
