/**
 * Every key Backstory keeps in browser.storage, with its type and its tolerant parser: one map, so a
 * key cannot be written with one shape and read with another. storage.local holds the reader's
 * settings (every tab applies a change at once through storage.onChanged); storage.session holds what
 * matters for this browsing session only. The browser-bound helpers are in components/storage.ts.
 */
import type { PageReport } from './messages/protocol';
import { parseSettings, type Settings } from './settings';
import { parseFocus, type TimelineFocus } from './timeline/focus';
import { parsePanelState, type PanelState } from './timeline/panel-state';

export type PageReportKey = `backstory:page:${number}`;
export const PAGE_REPORT_PREFIX = 'backstory:page:';
export const pageReportKey = (tabId: number): PageReportKey => `${PAGE_REPORT_PREFIX}${tabId}`;

export interface StorageMap {
  local: {
    /** The reader's settings (lib/settings.ts). */
    'backstory:settings': Settings;
  };
  session: {
    /** Which actor the timeline should show, set by a hover card's "Open timeline". */
    'backstory:focus': TimelineFocus | undefined;
    /** The side panel's last view, filters and zoom. */
    'backstory:panel': PanelState;
    /** Each tab's page report, written by the background only, after checking it. */
    [tab: PageReportKey]: PageReport | undefined;
  };
}

export type StorageAreaName = keyof StorageMap;
export type StorageKey<A extends StorageAreaName> = keyof StorageMap[A] & string;
export type StoredValue<A extends StorageAreaName, K extends StorageKey<A>> = StorageMap[A][K];

const PARSERS: { [A in StorageAreaName]: Record<string, (raw: unknown) => unknown> } = {
  local: { 'backstory:settings': parseSettings },
  session: { 'backstory:focus': parseFocus, 'backstory:panel': parsePanelState },
};

/** A stored value as its key's type: damaged or missing values become the key's default. */
export function parseStored<A extends StorageAreaName, K extends StorageKey<A>>(area: A, key: K, raw: unknown): StoredValue<A, K> {
  const parse = PARSERS[area][key];
  if (parse) return parse(raw) as StoredValue<A, K>;
  // Page reports: written only by the background after its checks (lib/messages/requests.ts).
  return (raw && typeof raw === 'object' ? raw : undefined) as StoredValue<A, K>;
}
