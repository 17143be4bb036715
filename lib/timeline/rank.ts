/**
 * Which of an actor's events matter for the page being read. Two signals, both visible to the reader:
 * the other actors the page names (an event that involves them is about this story), and closeness to
 * the page's publication date (what was happening when it was written). Pure: the caller gives the
 * events, the page's actors and its date ("today" when the page does not say).
 */
import { coveredDays } from '../pack/dates';

export interface RankableEvent {
  id: string;
  date: string;
  end?: string;
  /** Ids of the actors the event involves (same pack as the hovered actor). */
  actorIds: readonly string[];
}

export interface RankContext {
  /** The actor whose events these are: it does not count as "also named on the page". */
  actor: string;
  /** Ids of the actors named on the page. */
  pageActors: ReadonlySet<string>;
  /** The page's day, "YYYY-MM-DD". */
  pageDay: string;
}

export interface Ranked<E> {
  event: E;
  score: number;
  /** Other actors of the event that the page names too. */
  shared: string[];
  /** Whole days between the page's day and the event (0 when the event's dates cover it). */
  distanceDays: number;
  /** The event starts after the page's day: the article could not know it. */
  later: boolean;
}

/**
 * Shared actors count with diminishing returns (1 → 1, 3 → 2, 7 → 3) so that a crowded summit months
 * away does not outrank this month's event with the one other actor the page is about.
 */
const sharedScore = (count: number) => Math.log2(1 + count);
/** Weight of closeness in time; closeness halves 30 days away from the page's day. */
const CLOSENESS_WEIGHT = 3;
const HALF_LIFE_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * How far, on average, the page's day is from a day of the event when every day from `from` to `to` is
 * as likely: an event known only to the month is not "0 days away" from every day of that month, so
 * "July 2025" does not outrank the call of 3 July on a page of 4 July.
 */
function expectedDistance(page: number, from: number, to: number): number {
  if (page <= from || page >= to) return Math.abs(page - (from + to) / 2);
  return ((page - from) ** 2 + (to - page) ** 2) / (2 * (to - from));
}
const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;

export function rankEvents<E extends RankableEvent>(events: readonly E[], context: RankContext): Ranked<E>[] {
  const page = dayNumber(context.pageDay);
  const ranked = events.map((event): Ranked<E> => {
    const first = coveredDays(event.date)?.first ?? event.date;
    const last = coveredDays(event.end ?? event.date)?.last ?? first;
    const from = dayNumber(first);
    const to = dayNumber(last);
    const distanceDays = page < from ? from - page : page > to ? page - to : 0;
    const shared = event.actorIds.filter((id) => id !== context.actor && context.pageActors.has(id));
    const closeness = 1 / (1 + expectedDistance(page, from, to) / HALF_LIFE_DAYS);
    return {
      event,
      score: sharedScore(shared.length) + CLOSENESS_WEIGHT * closeness,
      shared,
      distanceDays,
      later: from > page,
    };
  });
  // Ties: the closer event, then the earlier one (stable for equal dates), so the order never flickers.
  return ranked.sort((a, b) => b.score - a.score || a.distanceDays - b.distanceDays || a.event.date.localeCompare(b.event.date) || a.event.id.localeCompare(b.event.id));
}

/** The most recent event after the page's day: "since this article". */
export function latestLater<E extends RankableEvent>(ranked: readonly Ranked<E>[]): Ranked<E> | undefined {
  let latest: Ranked<E> | undefined;
  for (const r of ranked) if (r.later && (!latest || r.event.date > latest.event.date)) latest = r;
  return latest;
}
