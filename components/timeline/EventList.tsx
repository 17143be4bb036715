/**
 * The timeline as a reader scans it: years, then months, each event with its date at its precision,
 * title, actor chips, certainty and sources; expanding an event shows its summary and the verbatim
 * quotes with outlet and date. The reader's own notes sit among the events, marked "Your note", each
 * with its own actions (./NoteEntry.tsx).
 */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { TimelineActor, TimelineEntry } from '@/lib/store/timeline';
import { compareEvents, groupByYearAndMonth } from '@/lib/timeline/filter';
import { isHeading, TimelineRows, type TimelineRow as TimelineRowOf } from '@/lib/timeline/rows';
import { localized } from '@/lib/i18n/localized';
import { formatPartialDate } from '@/lib/pack/dates';
import { SourceQuote } from '../card/ActorCard';
import { t, type MessageKey } from '../i18n';
import { isNoteEntry, NoteEntry, type NoteActions } from './NoteEntry';
import { WindowedRows } from './WindowedRows';

export interface EventListProps {
  events: TimelineEntry[];
  actors: ReadonlyMap<string, TimelineActor>;
  lang: string;
  locale: string;
  expanded: string | undefined;
  onExpand(key: string | undefined): void;
  onActor(key: string): void;
  /** Edit, delete and show-on-page for the reader's own notes. */
  notes: NoteActions;
  /** Ids of notes the page in the active tab reported as not found on it. */
  orphans?: ReadonlySet<string>;
  /**
   * `events` already as rows in reading order, appended to while a search runs (500k events: the panel
   * builds them a slice at a time). Given, the list is windowed whatever its length.
   */
  rows?: TimelineRows<TimelineEntry>;
  /** false while a search is still looking: no "nothing found" yet. */
  complete?: boolean;
}

/**
 * Above this many entries the list is rendered a window at a time (./WindowedRows.tsx): a 100k-actor
 * pack has 500k events. Below it the whole list is in the page, as years and months of lists, so the
 * browser's find-in-page sees every event and a screen reader hears list semantics.
 */
export const WINDOWED_FROM = 300;

/** A row of the windowed list: a year's heading, a month's, or an entry. */
export type TimelineRow = TimelineRowOf<TimelineEntry>;

/** Heights assumed before a row is measured, px: close to a closed row's at the panel's width. */
const ESTIMATE = { year: 44, month: 30, entry: 92 } as const;
const estimate = (row: TimelineRow) => (isHeading(row) ? ESTIMATE[row.kind] : ESTIMATE.entry);

/** An empty run of rows for entries appended in reading order (the panel fills it as a search finds them). */
export const emptyRows = () => new TimelineRows<TimelineEntry>(estimate);

/** The rows of entries in any order: sorted into reading order first. */
export function rowsOf(events: readonly TimelineEntry[]): TimelineRows<TimelineEntry> {
  const rows = emptyRows();
  for (const event of [...events].sort(compareEvents)) rows.append(event);
  return rows;
}

/** The list's years and months as one run of rows, in the order they are read. */
export function timelineRows(events: readonly TimelineEntry[]): TimelineRow[] {
  return rowsOf(events).rows;
}

