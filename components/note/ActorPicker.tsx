/**
 * The note's actors: chosen ones as removable chips, and a combobox (WAI-ARIA 1.2, list autocomplete)
 * that asks `search` for names as the reader types. Focus stays in the text field; the highlighted
 * suggestion is announced through aria-activedescendant. Accent- and case-blind matching is the
 * background's job: this only debounces and shows.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ActorSuggestion } from '@/lib/store/reader';
import { moveActive } from '@/lib/notes/form';
import { t } from '../i18n';

/** Long enough to skip the keystrokes of a word typed in one go, short enough to feel immediate. */
const SEARCH_DELAY_MS = 120;

export interface ActorPickerProps {
  id: string;
  actors: ActorSuggestion[];
  onChange(actors: ActorSuggestion[]): void;
  search(query: string): Promise<ActorSuggestion[]>;
}

export function ActorPicker({ id, actors, onChange, search }: ActorPickerProps) {
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ActorSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState('');

  useEffect(() => {
    const typed = query.trim();
    if (typed === '') {
      setFound([]);
      setOpen(false);
      setSearched('');
      return;
    }
    // `current` drops the answer of a search overtaken by newer typing (answers may come back out of order).
    let current = true;
    const timer = setTimeout(() => {
      search(typed).then(
        (suggestions) => {
          if (!current) return;
          const fresh = suggestions.filter((s) => !actors.some((a) => a.key === s.key));
          setFound(fresh);
          setOpen(fresh.length > 0);
          setActive(fresh.length > 0 ? 0 : -1);
          setSearched(typed);
        },
        () => current && setOpen(false),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const pickSuggestion = (suggestion: ActorSuggestion) => {
    onChange([...actors, suggestion]);
    setQuery('');
    setOpen(false);
    input.current?.focus();
  };

  const remove = (key: string) => {
    onChange(actors.filter((a) => a.key !== key));
    // The chip that had focus is gone: without this, focus would fall to the page behind the dialog.
    input.current?.focus();
  };

  /** Keys the open list takes; the others go on to the dialog (Enter saves, Escape cancels). */
  const onKeyDown = (event: KeyboardEvent) => {
    const take = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (found.length === 0) return;
      take();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (!open) {
        setOpen(true);
        setActive(step === 1 ? 0 : found.length - 1);
      } else setActive(moveActive(active, found.length, step));
      return;
    }
    if (!open || event.isComposing) return;
    if (event.key === 'Enter' && found[active]) {
      take();
      pickSuggestion(found[active]);
    } else if (event.key === 'Escape') {
      take();
      setOpen(false);
    }
  };

  const listId = `${id}-list`;
  const optionId = (k: number) => `${id}-option-${k}`;
  const noMatch = !open && searched !== '' && searched === query.trim() && found.length === 0;
  return (
    <div class="actor-picker">
      {actors.length > 0 && (
        <ul class="chips">
          {actors.map((actor) => (
            <li key={actor.key}>
              <button type="button" class={`chip kind-${actor.kind}`} aria-label={t('noteActorRemove', actor.name)} onClick={() => remove(actor.key)}>
                <span>{actor.name}</span>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="combobox">
        <input
          ref={input}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          // Closing on blur lets a click on an option land first: options pick on mousedown.
          onBlur={() => setOpen(false)}
        />
        <ul id={listId} role="listbox" class="suggestions" aria-label={t('noteActors')} hidden={!open}>
          {open &&
            found.map((suggestion, k) => (
              <li
                key={suggestion.key}
                id={optionId(k)}
                role="option"
                aria-selected={k === active}
                class={`suggestion kind-${suggestion.kind}`}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pickSuggestion(suggestion);
                }}
                onMouseMove={() => setActive(k)}
              >
                {suggestion.name}
              </li>
            ))}
        </ul>
      </div>
      <p class="form-hint" role="status">
        {noMatch ? t('noteActorNoMatch') : ''}
      </p>
    </div>
  );
}
