/**
 * The foundation, in both real browsers: the built extension loads, the background stores the whole
 * built-in pack, extension pages read it through typed messages, malformed messages get clear errors,
 * and nothing logs an error.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packStats } from '../../lib/pack/stats';
import type { Pack } from '../../lib/pack/schema';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { BROWSERS, type Session } from './support/harness';

const pack = JSON.parse(readFileSync(new URL('../../data/packs/us-russia-2025.json', import.meta.url), 'utf8')) as Pack;
const expected = packStats(pack);
const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

/** Runs in an extension page: the same call the UI makes. */
const send = (message: unknown) =>
  ((globalThis as any).browser ?? (globalThis as any).chrome).runtime.sendMessage(message) as Promise<any>;

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic({ '/demo/': 'data/demo' });
});
afterAll(() => server?.close());

describe.each(BROWSERS)('$name', ({ name, launch }) => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(() => session?.close());

  it('stores the complete built-in pack and shows it on the options page', async () => {
    const page = await session.openExtensionPage('options.html');
    await page.waitFor('[data-store="ready"]', 30_000);
    const counts = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('[data-pack-id="us-russia-2025"] [data-count]')].map((el) => [
          (el as HTMLElement).dataset.count,
          Number(el.textContent),
        ]),
      ),
    );
    expect(counts).toEqual({ actors: expected.actors, events: expected.events, sources: expected.sources });
    await page.screenshot(`${SHOTS}foundation-options-${name}.png`);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('answers status through the typed message map', async () => {
    const page = await session.openExtensionPage('options.html');
    const status = await page.evaluate(send, { type: 'status:get', payload: {} });
    expect(status.ok).toBe(true);
    expect(status.value.store).toBe('ready');
    const [stored] = status.value.packs;
    expect(stored).toMatchObject({
      id: pack.id,
      version: pack.version,
      origin: 'builtin',
      stored: { actors: expected.actors, events: expected.events, sources: expected.sources },
    });
    expect(stored.stats.aliasesByLang).toEqual(expected.aliasesByLang);
    await page.close();
  });

  it('answers malformed messages with a clear error', async () => {
    const page = await session.openExtensionPage('options.html');
    const replies = await page.evaluate(
      (messages) => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        return Promise.all(messages.map((m) => api.runtime.sendMessage(m)));
      },
      [{ type: 'drop:tables', payload: {} }, { type: 'status:get', payload: { sql: 'DROP' } }, 'not an object'] as unknown[],
    );
    expect(replies.map((r: any) => r.error?.code)).toEqual(['unknown-type', 'bad-request', 'bad-request']);
    expect(replies[1].error.message).toMatch(/Malformed "status:get"/);
    await page.close();
  });

  it('serves a demo page with the extension loaded, without errors', async () => {
    const page = await session.open(server.url('/demo/it-cremlino-dicembre.html'));
    const title = await page.evaluate(() => document.querySelector('h1')?.textContent ?? '');
    expect(title).toMatch(/Cremlino|Witkoff|Putin/);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  // Chrome's MV3 worker is killed whenever idle; Firefox's MV2 background page lives as long as the browser.
  if (name === 'chromium') {
    it('answers again after its service worker was killed', async () => {
      await session.stopServiceWorker!();
      const page = await session.openExtensionPage('options.html');
      const status = await page.evaluate(send, { type: 'status:get', payload: {} });
      expect(status.value.store).toBe('ready');
      // A fresh worker found the pack already stored: nothing was rewritten.
      expect(status.value.lastInstall).toEqual([{ packId: pack.id, version: pack.version, outcome: 'unchanged' }]);
      await page.close();
    });
  }

  it('caught no error in the background', async () => {
    const page = await session.openExtensionPage('options.html');
    const reply = await page.evaluate(send, { type: 'diagnostics:get', payload: {} });
    expect(reply).toEqual({ ok: true, value: { errors: [] } });
    await page.close();
  });
});
