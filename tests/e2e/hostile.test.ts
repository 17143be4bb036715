/**
 * A hostile page (data/demo/en-hostile.html) in both real browsers: megabytes of malformed, deep and
 * huge JSON-LD, a page-defined <backstory-ui>, and listeners for everything a page can observe. The
 * extension must scan it without an error, highlight the story's names and nothing else, take the
 * date from the one real JSON-LD block, and let the page see no message and no DOM change of its own.
 * The page also fires untrusted pointer events over a name, which must prepare no card. (What
 * performance entries reveal is checked with a production build in the privacy test.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { BROWSERS, type Session, type TestPage } from './support/harness';
import { paintedRanges } from './support/probes';
import { scanned, until } from './support/wait';

interface PageRecord {
  heard: unknown[];
  mutations: number;
  mutationLog: unknown[];
}

/** Runs in the page: what the page's own listeners recorded. */
function pageRecord(): PageRecord {
  const w = window as unknown as { __heard: unknown[]; __mutations: number; __mutationLog: unknown[] };
  return {
    heard: w.__heard,
    mutations: w.__mutations,
    mutationLog: w.__mutationLog,
  };
}

/** Every name in the story, as written (full names and the surnames that follow them). */
const STORY_NAMES = ['Dmitriev', 'Kirill Dmitriev', 'Putin', 'Steve Witkoff', 'Vladimir Putin', 'Witkoff'];

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic({ '/demo/': 'data/demo' });
});
afterAll(() => server?.close());

describe.each(BROWSERS)('$name', ({ launch }) => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(() => session?.close());

  /** The background's report for the demo tab (it answers for the active tab). */
  async function backgroundReport(demo: TestPage) {
    const options = await session.openExtensionPage('options.html');
    await demo.bringToFront();
    const reply = await options.evaluate(() =>
      ((globalThis as any).browser ?? (globalThis as any).chrome).runtime.sendMessage({ type: 'page:get', payload: {} }),
    );
    await options.close();
    return reply?.value as { published?: string; actors: { actor: string; count: number }[] } | null;
  }

  it('scans the hostile page without an error, highlights the story, and the page sees nothing', async () => {
    const page = await session.open(server.url('/demo/en-hostile.html'));
    await scanned(page, 1, 20_000);
    // The page rewrites its status line every 500 ms, so the content script rescans all the time; it
    // must still report. The date comes from the sixth JSON-LD block, behind decoys that are malformed,
    // too deep, too long or too big, and dozens of blocks follow it.
    const report = await until(
      'the page report',
      async () => {
        const value = await backgroundReport(page);
        return value?.published ? value : undefined;
      },
      10_000,
    );
    expect(report.published).toBe('2025-11-18');
    expect(report.actors.map((a) => a.actor).sort()).toEqual([
      'us-russia-2025/kirill-dmitriev',
      'us-russia-2025/steve-witkoff',
      'us-russia-2025/vladimir-putin',
    ]);

    expect((await page.evaluate(paintedRanges)).map((r) => r.text).sort()).toEqual(STORY_NAMES);
    // Scan, components pass, live rescans and reports are done: the page heard no message and saw no
    // DOM change from the extension, and nothing was logged as an error.
    const record = await page.evaluate(pageRecord);
    expect(record.heard).toEqual([]);
    expect(record.mutations, JSON.stringify(record.mutationLog)).toBe(0);
    expect(page.errors).toEqual([]);

    // The page then fires untrusted pointer events over a name for two seconds: no card is prepared or
    // shown (no host added, so no mutation), and the page's own <backstory-ui> is never instantiated.
    await until(
      'the page to finish its synthetic hover',
      () => page.evaluate(() => {
        const hover = (window as unknown as { __syntheticHover: { startedAt: number | null; dispatched: number } }).__syntheticHover;
        return hover.startedAt !== null && hover.dispatched > 0 && performance.now() - hover.startedAt > 2_200;
      }),
      15_000,
    );
    const afterHover = await page.evaluate(pageRecord);
    expect(afterHover.mutations, JSON.stringify(afterHover.mutationLog)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('backstory-ui').length)).toBe(0);
    expect(page.errors).toEqual([]);

    // A changed page state is read again: the real block gets a new date, and a paragraph added to the
    // story makes the content script report again.
    await page.evaluate(() => {
      const real = [...document.querySelectorAll('script[type="application/ld+json"]')].find((s) => s.textContent!.includes('2025-11-18'))!;
      real.textContent = real.textContent!.replace('2025-11-18', '2025-11-19');
      const p = document.createElement('p');
      p.textContent = 'Update: the meeting ran into a third day.';
      document.querySelector('article')!.append(p);
    });
    await until('the report with the changed date', async () => (await backgroundReport(page))?.published === '2025-11-19', 10_000);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
