/**
 * "Add to Backstory": the reader's note on a passage of the page. Presentational: what it starts with,
 * the actor search and the save come in as props; the content script mounts it in a closed shadow root
 * with card.css and does the messaging. The passage and everything typed are shown as text, never HTML.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Certainty } from '@/lib/pack/schema';
import type { Precision } from '@/lib/pack/dates';
import type { ActorSuggestion } from '@/lib/store/reader';
import { CERTAINTIES, DATE_INPUT_TYPE, DATE_PLACEHOLDER, PRECISIONS, changePrecision, noteProblems, precisionOf, rememberDate, type NoteProblems } from '@/lib/notes/form';
import { t, type MessageKey } from '../i18n';
import { ActorPicker } from './ActorPicker';
import { FormDialog } from './FormDialog';

export interface NoteFormDraft {
  title: string;
  body: string;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD"; absent when the reader gave no date. */
  date?: string;
  certainty: Certainty;
  actors: ActorSuggestion[];
}

export interface NoteFormProps {
  /** The selected passage, shown read-only. */
  quote: string;
  initial: { title: string; date?: string; certainty: Certainty; actors: ActorSuggestion[]; body: string };
  searchActors(query: string): Promise<ActorSuggestion[]>;
  onSave(draft: NoteFormDraft): Promise<void> | void;
  onCancel(): void;
  /** Offered when the selection names nobody known: follow it as a name instead of writing a note. */
  onFollow?(): void;
  /** BCP 47 tag; sets the language of the date pickers. */
  locale: string;
  error?: string;
}

const ID = 'backstory-note';

export function NoteForm({ quote, initial, searchActors, onSave, onCancel, onFollow, locale, error }: NoteFormProps) {
  const [title, setTitle] = useState(initial.title);
  const [date, setDate] = useState(initial.date ?? '');
  const [precision, setPrecision] = useState<Precision>(precisionOf(initial.date));
  const [remembered, setRemembered] = useState(initial.date ?? '');
  const [actors, setActors] = useState(initial.actors);
  const [body, setBody] = useState(initial.body);
  const [certainty, setCertainty] = useState(initial.certainty);
  const [problems, setProblems] = useState<NoteProblems>({});
  const titleInput = useRef<HTMLInputElement>(null);
  const dateInput = useRef<HTMLInputElement>(null);

  // Focus on mount: the autofocus attribute is not honoured in a shadow root inserted after load.
  useEffect(() => titleInput.current?.focus(), []);

  const editDate = (value: string) => {
    setDate(value);
    setRemembered(rememberDate(remembered, value));
  };

  const changeTo = (next: Precision) => {
    setDate(changePrecision(date, next, remembered));
    setPrecision(next);
  };

  const save = () => {
    // badInput: a half-typed date in the browser's picker, whose value reads as "" (not as no date).
    const found = noteProblems({ title, date, precision, dateUnreadable: dateInput.current?.validity.badInput });
    setProblems(found);
    if (found.title) titleInput.current?.focus();
    else if (found.date) dateInput.current?.focus();
    if (found.title || found.date) return;
    return onSave({ title: title.trim(), body: body.trim(), ...(date && { date }), certainty, actors });
  };

  return (
    <FormDialog id={ID} heading={t('noteFormHeading')} onSave={save} onCancel={onCancel} error={error}>
      <figure class="form-quote">
        <figcaption class="form-label">{t('noteQuoteLabel')}</figcaption>
        <blockquote>{quote}</blockquote>
      </figure>

      <div class="form-field">
        <label class="form-label" for={`${ID}-title`}>
          {t('noteTitle')}
        </label>
        <input
          ref={titleInput}
          id={`${ID}-title`}
          type="text"
          required
          aria-invalid={!!problems.title}
          aria-describedby={problems.title ? `${ID}-title-error` : undefined}
          value={title}
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
        {problems.title && (
          <p id={`${ID}-title-error`} class="field-error">
            {t('noteTitleRequired')}
          </p>
        )}
      </div>

      <div class="form-field form-date">
        <label class="form-label" for={`${ID}-date`}>
          {t('noteDate')}
        </label>
        <label class="form-label" for={`${ID}-precision`}>
          {t('noteDatePrecision')}
        </label>
        {/* A new input per precision (key): browsers do not all re-render a field whose type changes. */}
        <input
          key={precision}
          ref={dateInput}
          id={`${ID}-date`}
          type={DATE_INPUT_TYPE[precision]}
          lang={locale}
          inputMode={precision === 'year' ? 'numeric' : undefined}
          maxLength={precision === 'year' ? 4 : undefined}
          placeholder={DATE_PLACEHOLDER[precision]}
          aria-invalid={!!problems.date}
          aria-describedby={problems.date ? `${ID}-date-error` : undefined}
          value={date}
          onInput={(event) => editDate(event.currentTarget.value)}
        />
        <select id={`${ID}-precision`} value={precision} onChange={(event) => changeTo(event.currentTarget.value as Precision)}>
          {PRECISIONS.map((p) => (
            <option key={p} value={p}>
              {t(`notePrecision_${p}` as MessageKey)}
            </option>
          ))}
        </select>
        {problems.date && (
          <p id={`${ID}-date-error`} class="field-error">
            {t('noteDateInvalid')}
          </p>
        )}
      </div>

      <div class="form-field">
        <label class="form-label" for={`${ID}-actors`}>
          {t('noteActors')}
        </label>
        <ActorPicker id={`${ID}-actors`} actors={actors} onChange={setActors} search={searchActors} />
        {onFollow && actors.length === 0 && (
          <p class="form-follow">
            {t('noteFollowOffer')}{' '}
            <button type="button" class="link" onClick={onFollow}>
              {t('noteFollowAction')}
            </button>
          </p>
        )}
      </div>

      <div class="form-field">
        <label class="form-label" for={`${ID}-body`}>
          {t('noteBody')}
        </label>
        <textarea id={`${ID}-body`} rows={4} value={body} onInput={(event) => setBody(event.currentTarget.value)} />
      </div>

      <div class="form-field">
        <label class="form-label" for={`${ID}-certainty`}>
          {t('noteCertainty')}
        </label>
        <select id={`${ID}-certainty`} value={certainty} onChange={(event) => setCertainty(event.currentTarget.value as Certainty)}>
          {CERTAINTIES.map((c) => (
            <option key={c} value={c}>
              {t(`certainty_${c}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
    </FormDialog>
  );
}