export function EventList(props: EventListProps) {
  const { events, rows: given } = props;
  const rows = useMemo(() => given ?? (events.length >= WINDOWED_FROM ? rowsOf(events) : undefined), [events, given]);
  if (events.length === 0 && props.complete !== false) return <p class="empty">{t('timelineNothing')}</p>;
  if (rows) return <WindowedEventList {...props} rows={rows} />;
  const { actors, lang, locale, expanded, onExpand, onActor, notes, orphans } = props;
  return (
    <div class="timeline-list">
      {groupByYearAndMonth(events).map((year) => (
        <section key={year.year} class="year" aria-label={year.year}>
          <h2 class="year-heading">{year.year}</h2>
          {year.months.map((month) => (
            <section key={month.period} class="month">
              <h3 class="month-heading">{monthHeading(month.period, locale)}</h3>
              <ol class="events">
                {month.events.map((event) => (
                  <li key={event.key}>
                    <Entry event={event} actors={actors} lang={lang} locale={locale} expanded={expanded} onExpand={onExpand} onActor={onActor} notes={notes} orphans={orphans} />
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </section>
      ))}
    </div>
  );
}

const monthHeading = (period: string, locale: string) => (period.length === 4 ? t('timelineWholeYear') : formatPartialDate(period, locale));

function WindowedEventList({ rows, ...props }: EventListProps & { rows: TimelineRows<TimelineEntry> }) {
  return (
    <WindowedRows
      class="timeline-list timeline-windowed"
      source={rows}
      rowKey={(row) => row.key}
      reveal={props.expanded}
      renderRow={(row) =>
        !isHeading(row) ? (
          <Entry event={row} {...props} />
        ) : row.kind === 'year' ? (
          <h2 class="year-heading">{row.year}</h2>
        ) : (
          <h3 class="month-heading">{monthHeading(row.period, props.locale)}</h3>
        )
      }
    />
  );
}

function Entry({ event, actors, lang, locale, expanded, onExpand, onActor, notes, orphans }: Omit<EventListProps, 'events' | 'rows'> & { event: TimelineEntry }) {
  const onToggle = () => onExpand(expanded === event.key ? undefined : event.key);
  return isNoteEntry(event) ? (
    <NoteEntry
      entry={event}
      actors={actors}
      lang={lang}
      locale={locale}
      open={expanded === event.key}
      onToggle={onToggle}
      onActor={onActor}
      actions={notes}
      orphaned={orphans?.has(event.note.id) ?? false}
    />
  ) : (
    <EventRow event={event} actors={actors} lang={lang} locale={locale} open={expanded === event.key} onToggle={onToggle} onActor={onActor} />
  );
}

function EventRow({ event, actors, lang, locale, open, onToggle, onActor }: {
  event: TimelineEntry;
  actors: ReadonlyMap<string, TimelineActor>;
  lang: string;
  locale: string;
  open: boolean;
  onToggle(): void;
  onActor(key: string): void;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (open) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);
  const detailsId = `details-${event.key.replace(/\W/g, '-')}`;
  return (
    <article ref={ref} class={`tl-event certainty-${event.certainty}${open ? ' open' : ''}`} data-event={event.key}>
      <button type="button" class="tl-event-toggle" aria-expanded={open} aria-controls={detailsId} onClick={onToggle}>
        <span class="tl-date">{formatPartialDate(event.date, locale, event.end)}</span>
        {event.certainty !== 'confirmed' && <span class={`badge badge-${event.certainty}`}>{t(`certainty_${event.certainty}` as MessageKey)}</span>}
        <span class="tl-title">{localized(event.title, lang)}</span>
      </button>
      <p class="chips">
        {event.actors.map((key) => {
          const actor = actors.get(key);
          return actor ? (
            <button type="button" key={key} class={`chip chip-${actor.kind}`} onClick={() => onActor(key)}>
              {localized(actor.name, lang)}
            </button>
          ) : null;
        })}
      </p>
      <p class="tl-sources">
        {[...new Set(event.sources.map((s) => s.outlet))].join(', ')}
        {event.pack && <span class="tl-pack"> · {t('cardFromPack', localized(event.pack, lang))}</span>}
      </p>
      {open && (
        <div id={detailsId} class="tl-details">
          <p>{localized(event.summary, lang)}</p>
          {event.place && <p class="tl-place">{localized(event.place, lang)}</p>}
          {event.dateNote && <p class="tl-note">{localized(event.dateNote, lang)}</p>}
          {event.sources.map((s, i) => (
            <SourceQuote key={i} source={s} locale={locale} />
          ))}
        </div>
      )}
    </article>
  );
}
