/**
 * The side panel's timeline: which events a set of filters keeps, and how they are grouped for
 * reading (year, then month; an event known only to the year sits at the head of its year). Pure, so
 * every filter is tested in Node; the panel only renders what this returns.
 */
import type { Certainty, LocalizedText } from '../pack/schema';
import { coveredDays } from '../pack/dates';
import { looseName } from '../text/normalize';
import { FoldedRun } from './folded-run';

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
  /**
   * The search's folded text of the entry's own words, kept on the entry once made (foldEntry): a Map or
   * WeakMap from 500k entries to their texts was itself work for the garbage collector.
   */
  folded?: string;
  /**
   * Whether the entry's own words hold a folded word, for entries that keep their text elsewhere (a pack's
   * events answer from their block's folded text: a string per event is an object per event to collect);
   * `foldWords` prepares that answer ahead. Other entries are folded from their fields into `folded`.
   */
  hasWord?(word: string): boolean;
  foldWords?(): void;
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
  /**
   * Each actor's spellings (one per line) by key, in every language the search should know. A map made of
   * layers (the panel's: the packs' 100k actors, then the reader's followed names) has each layer folded
   * and kept apart, so a note saved or a name followed folds the reader's few names again, not 100k actors'.
   */
  actorNames: ReadonlyMap<string, string> | NameLayers;
}

/** Maps read as one, the first holding a key winning (lib/store/timeline.ts's LayeredMap). */
export interface NameLayers {
  readonly layers: readonly ReadonlyMap<string, string>[];
}

const fold = (text: string) => looseName(text).replace(/[^\p{L}\p{N}\s]/gu, ' ');

/** What a text search looks at in one event besides its actors' names: its title, summary, tags and a note's passage, folded. */
export function ownSearchText(event: Pick<TimelineEvent, 'title' | 'summary' | 'tags' | 'quote'>): string {
  return ` ${fold([...Object.values(event.title), ...Object.values(event.summary), ...event.tags, event.quote ?? ''].join(' '))} `;
}

/** An entry's folded text, made once and kept on it. */
function foldEntry(event: TimelineEvent): string {
  return (event.folded ??= ownSearchText(event));
}

/**
 * An actor's spellings (one per line) folded for the actor picker: one text, every name on its own line
 * after a space, so that a name starting with what was typed, or holding a word that does, is one native
 * search for " " + prefix (namesStartWith).
 */
export const pickerNames = (spellings: string) => spellings.split('\n').map((name) => ` ${looseName(name)}`).join('\n');

/** Whether one of the picker's names (pickerNames), or a word in one, starts with `prefix` (folded by looseName). */
export const namesStartWith = (names: string, prefix: string) => names.includes(` ${prefix}`);

/** A layer's actors (those no earlier layer holds) and their names folded, one text each, as one run. */
interface FoldedNames {
  keys: string[];
  run: FoldedRun;
  /** The layer's size when it was folded: a layer that grew since is folded again. */
  size: number;
}

/**
 * Each layer's folded names, kept under the layer's map: a keystroke searches one string natively rather
 * than 100k texts. One run, not a text per actor: 100k folded texts were some 880k strings (each a
 * rope of the pieces it was folded from) for the panel's garbage collector to walk.
 */
const foldedNames = new WeakMap<ReadonlyMap<string, string>, FoldedNames>();

const layersOf = (names: FilterContext['actorNames']) => ('layers' in names ? names.layers : [names as ReadonlyMap<string, string>]);

/** Every layer's names folded (from the cache, or a step at a time), earliest layer first. */
function* foldedNameSteps(actorNames: FilterContext['actorNames']): Generator<void, FoldedNames[]> {
  const layers = layersOf(actorNames);
  const folded: FoldedNames[] = [];
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l]!;
    let kept = foldedNames.get(layer);
    // A map that grew since (the packs' actors are added as they are read) is folded again.
    if (kept?.size !== layer.size) {
      const keys: string[] = [];
      const texts: string[] = [];
      for (const [key, spellings] of layer) {
        if (layers.slice(0, l).some((earlier) => earlier.has(key))) continue;
        keys.push(key);
        texts.push(` ${fold(spellings)} `);
        if (keys.length % NAMES_STEP === 0) yield;
      }
      foldedNames.set(layer, (kept = { keys, run: FoldedRun.of(texts), size: layer.size }));
    }
    folded.push(kept);
  }
  return folded;
}

/** Actors whose names are tested between two chances to stop. */
const NAMES_STEP = 2048;

/**
 * Folds what the search reads ahead of the first keystroke, a step at a time (the panel runs it in idle
 * slices): every actor's names, then every entry's own words.
 */
export function* foldAheadSteps(events: readonly TimelineEvent[], context: Pick<FilterContext, 'actorNames'>): Generator<void, void> {
  yield* foldedNameSteps(context.actorNames);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (event.foldWords) event.foldWords();
    else foldEntry(event);
    if (i % FILTER_STEP === FILTER_STEP - 1) yield;
  }
}

/** The words a search looks for, and for each the actors whose names hold it, found a step at a time. */
function* searchWordSteps(text: string, context: Pick<FilterContext, 'actorNames'>): Generator<void, SearchWord[]> {
  const words = fold(text).split(/\s+/u).filter(Boolean).map((word) => ({ word, namedIn: new Set<string>() }));
  if (words.length)
    for (const { keys, run } of yield* foldedNameSteps(context.actorNames))
      for (const w of words) {
        const holding = run.holding(w.word);
        for (let i = 0; i < keys.length; i++) if (holding[i] === 1) w.namedIn.add(keys[i]!);
      }
  return words;
}

interface SearchWord {
  word: string;
  /** Actors one of whose names holds the word: an event that involves one has it. */
  namedIn: ReadonlySet<string>;
}

/** A pass run to its end at once. */
function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export function filterEvents<E extends TimelineEvent>(events: readonly E[], filter: TimelineFilter, context: FilterContext): E[] {
  return events.filter(eventMatcher(filter, context));
}

/** Whether the filter keeps an event: one test per event, the same for the whole list and for slices of it. */
export function eventMatcher(filter: TimelineFilter, context: FilterContext, words = drain(searchWordSteps(filter.text, context))): (event: TimelineEvent) => boolean {
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
    for (const { word, namedIn } of words) {
      const own = event.hasWord ? event.hasWord(word) : foldEntry(event).includes(word);
      if (!own && !(namedIn.size && event.actors.some((actor) => namedIn.has(actor)))) return false;
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
  const matches = eventMatcher(filter, context, yield* searchWordSteps(filter.text, context));
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
