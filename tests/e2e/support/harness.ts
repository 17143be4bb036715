/**
 * One small driver interface over both real browsers, so every end-to-end test is written once and
 * run in Chromium and in Firefox. A missing browser or build fails the run with the fix in the message.
 */
import type { Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { launchChromium, launchFirefox, type LaunchOptions } from '../../../scripts/browsers';

/**
 * Stores the reader's settings from an extension page (the options page), as the options form does;
 * every open page applies them live. Fields left out take their defaults.
 */
export function writeSettings(extensionPage: TestPage, value: Record<string, unknown>): Promise<void> {
  return extensionPage.evaluate(async (value) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    await api.storage.local.set({ 'backstory:settings': value });
  }, value);
}

export interface TestPage {
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** The pixels of a viewport region, PNG-encoded: equal bytes mean an unchanged picture. */
  capture(clip: { x: number; y: number; width: number; height: number }): Promise<Uint8Array>;
  bringToFront(): Promise<void>;
  /** Types into the focused element like a user. */
  type(text: string): Promise<void>;
  /** Presses one key ("Escape", "Tab") like a user. */
  press(key: string): Promise<void>;
  /** Moves the mouse pointer to a viewport point, in a few steps as a hand would. */
  moveMouse(x: number, y: number): Promise<void>;
  /** Clicks at a viewport point. */
  click(x: number, y: number): Promise<void>;
  /** Presses the left button at one point, moves to another in steps, releases: a reader selecting text. */
  drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void>;
  /** Resizes the viewport (the side panel is 320–400 px wide). */
  resize(width: number, height: number): Promise<void>;
  /** Console errors and uncaught exceptions seen on this page since it opened. */
  errors: string[];
  close(): Promise<void>;
}

export interface Session {
  name: 'chromium' | 'firefox';
  open(url: string): Promise<TestPage>;
  openExtensionPage(path: string): Promise<TestPage>;
  /** Kills the extension's service worker (Chromium MV3 only; Firefox keeps a background page). */
  stopServiceWorker?(): Promise<void>;
  /**
   * Starts the extension again on the data it has, as an update does: Firefox reloads it
   * (runtime.reload); Chromium leaves an extension loaded from the command line unloaded after
   * runtime.reload (docs/browser-quirks.md), so the browser restarts on the same profile instead.
   * Pages opened before are gone.
   */
  restartExtension(): Promise<void>;
  close(): Promise<void>;
}

export const BROWSERS: { name: Session['name']; launch(options?: LaunchOptions): Promise<Session> }[] = [
  { name: 'chromium', launch: chromiumSession },
  { name: 'firefox', launch: firefoxSession },
];

async function chromiumSession(options?: LaunchOptions): Promise<Session> {
  let session = await launchChromium(options);
  const wrap = async (url: string) => {
    const page = await session.context.newPage();
    const errors = collectErrors(page);
    await page.goto(url);
    return testPage(page, errors, (width, height) => page.setViewportSize({ width, height }));
  };
  return {
    name: 'chromium',
    open: wrap,
    openExtensionPage: (path) => wrap(session.extensionUrl(path)),
    async stopServiceWorker() {
      const page = await session.context.newPage();
      const cdp = await session.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await page.close();
    },
    async restartExtension() {
      const { profile } = session;
      await session.close({ keepProfile: true });
      session = await launchChromium({ ...options, profile });
    },
    close: () => session.close(),
  };
}

function collectErrors(page: ChromiumPage | FirefoxPage): string[] {
  const errors: string[] = [];
  (page as ChromiumPage).on('console', (message: { type(): string; text(): string }) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  (page as ChromiumPage).on('pageerror', (error: Error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** What playwright's and puppeteer's pages both offer, under the same names: one adapter serves both. */
interface DriverPage {
  evaluate(fn: never, arg: unknown): Promise<unknown>;
  waitForSelector(selector: string, options: { timeout: number }): Promise<unknown>;
  screenshot(options: { path?: `${string}.png`; clip?: { x: number; y: number; width: number; height: number } }): Promise<Uint8Array>;
  bringToFront(): Promise<void>;
  keyboard: { type(text: string): Promise<void>; press(key: string): Promise<void> };
  mouse: {
    move(x: number, y: number, options: { steps: number }): Promise<void>;
    click(x: number, y: number): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
  };
  close(): Promise<void>;
}

function testPage(page: DriverPage, errors: string[], resize: TestPage['resize']): TestPage {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    waitFor: async (selector, timeout = 15_000) => void (await page.waitForSelector(selector, { timeout })),
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png` })),
    capture: (clip) => page.screenshot({ clip }),
    bringToFront: () => page.bringToFront(),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
    moveMouse: (x, y) => page.mouse.move(x, y, { steps: 3 }),
    click: (x, y) => page.mouse.click(x, y),
    async drag(from, to) {
      await page.mouse.move(from.x, from.y, { steps: 2 });
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.mouse.up();
    },
    resize,
    errors,
    close: () => page.close(),
  };
}

async function firefoxSession(options?: LaunchOptions): Promise<Session> {
  const session = await launchFirefox(options);
  const wrap = async (url: string, isExtensionPage: boolean) => {
    const page = await session.browser.newPage();
    const errors = collectErrors(page);
    if (isExtensionPage) {
      // Firefox loads moz-extension:// pages but never reports the navigation as finished over BiDi.
      await page.goto(url, { timeout: 1_000 }).catch(() => undefined);
      await page.waitForFunction(() => location.protocol === 'moz-extension:' && document.readyState === 'complete');
    } else {
      await page.goto(url).catch(async (error: Error) => {
        // Firefox's BiDi sometimes reports a blocked sub-navigation (a javascript: or external iframe) as
        // the page's own failure ("Address rejected"); the page itself loaded if its URL and state say so.
        const loaded = await page
          .waitForFunction((target) => location.href === target && document.readyState !== 'loading', { timeout: 10_000 }, url)
          .then(() => true, () => false);
        if (!loaded) throw error;
      });
    }
    return testPage(page, errors, (width, height) => page.setViewport({ width, height }));
  };
  return {
    name: 'firefox',
    open: (url) => wrap(url, false),
    openExtensionPage: (path) => wrap(session.extensionUrl(path), true),
    async restartExtension() {
      const page = await wrap(session.extensionUrl('options.html'), true);
      await page.evaluate(() => void setTimeout(() => (globalThis as any).browser.runtime.reload(), 50));
      // The reloaded extension answers again once its background has started.
      for (let tries = 0; ; tries++) {
        await new Promise((r) => setTimeout(r, 250));
        const probe = await wrap(session.extensionUrl('options.html'), true).catch(() => undefined);
        const alive = await probe?.evaluate(() => (globalThis as any).browser.runtime.sendMessage({ type: 'status:get', payload: {} })).then((reply: any) => reply?.ok === true, () => false);
        await probe?.close().catch(() => undefined);
        if (alive) return;
        if (tries > 80) throw new Error('the extension did not come back after runtime.reload()');
      }
    },
    close: () => session.close(),
  };
}
