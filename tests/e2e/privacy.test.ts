/**
 * What a page can learn from Backstory, and what it can make Backstory do, against the PRODUCTION
 * build (the one readers install) in both real browsers: the hostile demo page records every window
 * message and every performance entry from its own scripts, defines <backstory-ui> as its own custom
 * element, and dispatches synthetic pointer events. Then what each context is shown when the tab moves
 * on: the popup speaks of the page in the tab now, and a switched-off site reports nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { BROWSERS, writeSettings, type Session, type TestPage } from './support/harness';
import { paintedRanges } from './support/probes';
import { until } from './support/wait';

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic({ '/demo/': 'data/demo' });
});
afterAll(() => server?.close());

/** Runs in the page: how many Backstory highlight ranges are painted (the registry a page can read). */
const paintedCount = () =>
  [...CSS.highlights].filter(([name]) => name.startsWith('backstory')).reduce((sum, [, h]) => sum + (h as unknown as { size: number }).size, 0);

/** Runs in the page: whether a Backstory card is on screen (its host: a <div> child of <html>, shown). */
const cardShown = () =>
  [...document.documentElement.children].some((el) => el.localName === 'div' && getComputedStyle(el).visibility === 'visible' && getComputedStyle(el).display === 'block');

/**
 * The id of the tab showing `page`, asked from an extension page while `page` is in front. (Tabs' URLs are
 * hidden from Backstory: it has no "tabs" permission, and its content script's matches do not lift that.)
 */
async function tabIdOf(page: TestPage, extensionPage: TestPage): Promise<number> {
  await page.bringToFront();
  return extensionPage.evaluate(async () => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    return (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0].id as number;
  });
}

/** Runs in an extension page: the background's report for a tab, asked as the side panel asks. */
async function reportOf(tabId: number): Promise<unknown> {
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  const reply = await api.runtime.sendMessage({ type: 'page:get', payload: { tabId } });
  return reply.ok ? reply.value : `error: ${reply.error.message}`;
}

/** Navigates the tab itself (as a link would) and waits for the new document. */
async function navigate(page: TestPage, url: string): Promise<void> {
  await page.evaluate((target) => void setTimeout(() => location.assign(target)), url);
  await until(`the tab to show ${url}`, () => page.evaluate((target) => location.href === target && document.readyState === 'complete', url).catch(() => false), 10_000);
}

