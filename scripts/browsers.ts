// Launching the real browsers with the built extension: Debian's Chromium through playwright-core and
// Firefox ESR through puppeteer-core (WebDriver BiDi). Shared by the end-to-end tests, `npm run demo`
// and the benchmark. No request leaves the machine: Chromium aborts every non-loopback request,
// Firefox sends everything but loopback to a proxy port nobody listens on (not 9: Firefox bans it and fails the whole navigation).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import puppeteer, { type Browser as FirefoxBrowser } from 'puppeteer-core';

const root = resolve(fileURLToPath(import.meta.url), '../..');
/**
 * The builds a session can load. "production" is what readers get (`npm run build:all`); "measured" is
 * the same code recording its performance measures (`npm run build:measured`), which the tests and the
 * bench read; "bench" is the measured build with a generated 100k-actor pack (Chromium only).
 */
export type BuildKind = 'production' | 'measured' | 'bench';
export function buildDir(kind: BuildKind, browser: 'chrome' | 'firefox'): string {
  return join(root, '.output', ...(kind === 'production' ? [] : [kind]), browser === 'chrome' ? 'chrome-mv3' : 'firefox-mv2');
}
export const CHROME_BUILD = buildDir('production', 'chrome');
export const FIREFOX_BUILD = buildDir('production', 'firefox');
export const GECKO_ID = 'backstory@backstory-extension.org';
/** Pinned so extension pages have a known moz-extension:// origin. */
export const FIREFOX_UUID = 'd6b3c1e0-5a2f-4c8e-9b7a-3f1e2d4c5b6a';

const INSTALL_HINT =
  'Install Debian\'s browsers with `sudo bash ../shared/tools/install-browsers.sh` ' +
  '(or `apt-get install chromium firefox-esr`), or point CHROMIUM_PATH / FIREFOX_PATH at them.';

function findExecutable(envVar: string, names: string[], label: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${envVar}=${fromEnv} does not exist. ${INSTALL_HINT}`);
    return fromEnv;
  }
  for (const name of names) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // not this one; try the next name
    }
  }
  throw new Error(`${label} was not found (looked for ${names.join(', ')}). ${INSTALL_HINT}`);
}

export const chromiumPath = () => findExecutable('CHROMIUM_PATH', ['chromium', 'chromium-browser'], 'Chromium');
export const firefoxPath = () => findExecutable('FIREFOX_PATH', ['firefox-esr', 'firefox'], 'Firefox');

const BUILD_COMMAND: Record<BuildKind, string> = { production: 'npm run build:all', measured: 'npm run build:measured', bench: 'npm run bench' };

function requireBuild(kind: BuildKind, browser: 'chrome' | 'firefox'): string {
  const dir = buildDir(kind, browser);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No extension build in ${dir}: run \`${BUILD_COMMAND[kind]}\` first.`);
  return dir;
}

const isLocal = (url: string) =>
  /^(chrome-extension|moz-extension|data|blob|about|chrome):/.test(url) ||
  /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(url);

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  extensionUrl(path: string): string;
  /** The browser's profile folder: launching again with it (`profile`) finds the extension's data. */
  profile: string;
  /** Closes the browser; the profile is deleted unless `keepProfile`. */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  /** false: the same browser without Backstory, as the baseline for "the extension changes nothing". */
  extension?: boolean;
  /** Which build of the extension to load; the measured one by default (tests and bench read its measures). */
  build?: BuildKind;
  /** The reader's light/dark preference the pages and the extension see. */
  colorScheme?: 'light' | 'dark';
  /** The browser's UI language (what the extension's i18n speaks), e.g. "it". */
  locale?: string;
  /** Chromium: an existing profile folder to launch with (a restart), instead of a fresh one. */
  profile?: string;
}

export async function launchChromium({ headless = true, extension = true, build: kind = 'measured', colorScheme = 'light', locale, profile: reused }: LaunchOptions = {}): Promise<ChromiumSession> {
  const build = extension ? requireBuild(kind, 'chrome') : '';
  const profile = reused ?? mkdtempSync(join(tmpdir(), 'backstory-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless,
    viewport: { width: 1280, height: 900 },
    colorScheme,
    ...(locale && { locale }),
    args: [
      ...(locale ? [`--lang=${locale}`] : []),
      ...(extension ? [`--disable-extensions-except=${build}`, `--load-extension=${build}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(process.env.BACKSTORY_JS_FLAGS ? [`--js-flags=${process.env.BACKSTORY_JS_FLAGS}`] : []),
    ],
  });
  await context.route('**/*', (route) => (isLocal(route.request().url()) ? route.continue() : route.abort()));
  const worker = extension
    ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 })))
    : undefined;
  const extensionId = worker ? new URL(worker.url()).host : '';
  return {
    context,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    profile,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface FirefoxSession {
  browser: FirefoxBrowser;
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

export async function launchFirefox({ headless = true, extension = true, build: kind = 'measured', colorScheme = 'light', locale }: LaunchOptions = {}): Promise<FirefoxSession> {
  const build = extension ? requireBuild(kind, 'firefox') : '';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless,
    defaultViewport: { width: 1280, height: 900 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // Everything but loopback goes to a proxy port nobody listens on: no request leaves the machine.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 65000,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 65000,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
      // 0 dark, 1 light: what prefers-color-scheme reports to pages and extension pages.
      'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
      ...(locale && { 'intl.locale.requested': locale }),
    },
  });
  if (extension) await browser.installExtension(build);
  return {
    browser,
    extensionUrl: (path) => `moz-extension://${FIREFOX_UUID}/${path}`,
    close: () => browser.close(),
  };
}
