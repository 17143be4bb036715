/**
 * The timeline as a reader scans it: years, then months, each event with its date at its precision,
 * title, actor chips, certainty and sources; expanding an event shows its summary and the verbatim
 * quotes with outlet and date. The reader's own notes sit among the events, marked "Your note", each
 * with its own actions (./NoteEntry.tsx).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { TimelineActor, TimelineEntry } from '@/lib/store/timeline';
import { groupByYearAndMonth } from '@/lib/timeline/filter';
import { localized } from '@/lib/i18n/localized';
import { formatPartialDate } from '@/lib/pack/dates';
import { SourceQuote } from '../card/ActorCard';
import { t, type MessageKey } from '../i18n';
import { isNoteEntry, NoteEntry, type NoteActions } from './NoteEntry';

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
}

export function EventList({ events, actors, lang, locale, expanded, onExpand, onActor, notes, orphans }: EventListProps) {
  if (events.length === 0) return <p class="empty">{t('timelineNothing')}</p>;
  return (
    <div class="timeline-list">
      {groupByYearAndMonth(events).map((year) => (
        <section key={year.year} class="year" aria-label={year.year}>
          <h2 class="year-heading">{year.year}</h2>
          {year.months.map((month) => (
            <section key={month.period} class="month">
              <h3 class="month-heading">{month.period.length === 4 ? t('timelineWholeYear') : formatPartialDate(month.period, locale)}</h3>
              <ol class="events">
                {month.events.map((event) => (
                  <li key={event.key}>
                    {isNoteEntry(event) ? (
                      <NoteEntry
                        entry={event}
                        actors={actors}
                        lang={lang}
                        locale={locale}
                        open={expanded === event.key}
                        onToggle={() => onExpand(expanded === event.key ? undefined : event.key)}
                        onActor={onActor}
                        actions={notes}
                        orphaned={orphans?.has(event.note.id) ?? false}
                      />
                    ) : (
                      <EventRow event={event} actors={actors} lang={lang} locale={locale} open={expanded === event.key} onToggle={() => onExpand(expanded === event.key ? undefined : event.key)} onActor={onActor} />
                    )}
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