describe.each(BROWSERS)('$name, production build', ({ name, launch }) => {
  let session: Session;
  let hostile: TestPage;
  const hostileUrl = () => server.url('/demo/en-hostile.html');
  beforeAll(async () => {
    session = await launch({ build: 'production' });
    hostile = await session.open(hostileUrl());
    await until('the first highlights', () => hostile.evaluate(paintedCount), 15_000);
  });
  afterAll(() => session?.close());

  it('the page hears no window message and sees no performance entry, before or after a card opens', async () => {
    const point = await until('a painted name', async () => (await hostile.evaluate(paintedRanges)).find((r) => r.text === 'Kirill Dmitriev'));
    await hostile.moveMouse(point.x, point.y);
    await until('the card to open under the real pointer', () => hostile.evaluate(cardShown), 10_000);
    const seen = await hostile.evaluate(() => ({
      heard: (window as any).__heard as unknown[],
      observed: (window as any).__perfSeen as string[],
      entries: performance.getEntries().map((e) => e.name).filter((n) => /backstory/i.test(n)),
    }));
    expect(seen).toEqual({ heard: [], observed: [], entries: [] });
    await hostile.moveMouse(5, 5);
    await until('the card to close', async () => !(await hostile.evaluate(cardShown)), 5_000);
  });

  it('a card opens even though the page defined <backstory-ui> as its own element first', async () => {
    const defined = await hostile.evaluate(() => !!customElements.get('backstory-ui'));
    expect(defined).toBe(true);
    // Our host is a plain <div>: the page's element was never created, its constructor never ran for us.
    expect(await hostile.evaluate(() => document.querySelectorAll('backstory-ui, [data-hijacked]').length)).toBe(0);
    const point = await until('a painted name', async () => (await hostile.evaluate(paintedRanges)).find((r) => r.text === 'Steve Witkoff'));
    await hostile.moveMouse(point.x, point.y);
    await until('the card to open', () => hostile.evaluate(cardShown), 10_000);
    await hostile.moveMouse(5, 5);
    await until('the card to close', async () => !(await hostile.evaluate(cardShown)), 5_000);
  });

  it('synthetic pointer events from the page open no card', async () => {
    const point = await until('a painted name', async () => (await hostile.evaluate(paintedRanges)).find((r) => r.text === 'Kirill Dmitriev'));
    await hostile.evaluate(({ x, y }) => {
      const target = document.elementFromPoint(x, y)!;
      for (const type of ['pointerover', 'pointerenter', 'pointermove', 'mouseover', 'mousemove'])
        target.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, composed: true }));
    }, point);
    // A negative check needs time to pass: three of the default 150 ms dwells, on a page at rest.
    await new Promise((settle) => setTimeout(settle, 450));
    expect(await hostile.evaluate(cardShown)).toBe(false);
  });

  it('a switched-off site gets no adopted sheet, no highlight and no report; the popup speaks of the page in the tab now', async () => {
    const options = await session.openExtensionPage('options.html');
    const tabId = await tabIdOf(hostile, options);
    await until('the hostile page report', () => options.evaluate(reportOf, tabId), 5_000);
    expect(await hostile.evaluate(() => document.adoptedStyleSheets.length)).toBe(1);

    // Same server, other host name: "localhost" is switched off, 127.0.0.1 is not.
    await writeSettings(options, { enabled: true, disabledSites: ['localhost'] });
    const offUrl = hostileUrl().replace('127.0.0.1', 'localhost');
    await navigate(hostile, offUrl);
    // The old report went with the old document, and the switched-off page sends none.
    await until('the old report to be forgotten', async () => (await options.evaluate(reportOf, tabId)) === null, 5_000);
    const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
    await until('the popup to name the site in the tab', () => popup.evaluate(() => document.querySelector('.switch span')?.textContent?.includes('localhost') ?? false));
    expect(await popup.evaluate(() => (document.querySelector('.switch input') as HTMLInputElement).checked)).toBe(false);
    expect(await popup.evaluate(() => document.querySelector('.popup-count')?.textContent)).toMatch(/off|spent/i);
    await popup.close();
    expect(await hostile.evaluate(() => ({ sheets: document.adoptedStyleSheets.length, painted: [...CSS.highlights.keys()].filter((n) => n.startsWith('backstory')) }))).toEqual({ sheets: 0, painted: [] });
    expect(await options.evaluate(reportOf, tabId)).toBeNull();

    // A page Backstory does not read: the popup says so, and offers no switch for the site before.
    await navigate(hostile, 'about:blank').catch(() => undefined);
    const blankPopup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
    await until('the popup to say it does not read this page', () => blankPopup.evaluate(() => !!document.querySelector('.note') && !document.querySelector('.switch')));
    await blankPopup.close();

    // Switching the site back on paints again, with the sheet adopted again.
    await navigate(hostile, offUrl);
    await writeSettings(options, { enabled: true, disabledSites: [] });
    await until('highlights after switching on', () => hostile.evaluate(paintedCount), 10_000);
    expect(await hostile.evaluate(() => document.adoptedStyleSheets.length)).toBe(1);
    await options.close();
    console.log(`${name}: privacy checks passed`);
  });

  it('the popup and the options page cannot undo each other\'s change', async () => {
    const options = await session.openExtensionPage('options.html');
    const tabId = await tabIdOf(hostile, options);
    const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
    await until('the popup switch', () => popup.evaluate(() => !!document.querySelector('.switch input')));
    // The options page was opened before the popup switched the site off; its next save must keep that.
    await popup.evaluate(() => (document.querySelector('.switch input') as HTMLInputElement).click());
    const stored = () =>
      options.evaluate(async () => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        return (await api.storage.local.get('backstory:settings'))['backstory:settings'] as { disabledSites: string[]; style: string };
      });
    await until('the popup to switch the site off', async () => (await stored())?.disabledSites.length === 1);
    await options.evaluate(() => (document.querySelector('input[name="style"][value="underline"]') as HTMLInputElement).click());
    await until('the options page to save its change', async () => (await stored()).style === 'underline');
    expect((await stored()).disabledSites).toEqual(['localhost']);
    await writeSettings(options, {});
    await popup.close();
    await options.close();
  });
});
