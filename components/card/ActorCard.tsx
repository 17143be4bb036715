/**
 * The actor card: who this is, the events that matter for the page, what happened since. Shared by
 * the hover card (content script, closed shadow root) and the side panel. Pack strings are rendered
 * as text only: Preact escapes them, and nothing here sets HTML. The reader's own notes come after the
 * pack's events; a name the reader follows (`actor.own`) has no pack data, only those notes.
 */
import { useState } from 'preact/hooks';
import type { CardEvent, CardReply, CardSource } from '@/lib/messages/protocol';
import { formatPartialDate } from '@/lib/pack/dates';
import { t, type MessageKey } from '../i18n';
import { NoteList } from '../note/NoteList';

export interface ActorCardProps {
  card: CardReply;
  /** BCP 47 tag for dates and country names. */
  locale: string;
  /** Shown at the bottom; absent in the side panel, which already shows everything. */
  onOpenTimeline?: () => void;
  onClose?: () => void;
  /** A line under the header, e.g. how the timeline was opened. */
  notice?: string;
}

const regionNames = new Map<string, Intl.DisplayNames>();

function countryName(code: string, locale: string): string {
  if (code === 'INT') return t('cardInternational');
  try {
    let names = regionNames.get(locale);
    if (!names) regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region' })));
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Builds the Intl objects a card needs ahead of its first showing (they are slow to create the first time). */
export function warmUpCard(locale: string) {
  countryName('US', locale);
  for (const date of ['2025', '2025-01', '2025-01-01']) formatPartialDate(date, locale);
}

const relationKey = (type: string) => `relation_${type.replaceAll('-', '_')}` as MessageKey;

export function ActorCard({ card, locale, onOpenTimeline, onClose, notice }: ActorCardProps) {
  const { actor } = card;
  const headingId = `backstory-card-${actor.key.replace(/\W/g, '-')}`;
  return (
    <section class={`card kind-${actor.kind}`} role="dialog" aria-labelledby={headingId} tabIndex={-1}>
      <header class="card-header">
        <h2 id={headingId} class="card-name">
          {actor.name}
        </h2>
        {onClose && (
          <button type="button" class="card-close" aria-label={t('cardClose')} title={t('cardClose')} onClick={onClose}>
            ×
          </button>
        )}
        {actor.own ? (
          <p class="card-role">{t('cardFollowedName')}</p>
        ) : (
          <p class="card-role">
            {actor.role} · {countryName(actor.country, locale)}
          </p>
        )}
        {actor.background && (
          // Labelled and dated: the pack's own knowledge, not what its cited sources say.
          <p class="card-background">{t('cardBackground', formatPartialDate(actor.background.asOf, locale), actor.background.text)}</p>
        )}
        {actor.relations.length > 0 && (
          <p class="card-relations">{actor.relations.map((r) => t(relationKey(r.type), r.name)).join(' · ')}</p>
        )}
      </header>
      {notice && <p class="card-notice" role="status">{notice}</p>}
      {actor.own ? (
        card.notes.length === 0 && <p class="card-empty">{t('cardNoNotes')}</p>
      ) : (
        <PackEvents card={card} locale={locale} />
      )}
      {card.notes.length > 0 && <NoteList notes={card.notes} locale={locale} />}
      {onOpenTimeline && (
        <footer class="card-footer">
          <button type="button" class="card-timeline" onClick={onOpenTimeline}>
            {actor.own ? t('noteOpenTimeline') : t('cardOpenTimeline', String(card.total))}
          </button>
        </footer>
      )}
    </section>
  );
}

/** What the packs say: the events ranked for the page, and the latest one since it. */
function PackEvents({ card, locale }: { card: CardReply; locale: string }) {
  return (
    <>
      <p class="card-context">
        {card.pageDayKnown ? t('cardRankedForArticle', formatPartialDate(card.pageDay, locale)) : t('cardRankedForToday')}
      </p>
      {card.events.length === 0 ? (
        <p class="card-empty">{t('cardNoEvents')}</p>
      ) : (
        <ol class="card-events">
          {card.events.map((event) => (
            <li key={event.key}>
              <EventItem event={event} locale={locale} />
            </li>
          ))}
        </ol>
      )}
      {card.since && (
        <div class="card-since">
          <h3>{t('cardSinceArticle')}</h3>
          <EventItem event={card.since} locale={locale} />
        </div>
      )}
    </>
  );
}

export function EventItem({ event, locale }: { event: CardEvent; locale: string }) {
  const [quoteShown, setQuoteShown] = useState(false);
  const outlets = [...new Set(event.sources.map((s) => s.outlet))].join(', ');
  // Some events cite their sources without a quote (the pack's quote budget): then there is nothing to show.
  const quoted = event.sources.some((s) => s.quote !== undefined);
  return (
    <article class={`event${event.later ? ' event-later' : ''}`} data-event={event.key}>
      <p class="event-meta">
        <time dateTime={event.date}>{formatPartialDate(event.date, locale, event.end)}</time>
        {event.later && <span class="badge badge-later">{t('cardLater')}</span>}
        {event.certainty !== 'confirmed' && (
          <span class={`badge badge-${event.certainty}`}>{t(`certainty_${event.certainty}` as MessageKey)}</span>
        )}
      </p>
      <h4 class="event-title">{event.title}</h4>
      {event.shared.length > 0 && <p class="event-shared">{t('cardWith', event.shared.join(', '))}</p>}
      <p class="event-sources">
        <span>{outlets}</span>
        {event.pack && <span class="event-pack">{t('cardFromPack', event.pack)}</span>}
        {quoted && (
          <button type="button" class="event-quote-toggle" aria-expanded={quoteShown} onClick={() => setQuoteShown(!quoteShown)}>
            {quoteShown ? t('cardHideQuote') : t('cardShowQuote')}
          </button>
        )}
      </p>
      {quoteShown && event.sources.map((s, i) => <SourceQuote key={i} source={s} locale={locale} />)}
    </article>
  );
}

/**
 * A verbatim quote with its outlet (and the outlet it relays) and date: shared with the side panel. A
 * source cited without a quote is its outlet line alone, not an empty blockquote.
 */
export function SourceQuote({ source, locale }: { source: CardSource; locale: string }) {
  const cited = `${source.outlet}${source.via ? ` (${source.via})` : ''}, ${formatPartialDate(source.published, locale)}`;
  if (source.quote === undefined) return <p class="event-cited">{cited}</p>;
  return (
    <figure class="event-quote">
      <blockquote lang={source.quoteLang}>“{source.quote}”</blockquote>
      <figcaption>{cited}</figcaption>
    </figure>
  );
}
