/**
 * Every key Backstory keeps in browser.storage, with its type and its tolerant parser: one map, so a
 * key cannot be written with one shape and read with another. storage.local holds the reader's
 * settings (every tab applies a change at once through storage.onChanged); storage.session holds what
 * matters for this browsing session only. Each key is one item (area, key, parser) that the
 * browser-bound helpers in components/storage.ts take; items are separate constants so a bundle
 * carries only the parsers of the items it uses (the content script: the settings alone).
 */
import type { PageReport } from './messages/protocol';
import { parseSettings, type Settings } from './settings';
import { parseFocus, type TimelineFocus } from './timeline/focus';
import { parsePanelState, type PanelState } from './timeline/panel-state';

export interface ReaderChanges {
  notesAt: number;
  actorsAt: number;
}

function parseReaderChanges(raw: unknown): ReaderChanges {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof ReaderChanges, unknown>>;
  const time = (t: unknown) => (typeof t === 'number' && Number.isFinite(t) ? t : 0);
  return { notesAt: time(value.notesAt), actorsAt: time(value.actorsAt) };
}

export type PageReportKey = `backstory:page:${number}`;
export const PAGE_REPORT_PREFIX = 'backstory:page:';

export interface StorageMap {
  local: {
    /** The reader's settings (lib/settings.ts). */
    'backstory:settings': Settings;
    /**
     * When the reader's notes and followed names last changed, written by the background after each
     * write: every open tab re-anchors its notes, or rebuilds its names, at once.
     */
    'backstory:reader': ReaderChanges;
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

/** One stored key: where it lives, and how a stored value (perhaps damaged, perhaps missing) is read. */
export interface StorageItem<A extends StorageAreaName, K extends StorageKey<A>> {
  area: A;
  key: K;
  parse(raw: unknown): StorageMap[A][K];
}

export type ItemValue<I> = I extends StorageItem<infer A, infer K> ? StorageMap[A][K] : never;

export const settingsItem: StorageItem<'local', 'backstory:settings'> = { area: 'local', key: 'backstory:settings', parse: parseSettings };
export const readerChangesItem: StorageItem<'local', 'backstory:reader'> = { area: 'local', key: 'backstory:reader', parse: parseReaderChanges };
export const focusItem: StorageItem<'session', 'backstory:focus'> = { area: 'session', key: 'backstory:focus', parse: parseFocus };
export const panelItem: StorageItem<'session', 'backstory:panel'> = { area: 'session', key: 'backstory:panel', parse: parsePanelState };

/** A tab's page report: written only by the background after its checks (lib/messages/requests.ts). */
export function pageReportItem(tabId: number): StorageItem<'session', PageReportKey> {
  return { area: 'session', key: `${PAGE_REPORT_PREFIX}${tabId}`, parse: (raw) => (raw && typeof raw === 'object' ? (raw as PageReport) : undefined) };
}
