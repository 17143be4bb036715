/**
 * The browser side of lib/storage-map.ts: read, write, watch and update one typed item. Every context
 * (content script, background, extension pages) goes through these, so each key has one shape and one
 * parser everywhere.
 */
import { PAGE_REPORT_PREFIX, settingsItem, type ItemValue, type StorageAreaName, type StorageItem, type StorageKey } from '@/lib/storage-map';
import type { Settings } from '@/lib/settings';

/** Any item of the map, whatever its area. */
type AnyItem = { [A in StorageAreaName]: StorageItem<A, StorageKey<A>> }[StorageAreaName];

export async function readItem<I extends AnyItem>(item: I): Promise<ItemValue<I>> {
  const stored = await browser.storage[item.area].get(item.key as string);
  return item.parse(stored[item.key]) as ItemValue<I>;
}

export function writeItem<I extends AnyItem>(item: I, value: ItemValue<I>): Promise<void> {
  return browser.storage[item.area].set({ [item.key]: value });
}

export function removeItem(item: AnyItem): Promise<void> {
  return browser.storage[item.area].remove(item.key as string);
}

/** Calls `onChange` with the parsed new value whenever the item changes; returns the unsubscribe. */
export function watchItem<I extends AnyItem>(item: I, onChange: (value: ItemValue<I>) => void): () => void {
  const listener = (changes: Record<string, Browser.storage.StorageChange>, area: string) => {
    if (area === item.area && Object.hasOwn(changes, item.key)) onChange(item.parse(changes[item.key]!.newValue) as ItemValue<I>);
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

export const readSettings = () => readItem(settingsItem);
export const watchSettings = (onChange: (settings: Settings) => void) => watchItem(settingsItem, onChange);

/**
 * Changes the settings as they are stored now, not as this page last saw them: the popup and the
 * options page can both be open, and a save from one must not undo the other's change.
 */
export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  // One update at a time from this page, so two quick changes (a slider) cannot read the same old value.
  const done = updating.then(async () => {
    const next = change(await readSettings());
    await writeItem(settingsItem, next);
    return next;
  });
  updating = done.catch(() => undefined);
  return done;
}
let updating: Promise<unknown> = Promise.resolve();
