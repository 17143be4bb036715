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
const folded = new WeakMap<ReadonlyMap<string, readonly string[]>, WeakMap<TimelineEvent, string>>();
function cachedSearchText(event: TimelineEvent, context: Pick<FilterContext, 'actorNames'>): string {
  let byEvent = folded.get(context.actorNames);
  if (!byEvent) folded.set(context.actorNames, (byEvent = new WeakMap()));
  let text = byEvent.get(event);
  if (text === undefined) byEvent.set(event, (text = ` ${searchText(event, context)} `));
  return text;
}

/**
 * Folds the search texts of events[from, from + count) ahead of the first keystroke, and returns where
 * to go on: the panel calls it slice by slice while idle, so typing the first letter does not fold 500k
 * events' texts at once.
 */
export function foldSearchTexts(events: readonly TimelineEvent[], context: Pick<FilterContext, 'actorNames'>, from: number, count: number): number {
  const to = Math.min(events.length, from + count);
  for (let i = from; i < to; i++) cachedSearchText(events[i]!, context);
  return to;
}

export function filterEvents<E extends TimelineEvent>(events: readonly E[], filter: TimelineFilter, context: FilterContext): E[] {
  const words = fold(filter.text).split(/\s+/u).filter(Boolean);
  return events.filter((event) => {
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
  });
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
  // Dates are ASCII ISO text: code-unit order is their order, and far cheaper than a collator on 500k events.
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.key.localeCompare(b.key)));
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
