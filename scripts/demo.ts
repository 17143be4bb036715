// `npm run demo`: serves the demo news pages on 127.0.0.1 and opens Chromium and Firefox with the
// built extension loaded. Without a display (a server, CI) it takes screenshots of every demo page and
// of the options page in both browsers instead, and says where they are.
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, launchFirefox } from './browsers';
import { serveStatic } from './serve';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const pages = readdirSync(join(root, 'data/demo')).filter((f) => f.endsWith('.html') && f !== 'index.html');
const server = await serveStatic({ '/demo/': join(root, 'data/demo') });
const index = server.url('/demo/');
/** The demo runs the build readers get, which records no measures: the first painted highlight says the scan ran. */
const scanned = () => CSS.highlights.size > 0;
const interactive = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;

if (interactive) {
  const chromium = await launchChromium({ headless: false, build: 'production' });
  await (await chromium.context.newPage()).goto(index);
  const firefox = await launchFirefox({ headless: false, build: 'production' }).catch((error: Error) => {
    console.warn(`Firefox not started: ${error.message}`);
    return undefined;
  });
  if (firefox) await (await firefox.browser.newPage()).goto(index);
  console.log(`Demo pages at ${index} — close the browsers or press Ctrl+C to stop.`);
  const stop = async () => {
    await Promise.allSettled([chromium.close(), firefox?.close(), server.close()]);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  chromium.context.on('close', stop);
} else {
  const out = join(root, 'demo-screenshots');
  mkdirSync(out, { recursive: true });
  const saved: string[] = [];

  const chromium = await launchChromium({ build: 'production' });
  try {
    for (const file of [...pages, 'options']) {
      const page = await chromium.context.newPage();
      await page.goto(file === 'options' ? chromium.extensionUrl('options.html') : server.url(`/demo/${file}`));
      if (file === 'options') await page.waitForSelector('[data-store]');
      else await page.waitForFunction(scanned);
      const path = join(out, `chromium-${file.replace(/\.html$/, '')}.png`);
      await page.screenshot({ path, fullPage: file !== 'options' });
      saved.push(path);
      await page.close();
    }
  } finally {
    await chromium.close();
  }

  const firefox = await launchFirefox({ build: 'production' });
  try {
    for (const file of [...pages, 'options']) {
      const page = await firefox.browser.newPage();
      if (file === 'options') {
        await page.goto(firefox.extensionUrl('options.html'), { timeout: 3_000 }).catch(() => undefined);
        await page.waitForSelector('[data-store]');
      } else {
        await page.goto(server.url(`/demo/${file}`));
        await page.waitForFunction(scanned);
      }
      const path = join(out, `firefox-${file.replace(/\.html$/, '')}.png`) as `${string}.png`;
      await page.screenshot({ path, fullPage: file !== 'options' });
      saved.push(path);
      await page.close();
    }
  } finally {
    await firefox.close();
  }
  await server.close();
  console.log(`No display: saved ${saved.length} screenshots of the demo in both browsers:\n  ${saved.join('\n  ')}`);
}
