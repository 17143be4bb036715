/**
 * The browser side of lib/storage-map.ts: read, write, watch and update one typed key. Every context
 * (content script, background, extension pages) goes through these, so each key has one shape and one
 * parser everywhere.
 */
import { PAGE_REPORT_PREFIX, parseStored, type StorageAreaName, type StorageKey, type StoredValue } from '@/lib/storage-map';
import type { Settings } from '@/lib/settings';

export async function readStored<A extends StorageAreaName, K extends StorageKey<A>>(area: A, key: K): Promise<StoredValue<A, K>> {
  const stored = await browser.storage[area].get(key);
  return parseStored(area, key, stored[key]);
}

export function writeStored<A extends StorageAreaName, K extends StorageKey<A>>(area: A, key: K, value: StoredValue<A, K>): Promise<void> {
  return browser.storage[area].set({ [key]: value });
}

export function removeStored<A extends StorageAreaName>(area: A, key: StorageKey<A>): Promise<void> {
  return browser.storage[area].remove(key);
}

/** Calls `onChange` with the parsed new value whenever `key` changes; returns the unsubscribe. */
export function watchStored<A extends StorageAreaName, K extends StorageKey<A>>(
  area: A,
  key: K,
  onChange: (value: StoredValue<A, K>) => void,
): () => void {
  const listener = (changes: Record<string, Browser.storage.StorageChange>, changedArea: string) => {
    if (changedArea === area && Object.hasOwn(changes, key)) onChange(parseStored(area, key, changes[key]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Calls `onChange` whenever any tab's page report is written or removed (the side panel follows the active tab). */
export function watchPageReports(onChange: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'session' && Object.keys(changes).some((key) => key.startsWith(PAGE_REPORT_PREFIX))) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export const readSettings = () => readStored('local', 'backstory:settings');
export const watchSettings = (onChange: (settings: Settings) => void) => watchStored('local', 'backstory:settings', onChange);

/**
 * Changes the settings as they are stored now, not as this page last saw them: the popup and the
 * options page can both be open, and a save from one must not undo the other's change.
 */
export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  // One update at a time from this page, so two quick changes (a slider) cannot read the same old value.
  const done = updating.then(async () => {
    const next = change(await readSettings());
    await writeStored('local', 'backstory:settings', next);
    return next;
  });
  updating = done.catch(() => undefined);
  return done;
}
let updating: Promise<unknown> = Promise.resolve();
