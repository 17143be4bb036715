/**
 * The hover card in both real browsers, driven by a real mouse: dwell opens it beside the mention
 * with the events that matter for the page, the card stays while hovered, leaving closes it after the
 * grace, the keyboard route moves focus into it and Escape gives focus back. The card lives in a
 * closed shadow root, so the page (and this test) sees only its host element and the card's own
 * `backstory:card` measure, which carries what it showed. How fast it paints is a figure of
 * `npm run bench`, not a pass/fail check here: this machine's load decides wall-clock times.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { BROWSERS, writeSettings, type Session, type TestPage } from './support/harness';
import { scanned, until } from './support/wait';

interface CardMeasure {
  lang: string;
  actor: string;
  /** Fetched ahead by the page, not for this hover. */
  warmed: boolean;
  events: string[];
  later: string[];
  side: 'below' | 'above';
  focus: boolean;
}

type Box = { left: number; top: number; right: number; bottom: number };

const SHOTS = 'test-results/card';

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic({ '/demo/': 'data/demo' });
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => server?.close());

/** Runs in the page: the viewport box of the first highlight whose text is `text`. */
function mentionBox(text: string): Box | null {
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('backstory') || name === 'backstory-focus') continue;
    for (const r of highlight as unknown as Iterable<AbstractRange>) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      if (range.toString().replace(/\s+/g, ' ') !== text) continue;
      const box = range.getClientRects()[0]!;
      return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
    }
  }
  return null;
}

/** Runs in the page: the card host's box, or null while no card is shown. */
function cardBox(): Box | null {
  const host = document.querySelector('html > div');
  if (!host) return null;
  const style = getComputedStyle(host);
  if (style.display === 'none' || style.visibility === 'hidden') return null; // absent, or prepared during a dwell
  const { left, top, right, bottom } = host.getBoundingClientRect();
  return { left, top, right, bottom };
}

const cardMeasures = (page: TestPage) =>
  page.evaluate(() =>
    performance.getEntriesByName('backstory:card').map((e) => JSON.parse(JSON.stringify((e as PerformanceMeasure).detail))),
  ) as Promise<CardMeasure[]>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Runs in the page: resolves after two frames, i.e. once whatever changed before has been painted. */
