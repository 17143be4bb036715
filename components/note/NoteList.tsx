/**
 * "Your notes" in the actor card, after the pack's events: the reader's notes that name the actor,
 * each marked as the reader's own. A short excerpt only; the whole note is in the timeline.
 */
import type { CardNote } from '@/lib/messages/protocol';
import { formatPartialDate } from '@/lib/pack/dates';
import { t } from '../i18n';

export interface NoteListProps {
  notes: CardNote[];
  locale: string;
}

/** How much of a body the card shows: about two lines of the card's width. */
const EXCERPT_CHARS = 140;

/** The start of a body on one line, cut at a word when there is more ("…"). */
export function noteExcerpt(body: string, max = EXCERPT_CHARS): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  // A word longer than half the excerpt (a URL) is cut where it falls rather than dropped.
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, '')}…`;
}

export function NoteList({ notes, locale }: NoteListProps) {
  return (
    <section class="card-notes">
      <h3>{t('notesHeading')}</h3>
      <ol class="card-events">
        {notes.map((note) => (
          <li key={note.id}>
            <article class="event note" data-note={note.id}>
              <p class="event-meta">
                {note.date && <time dateTime={note.date}>{formatPartialDate(note.date, locale)}</time>}
                <span class="badge badge-yours">{t('noteYours')}</span>
              </p>
              <h4 class="event-title">{note.title}</h4>
              {note.body && <p class="note-excerpt">{noteExcerpt(note.body)}</p>}
            </article>
          </li>
        ))}
      </ol>
    </section>
  );
}
