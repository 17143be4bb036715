/**
 * The side panel's last state (view, filters, chart zoom, open event, chosen actor), kept in
 * storage.session so that reopening the panel puts the reader back where they were. Parsing is
 * tolerant: anything damaged falls back to its default alone.
 */
import { isActorKey, type ActorKey } from '../pack/keys';
import type { Certainty } from '../pack/schema';
import { NO_FILTER, type TimelineFilter } from './filter';

export interface PanelState {
  view: 'timeline' | 'page' | 'actor';
  filter: TimelineFilter;
  zoom: string;
  expanded?: string;
  actor?: ActorKey;
  /** When it was saved: a hover card's focus set later wins. */
  at: number;
}

const CERTAINTIES = new Set(['confirmed', 'reported', 'claimed', 'unconfirmed', 'disputed']);
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const day = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

export function parsePanelState(raw: unknown): PanelState {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const filter = (value.filter && typeof value.filter === 'object' ? value.filter : {}) as Record<string, unknown>;
  const from = day(filter.from);
  const to = day(filter.to);
  return {
    view: value.view === 'page' || value.view === 'actor' ? value.view : 'timeline',
    filter: {
      ...NO_FILTER,
      actors: strings(filter.actors),
      onPage: filter.onPage === true,
      text: typeof filter.text === 'string' ? filter.text.slice(0, 200) : '',
      tags: strings(filter.tags),
      certainty: strings(filter.certainty).filter((c): c is Certainty => CERTAINTIES.has(c)),
      // Absent from a state saved before the reader's notes existed: off.
      onlyMine: filter.onlyMine === true,
      ...(from && { from }),
      ...(to && { to }),
    },
    zoom: typeof value.zoom === 'string' ? value.zoom : 'latest',
    ...(typeof value.expanded === 'string' && { expanded: value.expanded }),
    ...(isActorKey(value.actor) && { actor: value.actor }),
    at: typeof value.at === 'number' ? value.at : 0,
  };
}