const twoFrames = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
const centre = (box: Box): [number, number] => [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe.each(BROWSERS)('$name', ({ name, launch }) => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(() => session?.close());

  async function openDemo(file: string) {
    const page = await session.open(server.url(`/demo/${file}`));
    await scanned(page);
    return page;
  }

  /** Runs `body` with the reader's dwell set to `dwellMs` (from the options page), then sets the default back. */
  async function withDwell(dwellMs: number, body: () => Promise<void>) {
    const options = await session.openExtensionPage('options.html');
    const setDwell = (value: number) => writeSettings(options, { enabled: true, disabledSites: [], dwellMs: value });
    await setDwell(dwellMs);
    try {
      await body();
    } finally {
      await setDwell(150);
      await options.close();
    }
  }

  async function hover(page: TestPage, text: string) {
    const box = await until(`a highlight "${text}"`, () => page.evaluate(mentionBox, text));
    const before = (await cardMeasures(page)).length;
    await page.moveMouse(...centre(box));
    const measures = await until('the card', async () => {
      const all = await cardMeasures(page);
      return all.length > before && all;
    });
    const measure = measures[measures.length - 1]!;
    return { box, measure, card: (await page.evaluate(cardBox))! };
  }

  it('hovering a name opens its card beside it, with the events that matter for the article first', async () => {
    const page = await openDemo('it-cremlino-dicembre.html');
    expect(await page.evaluate(() => document.querySelector('html > div'))).toBeNull(); // mounted lazily, not before
    const { box, measure, card } = await hover(page, 'Vladimir Putin');
    expect(measure.actor).toBe('us-russia-2025/vladimir-putin');
    // Dated 3 Dec 2025 and naming Witkoff: their 2 Dec Kremlin meeting comes first; Bishkek (4 Dec) is later.
    expect(measure.events[0]).toBe('us-russia-2025/witkoff-kushner-putin-kremlin-2025-12-02');
    expect(measure.later).toEqual(measure.events.filter((e) => e.endsWith('2025-12-04')));
    expect(overlaps(card, box)).toBe(false);
    const viewport = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: innerHeight }));
    expect(card.left).toBeGreaterThanOrEqual(0);
    expect(card.right).toBeLessThanOrEqual(viewport.width);
    expect(card.bottom).toBeLessThanOrEqual(viewport.height);
    await page.screenshot(`${SHOTS}/${name}-light.png`);
    await page.close();
  });

  it('loads the card UI into the page only once a name is hovered, while the pointer rests, once per page', async () => {
    const page = await openDemo('it-cremlino-dicembre.html');
    const uiLoads = () => page.evaluate(() => performance.getEntriesByName('backstory:card-ui').map((e) => ({ start: e.startTime, end: e.startTime + e.duration })));
    // Nothing announces a load that did not happen: the page is read for a while with no name hovered.
    const reading = 500;
    await sleep(reading);
    expect(await uiLoads()).toEqual([]);
    await hover(page, 'Vladimir Putin');
    const cards = () => page.evaluate(() => performance.getEntriesByName('backstory:card').map((e) => e.startTime));
    // Asked for when the pointer landed: before the dwell ended (the card's measure starts there).
    const [load] = await uiLoads();
    const [dwellEnd] = await cards();
    console.log(`card UI: asked ${(dwellEnd! - load!.start).toFixed(0)} ms before the dwell ended, loaded in ${(load!.end - load!.start).toFixed(0)} ms`);
    expect(load!.start).toBeLessThan(dwellEnd!);
    const { width, height } = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    await page.moveMouse(width - 4, height - 4);
    await until('the card to close', async () => (await page.evaluate(cardBox)) === null, 3_000);
    await hover(page, 'Steve Witkoff');
    expect(await uiLoads()).toHaveLength(1);
    await page.close();
  });

  it('fetches the cards of the page’s most-named actors once its passes are done: a hover then needs no answer from the background', async () => {
    const page = await openDemo('it-cremlino-dicembre.html');
    const warmedCards = () => page.evaluate(() => performance.getEntriesByName('backstory:cards').map((e) => (e as PerformanceMeasure).detail.warmed as number));
    await expect.poll(warmedCards, { timeout: 15_000 }).toEqual([expect.any(Number)]);
    expect((await warmedCards())[0]).toBeGreaterThanOrEqual(4);
    // Chromium: with the worker stopped, only the page's own copy can paint the card.
    await session.stopServiceWorker?.();
    const { measure } = await hover(page, 'Donald Trump');
    expect(measure).toMatchObject({ actor: 'us-russia-2025/donald-trump', warmed: true });
    await page.close();
  });

  // Chrome stops an idle MV3 worker after ~30 s: any hover after a minute of reading wakes a fresh one.
  // Firefox's MV2 background page lives as long as the browser.
  if (name === 'chromium') {
    it('a hover after Chrome stopped the idle service worker still opens the card', async () => {
      const page = await openDemo('it-cremlino-dicembre.html');
      await session.stopServiceWorker!();
      const { measure } = await hover(page, 'Donald Trump');
      expect(measure.actor).toBe('us-russia-2025/donald-trump');
      await page.close();
    });
  }

  it('stays open while the card is hovered, closes after the grace once the pointer leaves both', async () => {
    const page = await openDemo('it-cremlino-dicembre.html');
    const { card } = await hover(page, 'Steve Witkoff');
    await page.moveMouse((card.left + card.right) / 2, card.top + 12);
    // Nothing announces a grace that did not run out: the pointer rests on the card for over twice the grace.
    const overTwiceTheGrace = 700;
    await sleep(overTwiceTheGrace);
    expect(await page.evaluate(cardBox)).not.toBeNull();
    // The page itself times the close, from the first move off the card to the first frame without it, so a
    // slow test process cannot make the card look closed early.
    await page.evaluate(() => {
      const state: { leftAt?: number; closedAfter?: number } = {};
      (window as unknown as { closing: typeof state }).closing = state;
      addEventListener('pointermove', (event) => {
        if (state.leftAt === undefined && !(event.target as Element).matches?.('html > div')) state.leftAt = event.timeStamp;
      }, true);
      const check = () => {
        const host = document.querySelector('html > div');
        const shown = host && getComputedStyle(host).display !== 'none' && getComputedStyle(host).visibility !== 'hidden';
        if (!shown && state.leftAt !== undefined) state.closedAfter = performance.now() - state.leftAt;
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    await page.moveMouse(2, 2);
    const closedAfter = await until(
      'the card to close',
      () => page.evaluate(() => (window as unknown as { closing: { closedAfter?: number } }).closing.closedAfter),
      3_000,
    );
    // 300 ms grace; a few ms of slack for Firefox's coarser timestamps.
    expect(closedAfter).toBeGreaterThanOrEqual(290);
    await page.close();
  });

  it('a pointer that only passes over a name opens nothing, and a late answer for it is dropped', async () => {
    // The pass must really be shorter than the dwell: on a loaded machine a 30 ms pass reaches the page
    // as 40–200 ms, so the reader's dwell setting is raised to 600 ms here and the time on the name is
    // read from when the page received the moves. The pointer leaves to the top-left corner, where the
    // card waits, prepared and hidden, during the dwell: it must not catch the pointer (browser-quirks #28).
    await withDwell(600, async () => {
      for (let attempt = 1; ; attempt++) {
        const page = await openDemo('it-cremlino-dicembre.html');
        const box = await until('a highlight', () => page.evaluate(mentionBox, 'Jared Kushner'));
        await page.evaluate(() => {
          const moves: number[] = [];
          (window as unknown as { moves: number[] }).moves = moves;
          addEventListener('pointermove', (event) => moves.push(performance.now(), event.clientX), true);
        });
        await page.moveMouse(...centre(box));
        const briefly = 30; // the pass itself: the time on the name is checked below
        await sleep(briefly);
        await page.moveMouse(2, 2); // where the card waits, prepared and hidden, during the dwell
        // Nothing announces a dwell that was cancelled: wait past the 600 ms dwell and the paint that would follow.
        const pastTheDwell = 1_000;
        await sleep(pastTheDwell);
        const onName = await page.evaluate((left) => {
          const moves = (window as unknown as { moves: number[] }).moves;
          const arrived = moves.findIndex((value, k) => k % 2 === 1 && value >= left);
          const gone = moves.findIndex((value, k) => k % 2 === 1 && k > arrived && value < left);
          return arrived < 0 || gone < 0 ? Infinity : moves[gone - 1]! - moves[arrived - 1]!;
        }, box.left);
        console.log(`quick pass, attempt ${attempt}: ${onName.toFixed(0)} ms on the name`);
        if (onName >= 400 && attempt < 3) {
          await page.close();
          continue;
        }
        expect(onName, 'the pointer rested on the name for less than the 600 ms dwell').toBeLessThan(400);
        expect(await cardMeasures(page)).toEqual([]);
        expect(await page.evaluate(cardBox)).toBeNull();
        await page.close();
        return;
      }
    });
  });

  it('pointer events a page script dispatches open no card: only the reader’s pointer counts', async () => {
    const page = await openDemo('it-cremlino-dicembre.html');
    const box = await until('a highlight', () => page.evaluate(mentionBox, 'Vladimir Putin'));
    // The page "rests" a synthetic pointer on the name for longer than the 150 ms dwell.
    await page.evaluate(async ([x, y]) => {
      const target = document.elementFromPoint(x, y) ?? document.body;
      for (let i = 0; i < 8; i++) {
        target.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true, composed: true }));
        await new Promise((r) => setTimeout(r, 50));
      }
    }, centre(box));
    // Nothing announces an ignored event: wait past the dwell and the paint that would follow. (Had the
    // moves counted, the card would also have been prepared, i.e. mounted, at once.)
    const pastTheDwell = 500;
    await sleep(pastTheDwell);
    expect(await page.evaluate(() => document.querySelector('html > div'))).toBeNull();
    expect(await cardMeasures(page)).toEqual([]);
    // The reader's own pointer still opens it on the same page.
    const { measure } = await hover(page, 'Vladimir Putin');
    expect(measure.actor).toBe('us-russia-2025/vladimir-putin');
    await page.close();
  });

  it('the card prepared during the dwell is neither seen nor in the way before the dwell ends', async () => {
    // Prepared cards wait unplaced at the top-left corner; a long dwell leaves time to look there.
    await withDwell(3_000, async () => {
      const page = await openDemo('it-cremlino-dicembre.html');
      const corner = { x: 0, y: 0, width: 400, height: 300 };
      const before = await page.capture(corner);
      const box = await until('a highlight', () => page.evaluate(mentionBox, 'Vladimir Putin'));
      await page.moveMouse(...centre(box));
      await until('the card to be prepared', () =>
        page.evaluate(() => getComputedStyle(document.querySelector('html > div') ?? document.body).display === 'block'),
      );
      await page.evaluate(twoFrames); // painted, if it were to be
      expect(await page.evaluate(cardBox)).toBeNull();
      expect(Buffer.from(await page.capture(corner)).equals(Buffer.from(before)), 'the top-left corner changed during the dwell').toBe(true);
      expect(await page.evaluate(() => document.elementFromPoint(20, 20)?.matches('html > div') ?? false)).toBe(false);
      await page.close();
    });
  });

  it('flips above a mention near the bottom edge and stays inside near the right edge; follows dark mode', async () => {
    const dark = await launch({ colorScheme: 'dark' });
    const page = await dark.open(server.url('/demo/it-cremlino-dicembre.html'));
    await scanned(page);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    // Push the first paragraph's text to the right edge, then down until the name sits just above the viewport's bottom.
    await page.evaluate(() => {
      (document.querySelector('article p:not(.byline)') as HTMLElement).style.textAlign = 'right';
    });
    const box = await until('a highlight', () => page.evaluate(mentionBox, 'Kirill Dmitriev'));
    await page.evaluate((bottom) => {
      (document.querySelector('article p:not(.byline)') as HTMLElement).style.marginTop = `${innerHeight - 30 - bottom}px`;
    }, box.bottom);
    const { box: moved, measure, card } = await hover(page, 'Kirill Dmitriev');
    expect(measure.side).toBe('above');
    expect(overlaps(card, moved)).toBe(false);
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    expect(card.right).toBeLessThanOrEqual(width);
    expect(card.top).toBeGreaterThanOrEqual(0);
    await page.screenshot(`${SHOTS}/${name}-dark-edges.png`);
    await dark.close();
  });

  it('keyboard route: the next-mention command opens a card with focus inside, Escape gives focus back', async () => {
    const page = await openDemo('en-summer-calls.html');
    const options = await session.openExtensionPage('options.html');
    await page.bringToFront();
    const step = (direction: 1 | -1) =>
      options.evaluate(async (direction) => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
        return api.tabs.sendMessage(tab.id, { type: 'mention:step', payload: { direction } });
      }, direction);
    const first = await step(1);
    expect(first).toMatchObject({ ok: true });
    const measure = await until('the card', async () => (await cardMeasures(page)).find((m) => m.focus));
    expect(measure.actor).toBe(first.value.actor);
    expect(await page.evaluate(() => document.activeElement?.matches('html > div') ?? false)).toBe(true);
    expect(await page.evaluate(() => CSS.highlights.has('backstory-focus'))).toBe(true);
    await page.screenshot(`${SHOTS}/${name}-keyboard.png`);
    const second = await step(1);
    await until('a second card', async () => (await cardMeasures(page)).filter((m) => m.focus).length >= 2);
    const previous = await step(-1);
    expect(previous.value.actor).toBe(first.value.actor);
    await until('a third card', async () => (await cardMeasures(page)).filter((m) => m.focus).length >= 3);
    expect(second.value.actor).toBeTruthy();
    await page.press('Escape');
    await until('the card to close', async () => (await page.evaluate(cardBox)) === null, 2_000);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
    await options.close();
    await page.close();
  });

  it('speaks Italian in an Italian browser, and its timeline button hands the actor to the timeline', async () => {
    const italian = await launch({ locale: 'it' });
    const page = await italian.open(server.url('/demo/it-telefonata-febbraio.html'));
    await scanned(page);
    const box = await until('a highlight', () => page.evaluate(mentionBox, 'Putin'));
    await page.moveMouse(...centre(box));
    const measure = await until('the card', async () => (await cardMeasures(page))[0]);
    expect(measure).toMatchObject({ lang: 'it', actor: 'us-russia-2025/vladimir-putin' });
    // Dated 10 Feb 2025: the February claims come first; the 12 February call is later than the article.
    expect(measure.events[0]).toMatch(/^us-russia-2025\/(claimed-trump-putin-call-feb-2025|trump-new-york-post-interview|trump-hints-saudi-summit|waltz-declines-details-on-call)$/);
    await page.screenshot(`${SHOTS}/${name}-italian.png`);
    // The card's last line is the timeline button: click it like a reader.
    const card = (await page.evaluate(cardBox))!;
    await page.moveMouse((card.left + card.right) / 2, card.bottom - 40);
    await page.click((card.left + card.right) / 2, card.bottom - 24);
    const options = await italian.openExtensionPage('options.html');
    const focus = await until('the timeline focus', () =>
      options.evaluate(async () => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        return (await api.storage.session.get('backstory:focus'))['backstory:focus'];
      }),
    );
    expect(focus.actor).toBe('us-russia-2025/vladimir-putin');
    // Chrome opens its side panel within the click's gesture. Firefox passes no page gesture to the
    // background, but it opened the sidebar by itself at install, and an open sidebar follows the focus
    // (a closed one would give way to a window: docs/browser-quirks.md #19). Either way the timeline now
    // shows Putin.
    const shown = await until('the timeline to show Putin', () =>
      options.evaluate(() => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        const views = (api.extension.getViews() as Window[]).filter((view) => view.location.pathname.endsWith('sidepanel.html'));
        const names = views.map((view) => view.document.querySelector('.card-name')?.textContent);
        return names.includes('Vladimir Putin') && views.map((view) => view.location.href);
      }),
    );
    expect(shown).toEqual([expect.stringMatching(/sidepanel\.html$/)]);
    const panel = await italian.openExtensionPage('sidepanel.html?actor=us-russia-2025%2Fvladimir-putin');
    await panel.waitFor('.card .event');
    await panel.screenshot(`${SHOTS}/${name}-sidepanel-italian.png`);
    await panel.close();
    await options.close();
    await italian.close();
  });

  it('hostile page CSS does not reach the card, and no error is logged', async () => {
    const page = await openDemo('en-summer-calls.html');
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = '* { color: red !important; font-size: 40px !important; letter-spacing: 9px !important; } div, section, p { display: inline !important; }';
      document.head.append(style);
    });
    const { card } = await hover(page, 'Vladimir Putin');
    // Still a card-sized box: 40 px text and inline blocks would make it huge or collapse it.
    expect(card.right - card.left).toBeGreaterThan(250);
    expect(card.right - card.left).toBeLessThanOrEqual(400);
    await page.screenshot(`${SHOTS}/${name}-hostile-css.png`);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
