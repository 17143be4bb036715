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

/**
 * Runs in the page: the centre of `text` inside a painted range of `layer` (a name's whole range, or a
 * few words of a noted passage away from the names in it).
 */
function rangeCentre([layer, text]: [string, string]): { x: number; y: number } | null {
  const highlight = CSS.highlights.get(layer) as unknown as Iterable<AbstractRange> | undefined;
  for (const r of highlight ?? []) {
    if (r.startContainer !== r.endContainer && layer !== 'backstory-note') continue;
    const node = r.startContainer as Text;
    const at = node.data.indexOf(text, r.startContainer === r.endContainer ? r.startOffset : 0);
    if (at < 0 || (r.startContainer === r.endContainer && at + text.length > r.endOffset)) continue;
    node.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    const box = range.getClientRects()[0]!;
    return { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
  }
  return null;
}

const cardMeasures = (page: TestPage) =>
  page.evaluate(() => performance.getEntriesByName('backstory:card').map((e) => JSON.parse(JSON.stringify((e as PerformanceMeasure).detail)))) as Promise<{ actor: string; notes: string[] }[]>;

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

  /** The id of the tab showing `page` (brought to the front first). */
  async function tabOf(page: TestPage): Promise<number> {
    await page.bringToFront();
    return extensionPage.evaluate(async () => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      return (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0].id as number;
    });
  }

  /** Hovers a painted range with the real mouse until the card (of `measureName`) reports. */
  async function hoverRange<T>(page: TestPage, layer: string, text: string, measures: () => Promise<T[]>): Promise<T> {
    await page.moveMouse(0, 0);
    await until('no card open', async () => !(await page.evaluate(formShown)));
    const before = (await measures()).length;
    const point = await until(`"${text}" painted on ${layer}`, () => page.evaluate(rangeCentre, [layer, text] as [string, string]));
    await page.moveMouse(point.x, point.y);
    const after = await until(`the card for "${text}"`, async () => {
      const all = await measures();
      return all.length > before && all;
    });
    return after[after.length - 1]!;
  }

  async function openDemo(file: string) {
    const page = await session.open(server.url(`/demo/${file}`));
    await scanned(page);
    return page;
  }

  /** Selects `phrase` with the real mouse and asks the page for a form, as the context menu does. */
  async function selectAndCompose(page: TestPage, phrase: string, mode: 'note' | 'follow', within = 'body') {
    await page.bringToFront();
    const ends = await page.evaluate(phraseEnds, [phrase, within] as [string, string]);
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
    // The passage's two actors; the form may add one more the page names, once the page has reported them.
    expect(note!.actorIds).toEqual(expect.arrayContaining([PUTIN, TRUMP]));
    expect(note!.actorIds.length).toBeLessThanOrEqual(3);
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

  it('a selection inside nothing, or an empty one, opens no form and says why', async () => {
    const page = await openDemo('en-summer-calls.html');
    await page.bringToFront();
    expect(await extensionPage.evaluate(composeInActiveTab, 'note')).toEqual({ ok: true, value: { opened: false, reason: 'no-selection' } });
    expect(await page.evaluate(formShown)).toBe(false);
    await page.close();
  });

  it('the note is in the side panel, marked as the reader’s own, and in the cards of both actors it names', async () => {
    const [note] = await notes();
    const page = await openDemo('en-summer-calls.html');
    const tabId = await tabOf(page);
    for (const [actor, text] of [[PUTIN, 'Putin'], [TRUMP, 'Donald Trump']] as const) {
      const card = await hoverRange(page, 'backstory-person', text, () => cardMeasures(page));
      expect(card.actor).toBe(actor);
      expect(card.notes).toEqual([note!.id]);
    }
    // Hovering the passage itself (away from the names in it) shows the note.
    const shown = await hoverRange(page, 'backstory-note', 'a happy Fourth', () => noteMeasures(page));
    expect(shown).toEqual({ note: note!.id, method: 'exact' });
    await page.screenshot(`${SHOTS}/note-card-${name}.png`);

    const panel = await session.openExtensionPage(`sidepanel.html?tab=${tabId}`);
    await until('the note in the timeline', () => panel.evaluate((id) => document.querySelector(`.tl-event.tl-own[data-note="${CSS.escape(id)}"]`)?.textContent ?? '', note!.id));
    expect(await panel.evaluate((id) => document.querySelector(`.tl-event.tl-own[data-note="${CSS.escape(id)}"]`)!.textContent, note!.id)).toContain('Birthday call');
    await panel.resize(400, 900);
    await panel.evaluate((id) => document.querySelector(`.tl-event.tl-own[data-note="${CSS.escape(id)}"]`)!.scrollIntoView({ block: 'center' }), note!.id);
    await panel.screenshot(`${SHOTS}/sidepanel-${name}.png`);
    await panel.close();
    await page.close();
  });

  it('after a reload, and on an edited copy of the page, the note is painted on its passage', async () => {
    const [note] = await notes();
    const page = await openDemo('en-summer-calls.html');
    await page.evaluate(() => {
      (window as { beforeReload?: boolean }).beforeReload = true;
      location.reload();
    });
    await until('the page reloaded', () => page.evaluate(() => !(window as { beforeReload?: boolean }).beforeReload && document.readyState === 'complete').catch(() => false));
    await until('the note painted after a reload', async () => (await paintedNotes(page).catch(() => [])).some((r) => r.text === PASSAGE), 15_000);
    // Anchoring waits for the names' first paint: the notes pass starts after the first scan ended.
    const order = await page.evaluate(() => {
      const [scan] = performance.getEntriesByName('backstory:scan');
      const [notes] = performance.getEntriesByName('backstory:notes') as PerformanceMeasure[];
      return { scanEnd: scan!.startTime + scan!.duration, notesStart: notes!.startTime, anchored: (notes!.detail as { anchored: number }).anchored };
    });
    expect(order.notesStart).toBeGreaterThanOrEqual(order.scanEnd);
    expect(order.anchored).toBe(1);
    await page.close();

    // A paragraph moved, a word added inside the passage, a line break in it; same canonical URL.
    const edited = await openDemo('en-summer-calls-edited.html');
    await until('the note painted on the edited passage', async () => (await paintedNotes(edited)).some((r) => r.text === EDITED_PASSAGE), 15_000);
    const shown = await hoverRange(edited, 'backstory-note', 'a happy Fourth', () => noteMeasures(edited));
    expect(shown).toEqual({ note: note!.id, method: 'fuzzy' });
    await edited.screenshot(`${SHOTS}/edited-${name}.png`);
    await edited.close();
  });

  it('a followed name is highlighted at once in another open tab, and on pages opened later', async () => {
    const other = await openDemo('en-normalisation.html');
    expect((await other.evaluate(paintedRanges)).some((r) => r.text === 'Demo Gazette')).toBe(false);
    const page = await openDemo('en-summer-calls.html');
    await selectAndCompose(page, 'Demo Gazette', 'follow', 'footer');
    await page.press('Enter');
    await until('the name followed', async () => ((await extensionPage.evaluate(readTable, 'readerActors')) as { name: string }[]).some((a) => a.name === 'Demo Gazette'));
    // The other tab was never touched: it learnt of the name from the background and scanned again.
    await until('the followed name painted in the other tab', async () => (await other.evaluate(paintedRanges)).some((r) => r.text === 'Demo Gazette'));
    const later = await openDemo('en-hostile.html');
    await until('the followed name painted on a page opened later', async () => (await later.evaluate(paintedRanges)).some((r) => r.text === 'Demo Gazette'));
    expect((await later.evaluate(paintedRanges)).find((r) => r.text === 'Demo Gazette')!.name).toBe('backstory-person');

    // Editable later, on the options page: made an organization, it is painted as one in the open tabs.
    const options = await session.openExtensionPage('options.html');
    await until('the followed name listed', () => options.evaluate(() => document.querySelector('.followed-name .followed-title')?.textContent === 'Demo Gazette'));
    await options.evaluate(() => document.querySelector<HTMLButtonElement>('.followed-name .followed-edit-button')!.click());
    await until('the edit form', () => options.evaluate(() => !!document.querySelector('.followed-edit')));
    await options.evaluate(() => document.querySelector<HTMLInputElement>('.followed-edit input[type="radio"][value="organization"]')!.click());
    await until('organization chosen', () => options.evaluate(() => document.querySelector<HTMLInputElement>('.followed-edit input[type="radio"][value="organization"]')!.checked));
    await options.evaluate(() => document.querySelector<HTMLButtonElement>('.followed-edit .followed-save')!.click());
    await until('the edit saved', () => options.evaluate(() => document.querySelector('.followed-name [data-kind]')?.getAttribute('data-kind') === 'organization'));
    await until('the followed name repainted as an organization', async () =>
      (await later.evaluate(paintedRanges)).some((r) => r.text === 'Demo Gazette' && r.name === 'backstory-organization'),
    );
    await options.close();
    for (const p of [other, page, later]) await p.close();
  });

  it('export, delete all, import gives the same notes back', async () => {
    const before = (await notes()).sort((a, b) => a.id.localeCompare(b.id));
    expect(before).toHaveLength(1);
    const options = await session.openExtensionPage('options.html');
    await until('the notes section', () => options.evaluate(() => /1/.test(document.querySelector('.reader-data .pack-counts')?.textContent ?? '')));
    // The download's content, caught where the page makes it (a Blob for an <a download>).
    const exported = await options.evaluate(async () => {
      const made: Blob[] = [];
      const original = URL.createObjectURL;
      URL.createObjectURL = (blob: Blob) => (made.push(blob), original.call(URL, blob));
      const button = [...document.querySelectorAll<HTMLButtonElement>('.reader-actions button')][0]!;
      button.click();
      for (let k = 0; k < 100 && made.length === 0; k++) await new Promise((r) => setTimeout(r, 50));
      URL.createObjectURL = original;
      return made[0]!.text();
    });
    const collection = JSON.parse(exported);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.first.items).toHaveLength(1);
    expect(collection.first.items[0].target.selector.map((s: { type: string }) => s.type).sort()).toEqual(['TextPositionSelector', 'TextQuoteSelector']);
    writeFileSync(`${SHOTS}/export-${name}.jsonld`, exported);

    // Delete all (two steps), then import the file through the file input.
    const clickByText = (text: string) =>
      options.evaluate((text) => [...document.querySelectorAll<HTMLButtonElement>('.reader-data button')].find((b) => b.textContent!.trim() === text)!.click(), text);
    await clickByText('Delete all notes…');
    await clickByText('Delete all notes');
    await until('every note deleted', async () => (await notes()).length === 0);
    await options.evaluate((text) => {
      const input = document.querySelector<HTMLInputElement>('#notes-import')!;
      const files = new DataTransfer();
      files.items.add(new File([text], 'backstory-notes.jsonld', { type: 'application/ld+json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, exported);
    await until('the notes imported', async () => (await notes()).length === 1);
    expect((await notes()).sort((a, b) => a.id.localeCompare(b.id))).toEqual(before);
    await options.close();
  });

  it('an update (the extension reloading) keeps every note, and the page still shows it anchored', async () => {
    const before = await notes();
    await session.restartExtension();
    extensionPage = await session.openExtensionPage('options.html');
    expect(await notes()).toEqual(before);
    const page = await openDemo('en-summer-calls.html');
    await until('the note painted after the update', async () => (await paintedNotes(page)).some((r) => r.text === PASSAGE), 15_000);
    await page.close();
  });

  it('a note whose passage is gone is kept, and shown as orphaned on that page in the side panel', async () => {
    const url = server.url('/demo/en-normalisation.html');
    const saved = await extensionPage.evaluate(async (source) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      const exact = 'A sentence this article never had, so its note cannot be anchored.';
      const note = { title: 'Gone passage', body: '', certainty: 'reported', actorIds: [], target: { source, pageTitle: 'x', quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' } } };
      return api.runtime.sendMessage({ type: 'note:save', payload: { note } });
    }, url);
    expect(saved.ok).toBe(true);
    const page = await openDemo('en-normalisation.html');
    const tabId = await tabOf(page);
    await until('the page reporting its orphan', () =>
      extensionPage.evaluate(async (tabId) => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        const reply = await api.runtime.sendMessage({ type: 'page:get', payload: { tabId } });
        return JSON.stringify(reply?.value?.notes ?? []);
      }, tabId).then((notes) => notes === JSON.stringify([{ id: saved.value.id, anchored: false }])),
    );
    expect(await paintedNotes(page)).toEqual([]);
    const panel = await session.openExtensionPage(`sidepanel.html?tab=${tabId}`);
    await until('the panel', () => panel.evaluate(() => document.querySelectorAll('.panel-tabs button').length >= 2));
    await panel.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.panel-tabs button')[1]!.click());
    const shown = await until('the orphan on this page', () => panel.evaluate(() => document.querySelector('.page-notes')?.textContent ?? ''));
    expect(shown).toContain('Gone passage');
    expect(shown).toContain('passage not found on this page');
    await panel.close();
    await page.close();
  });
});
