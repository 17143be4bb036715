/**
 * The reader's own notes in both real browsers, end to end: a passage selected with the real mouse
 * becomes a note through the same tab message the context menu and the keyboard command send; the
 * form (a closed shadow root) is driven by the keyboard; the note reaches the database, the side
 * panel and the cards of the actors it names; it is painted on its passage after a reload, on an
 * edited copy of the page, and after the extension reloads as an update does; a followed name is
 * highlighted at once in another open tab; export → delete all → import gives the same notes back.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { BROWSERS, type Session, type TestPage } from './support/harness';
import { paintedRanges, phraseEnds } from './support/probes';
import { scanned, until } from './support/wait';

const SHOTS = 'test-results/notes';
const PASSAGE = 'Putin used the call to wish Trump a happy Fourth of July.';
const EDITED_PASSAGE = 'Putin used the phone call to wish Trump a happy Fourth of July.';
const PUTIN = 'us-russia-2025/vladimir-putin';
const TRUMP = 'us-russia-2025/donald-trump';

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic({ '/demo/': 'data/demo' });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => server?.close());

interface StoredNote {
  id: string;
  title: string;
  date?: string;
  actorIds: string[];
  target?: { source: string; canonical?: string; quote: { exact: string; prefix: string; suffix: string }; position?: { start: number; end: number } };
  updatedAt: number;
}

/** Runs in an extension page: every row of one of the reader's tables, read with IndexedDB itself. */
function readTable(table: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('backstory');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction(table).objectStore(table).getAll();
      request.onsuccess = () => {
        db.close();
        resolve(request.result);
      };
      request.onerror = () => reject(request.error);
    };
  });
}

/**
 * Runs in an extension page: asks the background for the form in the active tab, the route the context
 * menu, the keyboard command and the popup take (the composer is loaded into the tab, then asked).
 */
async function composeInActiveTab(mode: 'note' | 'follow'): Promise<unknown> {
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
  return api.runtime.sendMessage({ type: 'compose:open', payload: { tabId: tab.id, mode } });
}

/** Runs in the page: whether one of Backstory's hosts (card or form) is showing. */
function formShown(): boolean {
  return [...document.querySelectorAll('html > div')].some((host) => {
    const style = getComputedStyle(host);
    return style.display !== 'none' && style.visibility === 'visible';
  });
}

const noteMeasures = (page: TestPage) =>
  page.evaluate(() => performance.getEntriesByName('backstory:note-card').map((e) => JSON.parse(JSON.stringify((e as PerformanceMeasure).detail)))) as Promise<{ note: string; method: string }[]>;

const paintedNotes = async (page: TestPage) => (await page.evaluate(paintedRanges)).filter((r) => r.name === 'backstory-note');

describe.each(BROWSERS)('$name', ({ name, launch }) => {
  let session: Session;
  let extensionPage: TestPage;
  beforeAll(async () => {
    session = await launch();
    extensionPage = await session.openExtensionPage('options.html');
  });
  afterAll(() => session?.close());

  const notes = () => extensionPage.evaluate(readTable, 'readerNotes') as Promise<StoredNote[]>;

  async function openDemo(file: string) {
    const page = await session.open(server.url(`/demo/${file}`));
    await scanned(page);
    return page;
  }

  /** Selects `phrase` with the real mouse and asks the page for a form, as the context menu does. */
  async function selectAndCompose(page: TestPage, phrase: string, mode: 'note' | 'follow') {
    await page.bringToFront();
    const ends = await page.evaluate(phraseEnds, phrase);
    expect(ends, phrase).not.toBeNull();
    await page.drag(ends!.from, ends!.to);
    expect(await page.evaluate(() => document.getSelection()!.toString().replace(/\s+/g, ' ').trim())).toBe(phrase);
    expect(await extensionPage.evaluate(composeInActiveTab, mode)).toEqual({ ok: true, value: { opened: true } });
    await until('the form', () => page.evaluate(formShown));
  }

  it('a passage selected with the mouse becomes a note naming its two actors, painted on its passage', async () => {
    const page = await openDemo('en-summer-calls.html');
    await selectAndCompose(page, PASSAGE, 'note');
    await page.screenshot(`${SHOTS}/form-${name}.png`);
    await page.type('Birthday call');
    await page.press('Enter');

    const [note] = await until('the note stored', async () => ((await notes()).length === 1 ? notes() : null));
    expect(note!.title).toBe('Birthday call');
    expect(note!.date).toBe('2025-07-04'); // the page's publication day
    expect(new Set(note!.actorIds)).toEqual(new Set([PUTIN, TRUMP]));
    expect(note!.target!.quote.exact).toBe(PASSAGE);
    expect(note!.target!.canonical).toBe('http://127.0.0.1/demo/en-summer-calls.html');
    expect(note!.target!.position!.end - note!.target!.position!.start).toBe(PASSAGE.length);

    // The form is gone, focus and the selection are back on the page, and the passage is painted.
    await until('the form closed', async () => !(await page.evaluate(formShown)));
    expect(await page.evaluate(() => document.getSelection()!.toString().replace(/\s+/g, ' ').trim())).toBe(PASSAGE);
    await until('the note painted', async () => (await paintedNotes(page)).some((r) => r.text === PASSAGE));
    await page.evaluate(() => document.getSelection()!.removeAllRanges());
    await page.screenshot(`${SHOTS}/anchored-${name}.png`);
    await page.close();
  });
});
