/** The timeline's filters: actors (several), on this page, only the reader's notes, text, date range, tags, certainty. */
import type { Certainty } from '@/lib/pack/schema';
import type { TimelineActor } from '@/lib/store/timeline';
import { activeFilters, namesStartWith, NO_FILTER, pickerNames, type TimelineFilter } from '@/lib/timeline/filter';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { runInSlices } from '@/lib/timeline/slices';
import { looseName } from '@/lib/text/normalize';
import { t, type MessageKey } from '../i18n';
import { localized } from '@/lib/i18n/localized';

const CERTAINTIES: Certainty[] = ['confirmed', 'reported', 'claimed', 'unconfirmed', 'disputed'];

/**
 * Up to this many actors the picker is a select listing them all; beyond, a search box that suggests
 * the first matches (a select of 100k options takes seconds to build and cannot be browsed anyway).
 */
export const PICKER_LIST_MAX = 2000;
const SUGGESTIONS = 20;

export interface FiltersProps {
  filter: TimelineFilter;
  onChange(filter: TimelineFilter): void;
  actors: TimelineActor[];
  tags: string[];
  lang: string;
  pageActorCount: number;
}

export function Filters({ filter, onChange, actors, tags, lang, pageActorCount }: FiltersProps) {
  const set = (patch: Partial<TimelineFilter>) => onChange({ ...filter, ...patch });
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const many = actors.length > PICKER_LIST_MAX;
  // The select's order, sorted once per list of actors. A long list is not sorted whole (100k actors take
  // a second, one task): the search box sorts the few names it suggests.
  const byName = useMemo(() => (many ? actors : sortedByName(actors, lang)), [actors, lang, many]);
  const option = (actor: TimelineActor) => (
    <option key={actor.key} value={actor.key} disabled={filter.actors.includes(actor.key)}>
      {localized(actor.name, lang)}
    </option>
  );
  // Only the select lists followed names apart (a pass over 100k actors on every key otherwise).
  const followed = many ? [] : byName.filter((a) => a.own);
  const active = activeFilters(filter);
  return (
    <form class="filters" role="search" aria-label={t('filtersLabel')} onSubmit={(event) => event.preventDefault()}>
      <input
        type="search"
        class="filter-text"
        value={filter.text}
        placeholder={t('filterTextPlaceholder')}
        aria-label={t('filterText')}
        onInput={(event) => set({ text: (event.currentTarget as HTMLInputElement).value })}
      />
      <label class="filter-onpage">
        <input type="checkbox" checked={filter.onPage} onChange={(event) => set({ onPage: (event.currentTarget as HTMLInputElement).checked })} />
        {t('filterOnPage', String(pageActorCount))}
      </label>
      <label class="filter-mine">
        <input type="checkbox" checked={filter.onlyMine} onChange={(event) => set({ onlyMine: (event.currentTarget as HTMLInputElement).checked })} />
        {t('filterOnlyMine')}
      </label>
      <div class="filter-actors">
        {many ? (
          <ActorSearch actors={byName} chosen={filter.actors} lang={lang} onPick={(key) => set({ actors: [...filter.actors, key] })} />
        ) : (
        <select
          aria-label={t('filterAddActor')}
          value=""
          onChange={(event) => {
            const key = (event.currentTarget as HTMLSelectElement).value;
            if (key && !filter.actors.includes(key)) set({ actors: [...filter.actors, key] });
          }}
        >
          <option value="">{t('filterAddActor')}</option>
          {byName.filter((a) => !a.own).map(option)}
          {followed.length > 0 && <optgroup label={t('filterFollowedNames')}>{followed.map(option)}</optgroup>}
        </select>
        )}
        {filter.actors.map((key) => (
          <button type="button" key={key} class={`chip chip-removable${actors.find((a) => a.key === key)?.own ? ' chip-own' : ''}`} aria-label={t('filterRemove', localized(actors.find((a) => a.key === key)?.name, lang))} onClick={() => set({ actors: filter.actors.filter((a) => a !== key) })}>
            {localized(actors.find((a) => a.key === key)?.name, lang)} ×
          </button>
        ))}
      </div>
      <details class="filter-more" open={!!(filter.from || filter.to || filter.tags.length || filter.certainty.length)}>
        <summary>{t('filterMore')}</summary>
        <div class="filter-dates">
          <label>
            {t('filterFrom')}
            <input type="date" value={filter.from ?? ''} onInput={(event) => set({ from: (event.currentTarget as HTMLInputElement).value || undefined })} />
          </label>
          <label>
            {t('filterTo')}
            <input type="date" value={filter.to ?? ''} onInput={(event) => set({ to: (event.currentTarget as HTMLInputElement).value || undefined })} />
          </label>
        </div>
        <fieldset>
          <legend>{t('filterCertainty')}</legend>
          {CERTAINTIES.map((c) => (
            <label key={c} class="check">
              <input type="checkbox" checked={filter.certainty.includes(c)} onChange={() => set({ certainty: toggle(filter.certainty, c) })} />
              {t(`certainty_${c}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('filterTags')}</legend>
          {tags.map((tag) => (
            <label key={tag} class="check">
              <input type="checkbox" checked={filter.tags.includes(tag)} onChange={() => set({ tags: toggle(filter.tags, tag) })} />
              {tag}
            </label>
          ))}
        </fieldset>
      </details>
      {active > 0 && (
        <button type="button" class="link" onClick={() => onChange(NO_FILTER)}>
          {t('filterClear', String(active))}
        </button>
      )}
    </form>
  );
}

function sortedByName(actors: readonly TimelineActor[], lang: string): TimelineActor[] {
  const collator = new Intl.Collator(lang);
  return actors.map((actor) => ({ actor, name: localized(actor.name, lang) })).sort((a, b) => collator.compare(a.name, b.name)).map(({ actor }) => actor);
}

/** Each actor's names folded once for the picker (pickerNames), for as long as the actor lives. */
const folded = new WeakMap<TimelineActor, string>();
function foldedNames(actor: TimelineActor): string {
  let names = folded.get(actor);
  if (!names) folded.set(actor, (names = pickerNames(actor.spellings)));
  return names;
}

/**
 * The actor picker for a long list: typing narrows it to the actors one of whose names starts with what
 * was typed (any case, any accents), the first few offered in a datalist; picking one adds it.
 */
function ActorSearch({ actors, chosen, lang, onPick }: { actors: TimelineActor[]; chosen: string[]; lang: string; onPick(key: string): void }) {
  const [typed, setTyped] = useState('');
  const [suggestions, setSuggestions] = useState<TimelineActor[]>([]);
  // Looked for a slice at a time (100k actors' names), the first SUGGESTIONS found, shown in name order; a
  // newer letter stops the search before.
  useEffect(() => {
    const prefix = looseName(typed);
    if (!prefix) return setSuggestions([]);
    const controller = new AbortController();
    function* look(): Generator<void, TimelineActor[]> {
      const found: TimelineActor[] = [];
      for (let i = 0; i < actors.length && found.length < SUGGESTIONS; i++) {
        const actor = actors[i]!;
        if (!chosen.includes(actor.key) && namesStartWith(foldedNames(actor), prefix)) found.push(actor);
        if (i % 64 === 63) yield;
      }
      return sortedByName(found, lang);
    }
    runInSlices(look(), { signal: controller.signal }).then(setSuggestions, () => undefined);
    return () => controller.abort();
  }, [typed, actors, chosen, lang]);
  return (
    <>
      <input
        type="search"
        class="filter-actor-search"
        list="filter-actor-suggestions"
        value={typed}
        placeholder={t('filterAddActor')}
        aria-label={t('filterAddActor')}
        onInput={(event) => {
          const value = (event.currentTarget as HTMLInputElement).value;
          // Picking a suggestion puts its key in the box: that is the pick.
          const picked = suggestions.find((a) => a.key === value);
          if (picked) {
            onPick(picked.key);
            setTyped('');
          } else setTyped(value);
        }}
      />
      <datalist id="filter-actor-suggestions">
        {suggestions.map((actor) => (
          <option key={actor.key} value={actor.key} label={localized(actor.name, lang)} />
        ))}
      </datalist>
    </>
  );
}
