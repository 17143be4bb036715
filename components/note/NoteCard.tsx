/**
 * What hovering a painted note shows: the reader's own note, marked as theirs so it is never taken for
 * a pack's curated event. Everything the reader wrote is rendered as text; line breaks of the body are
 * kept by CSS (white-space: pre-wrap), not by turning them into markup.
 */
import type { Certainty } from '@/lib/pack/schema';
import { formatPartialDate } from '@/lib/pack/dates';
import { t, type MessageKey } from '../i18n';

export interface NoteCardProps {
  note: { title: string; body: string; date?: string; certainty: Certainty; actorNames: string[]; quote?: string };
  /** BCP 47 tag for the date. */
  locale: string;
  onClose?(): void;
  onOpenTimeline?(): void;
}

const HEADING_ID = 'backstory-note-card';

export function NoteCard({ note, locale, onClose, onOpenTimeline }: NoteCardProps) {
  return (
    <section class="card note-card" role="dialog" aria-labelledby={HEADING_ID} tabIndex={-1}>
      <header class="card-header">
        <h2 id={HEADING_ID} class="card-name">
          {note.title}
        </h2>
        {onClose && (
          <button type="button" class="card-close" aria-label={t('cardClose')} title={t('cardClose')} onClick={onClose}>
            ×
          </button>
        )}
        <p class="event-meta">
          <span class="badge badge-yours">{t('noteYours')}</span>
          {note.date && <time dateTime={note.date}>{formatPartialDate(note.date, locale)}</time>}
          <span class={`badge badge-${note.certainty}`}>{t(`certainty_${note.certainty}` as MessageKey)}</span>
        </p>
      </header>
      {note.actorNames.length > 0 && <p class="event-shared">{t('noteAbout', note.actorNames.join(', '))}</p>}
      {note.quote && (
        <blockquote class="note-quote">
          “{note.quote}”
        </blockquote>
      )}
      {note.body && <p class="note-body">{note.body}</p>}
      {onOpenTimeline && (
        <footer class="card-footer">
          <button type="button" class="card-timeline" onClick={onOpenTimeline}>
            {t('noteOpenTimeline')}
          </button>
        </footer>
      )}
    </section>
  );
}
