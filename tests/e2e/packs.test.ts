/**
 * Importing and managing packs on the options page, in both real browsers against the built extension:
 * the example pack imported by drag-and-drop highlights its names on an open page at once and puts its
 * events in the side panel's timeline; switched off, both go; every hostile file shows its problem and
 * leaves the database exactly as it was (row counts of every table); markup in a pack stays text;
 * remove, then undo, brings it back; a large import and a large pack's switch-on, cancelled half-way,
 * leave every table as it was.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { BROWSERS, type Session, type TestPage } from './support/harness';
import { paintedRanges } from './support/probes';
import { scanned, until as untilWithin } from './support/wait';

/** Extension pages in a cold Firefox, and a rescan after a pack change, can take a few seconds. */
const until = <T,>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000) => untilWithin(what, probe, timeoutMs);

const SHOTS = 'test-results/packs';
const EXAMPLE = readFileSync('data/packs/examples/example-brenmoor.json', 'utf8');
const fixture = (name: string) => readFileSync(`tests/fixtures/packs/${name}`, 'utf8');
const EXAMPLE_NAMES = ['Odile Varnier', 'Brenmoor Town Council', 'Tomas Ekwall', 'Brenmoor Water Board'];

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic({ '/packs/': 'tests/fixtures/packs' });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => server?.close());

/** Runs in the options page: drops a file on the import area as a reader's drag-and-drop does. */
function dropFile([name, text, fakeMegabytes]: [string, string, number]) {
  // A file of fakeMegabytes MB made of one 1 MB part repeated: the parts are shared, not copied.
  const parts: BlobPart[] = fakeMegabytes ? Array(fakeMegabytes).fill(new Blob([new Uint8Array(1024 * 1024)])) : [text];
  const transfer = new DataTransfer();
  transfer.items.add(new File(parts, name, { type: 'application/json' }));
  const zone = document.querySelector('.pack-drop')!;
  zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
}

/**
 * Runs in the options page: drops a pack made from the example, `actors` people with five events each
 * (its ids, names and events renumbered), large enough that writing it takes seconds in either browser.
 */
function dropLargePack([example, actors]: [string, number]) {
  const pack = JSON.parse(example);
  const person = pack.actors[0];
  const event = pack.events[0];
  pack.id = 'example-large';
  pack.title = { en: 'Large example pack', it: 'Pacchetto di esempio grande' };
  pack.actors = [];
  pack.events = [];
  for (let i = 0; i < actors; i++) {
    const id = `person-${i}`;
    pack.actors.push({ ...person, id, name: { en: `Person ${i}`, it: `Persona ${i}` }, aliases: [{ text: `Person Number${i}`, lang: 'en' }], relations: [] });
    for (let k = 0; k < 5; k++) pack.events.push({ ...event, id: `event-${i}-${k}`, actors: [{ actor: id, role: 'participant' }] });
  }
  const transfer = new DataTransfer();
  transfer.items.add(new File([JSON.stringify(pack)], 'example-large.json', { type: 'application/json' }));
  const zone = document.querySelector('.pack-drop')!;
  zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
}

/** Runs in the options page: the progress shown while a pack's rows are written, once some are. */
function writingProgress() {
  const box = document.querySelector('.pack-outcome[data-outcome="working"][data-phase="writing"]');
  const bar = box?.querySelector('progress');
  return bar && bar.value > 0 && bar.value < bar.max ? { done: bar.value, total: bar.max } : null;
}

/** Runs in an extension page: the number of rows in every table of Backstory's database. */
async function rowCounts(): Promise<Record<string, number>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('backstory');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names);
  const counts = await Promise.all(
    names.map((name) => new Promise<[string, number]>((resolve) => {
      const count = tx.objectStore(name).count();
      count.onsuccess = () => resolve([name, count.result]);
    })),
  );
  db.close();
  return Object.fromEntries(counts);
}

/** Runs in the options page: what the import area says now. */
function importOutcome() {
  const box = document.querySelector('.pack-outcome');
  return { kind: box?.getAttribute('data-outcome') ?? null, text: box?.textContent ?? '' };
}

const click = (page: TestPage, selector: string) =>
  page.evaluate((s) => {
    const element = document.querySelector(s) as HTMLElement | null;
    element?.click();
    return !!element;
  }, selector);

describe.each(BROWSERS)('$name', ({ name, launch }) => {
  let session: Session;
  let options: TestPage;
  let demo: TestPage;
  let tabId: number;

  const painted = async () => (await demo.evaluate(paintedRanges)).map((r) => r.text);
  const hasPack = (id: string) => options.evaluate((id) => !!document.querySelector(`.pack-list [data-pack-id="${id}"]`), id);

  beforeAll(async () => {
    session = await launch();
    demo = await session.open(server.url('/packs/example-page.html'));
    await scanned(demo, 1, 10_000);
    options = await session.openExtensionPage('options.html');
    await options.waitFor('[data-store="ready"]', 30_000);
    await options.waitFor('.pack-list [data-pack-id="us-russia-2025"]');
    await demo.bringToFront();
    tabId = await options.evaluate(async () => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      return (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0].id as number;
    });
  }, 60_000);
  afterAll(() => session?.close());

  it('imports the example: its names highlight on the open page at once, its events are in the timeline', async () => {
    expect(await painted()).toEqual([]);
    await options.evaluate(dropFile, ['example-brenmoor.json', EXAMPLE, 0]);
    await until('the import to finish', async () => (await options.evaluate(importOutcome)).kind === 'done');
    expect((await options.evaluate(importOutcome)).text).toContain('Example pack: the Brenmoor water dispute');
    await until('the pack in the list', () => hasPack('example-brenmoor'));
    await until('the example names highlighted without a reload', async () => {
      const now = await painted();
      return EXAMPLE_NAMES.every((n) => now.includes(n));
    });
    expect(new Set(await painted())).toEqual(new Set(EXAMPLE_NAMES));

    const panel = await session.openExtensionPage(`sidepanel.html?tab=${tabId}`);
    await until('the example events in the timeline', () =>
      panel.evaluate(() => ['council-review-vote', 'water-board-hearing'].every((id) => document.querySelector(`.tl-event[data-event*="${id}"]`))),
    );
    await panel.close();
    await options.bringToFront();
    await options.evaluate(() => document.getElementById('packs-heading')!.scrollIntoView());
    await options.screenshot(`${SHOTS}/options-${name}.png`);
  });

  it('switched off, its names and events go; switched on, they come back', async () => {
    const panel = await session.openExtensionPage(`sidepanel.html?tab=${tabId}`);
    const inTimeline = () => panel.evaluate(() => !!document.querySelector('.tl-event[data-event*="council-review-vote"]'));
    await until('the timeline', inTimeline);
    expect(await click(options, '[data-pack-id="example-brenmoor"] input[name="pack-enabled"]')).toBe(true);
    await until('the pack marked off', () => options.evaluate(() => document.querySelector('[data-pack-id="example-brenmoor"]')?.getAttribute('data-enabled') === 'false'));
    await until('the highlights gone', async () => (await painted()).length === 0);
    await until('the events gone from the timeline', async () => !(await inTimeline()));
    expect(await options.evaluate(rowCounts)).toMatchObject({ packs: 2, packFiles: 2 });

    await click(options, '[data-pack-id="example-brenmoor"] input[name="pack-enabled"]');
    await until('the highlights back', async () => (await painted()).length >= 4);
    await until('the events back in the timeline', inTimeline);
    await panel.close();
  });

  it('refuses every hostile file with its problem, leaving every table as it was', async () => {
    const before = await options.evaluate(rowCounts);
    const cases: [file: string, text: string, fakeMegabytes: number, shows: RegExp][] = [
      ['not-json.json', fixture('not-json.json'), 0, /\(file\)\s*the file is not JSON/],
      ['wrong-shape.json', fixture('wrong-shape.json'), 0, /\(pack\)/],
      ['dangling-reference.json', fixture('dangling-reference.json'), 0, /events\[1\]\.actors\[0\]\.actor\s*unknown actor "nobody-here"/],
      ['deeply-nested.json', fixture('deeply-nested.json'), 0, /nests deeper than 32 levels/],
      ['bad-urls.json', fixture('bad-urls.json'), 0, /sources\[0\]\.url\s*only http and https links are allowed[^]*sources\[1\]\.url/],
      ['duplicate-id.json', fixture('duplicate-id.json'), 0, /actors\[1\]\.id\s*duplicate id "odile-varnier"/],
      ['builtin-id.json', fixture('builtin-id.json'), 0, /"us-russia-2025" is the id of Backstory/],
      ['huge.json', '', 200, /huge\.json is 200 MB: packs of up to 190 MB can be imported/],
    ];
    const shown: string[] = [];
    for (const [file, text, fake, shows] of cases) {
      await options.evaluate(dropFile, [file, text, fake]);
      const outcome = await until(`${file}: its problem`, async () => {
        const now = await options.evaluate(importOutcome);
        return (now.kind === 'refused' || now.kind === 'problem') && now.text.includes(file) ? now : null;
      });
      expect(outcome.text, file).toMatch(shows);
      shown.push(`${file}: ${outcome.text.slice(0, 160)}`);
      expect(await options.evaluate(rowCounts), file).toEqual(before);
    }
    console.log(`[${name}] hostile files:\n${shown.join('\n')}`);
  });

  it('shows markup in a pack as text: no element is created from it', async () => {
    await options.evaluate(dropFile, ['html-strings.json', fixture('html-strings.json'), 0]);
    await until('the pack in the list', () => hasPack('example-markup'));
    const seen = await options.evaluate(() => {
      const item = document.querySelector('[data-pack-id="example-markup"]')!;
      return { title: item.querySelector('h3')!.textContent, elements: item.querySelectorAll('img, script').length, pageTitle: document.title };
    });
    expect(seen.title).toContain('<script>document.title="pwned"</script>');
    expect(seen.elements).toBe(0);
    expect(seen.pageTitle).not.toBe('pwned');
    const panel = await session.openExtensionPage(`sidepanel.html?tab=${tabId}`);
    await until('its events in the timeline', () => panel.evaluate(() => !!document.querySelector('.tl-event[data-event^="example-markup/"]')));
    expect(await panel.evaluate(() => ({ elements: document.querySelectorAll('.tl-event img, .tl-event script').length, title: document.title }))).toEqual({ elements: 0, title: expect.not.stringContaining('pwned') });
    await panel.close();
    await click(options, '[data-pack-id="example-markup"] .pack-remove');
    await until('the markup pack removed', async () => !(await hasPack('example-markup')));
  });

  it('remove, then undo: the pack is back with its highlights', async () => {
    const before = await options.evaluate(rowCounts);
    await click(options, '[data-pack-id="example-brenmoor"] .pack-remove');
    await until('the pack gone from the list', async () => !(await hasPack('example-brenmoor')));
    await until('the highlights gone', async () => (await painted()).length === 0);
    await until('the undo offered', () => options.evaluate(() => !!document.querySelector('.pack-undo')));
    await click(options, '.pack-undo');
    await until('the pack back in the list', () => hasPack('example-brenmoor'));
    await until('the highlights back', async () => (await painted()).length >= 4);
    expect(await options.evaluate(rowCounts)).toEqual(before);
    expect(options.errors).toEqual([]);
  });
  it('the same version asks first and keeping it changes nothing; a higher version updates at once', async () => {
    const before = await options.evaluate(rowCounts);
    await options.evaluate(dropFile, ['example-again.json', EXAMPLE, 0]);
    await until('the question', async () => (await options.evaluate(importOutcome)).kind === 'confirm');
    expect((await options.evaluate(importOutcome)).text).toContain('1.0.0');
    await click(options, '.pack-keep');
    await until('the question gone', async () => (await options.evaluate(importOutcome)).kind === null);
    expect(await options.evaluate(rowCounts)).toEqual(before);

    const newer = JSON.parse(EXAMPLE);
    newer.version = '1.1.0';
    await options.evaluate(dropFile, ['example-newer.json', JSON.stringify(newer), 0]);
    await until('the update', async () => (await options.evaluate(importOutcome)).kind === 'done');
    expect((await options.evaluate(importOutcome)).text).toContain('1.1.0');
    await until('the new version listed', () => options.evaluate(() => document.querySelector('[data-pack-id="example-brenmoor"] .pack-meta')?.textContent?.includes('1.1.0') ?? false));
    // The page scans again for the new version: its names come back.
    await until('the names highlighted from the new version', async () => {
      const now = await painted();
      return EXAMPLE_NAMES.every((n) => now.includes(n));
    });
  });

  it('a large import, and switching a large pack back on, can be cancelled half-way: nothing changes', async () => {
    const before = await options.evaluate(rowCounts);
    await options.evaluate(dropLargePack, [EXAMPLE, 20_000]);
    await until('the import writing', () => options.evaluate(writingProgress), 60_000);
    expect(await click(options, '.pack-cancel')).toBe(true);
    await until('the import cancelled', async () => (await options.evaluate(importOutcome)).kind === 'done', 30_000);
    expect((await options.evaluate(importOutcome)).text).toContain('Import cancelled');
    expect(await options.evaluate(rowCounts)).toEqual(before);
    expect(await hasPack('example-large')).toBe(false);

    await options.evaluate(dropLargePack, [EXAMPLE, 20_000]);
    await until('the large pack installed', async () => (await options.evaluate(importOutcome)).text.includes('Large example pack'), 120_000);
    await until('the large pack in the list', () => hasPack('example-large'));
    await click(options, '[data-pack-id="example-large"] input[name="pack-enabled"]');
    await until('the large pack off', () => options.evaluate(() => document.querySelector('[data-pack-id="example-large"]')?.getAttribute('data-enabled') === 'false'), 60_000);
    await until('the switch free again', () => options.evaluate(() => !document.querySelector('[data-pack-id="example-large"] input[name="pack-enabled"]:disabled')));
    const off = await options.evaluate(rowCounts);
    await click(options, '[data-pack-id="example-large"] input[name="pack-enabled"]');
    const shown = await until('the switch-on writing', () => options.evaluate(() => (document.querySelector('.pack-outcome[data-phase="writing"]') ? document.querySelector('.pack-outcome')!.textContent : null)), 60_000);
    expect(shown).toContain('Writing Large example pack again');
    await until('the switch-on writing some rows', () => options.evaluate(writingProgress), 60_000);
    await options.screenshot(`${SHOTS}/switch-on-${name}.png`);
    expect(await click(options, '.pack-cancel')).toBe(true);
    await until('the switch-on cancelled', async () => (await options.evaluate(importOutcome)).text.includes('Cancelled: the pack is as it was.'), 30_000);
    expect(await options.evaluate(() => document.querySelector('[data-pack-id="example-large"]')?.getAttribute('data-enabled'))).toBe('false');
    expect(await options.evaluate(rowCounts)).toEqual(off);
    await click(options, '[data-pack-id="example-large"] .pack-remove');
    await until('the large pack removed', async () => !(await hasPack('example-large')), 30_000);
    expect(options.errors).toEqual([]);
  }, 300_000);
});
