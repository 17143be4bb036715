import { launchChromium } from './scripts/browsers';
const s = await launchChromium({ build: 'bench' });
const worker = s.context.serviceWorkers()[0]!;
worker.on('console', (m) => console.log('worker:', m.text()));
const page = await s.context.newPage();
await page.goto(s.extensionUrl('popup.html'));
const t0 = Date.now();
for (let k = 0; k < 40; k++) {
  const r = await page.evaluate(async () => {
    const t = performance.now();
    try {
      const reply = await (globalThis as any).chrome.runtime.sendMessage({ type: 'lexicon:head', payload: {} });
      return { ms: performance.now() - t, reply: JSON.stringify(reply).slice(0, 300) };
    } catch (e) { return { err: String(e) }; }
  });
  console.log((Date.now() - t0) / 1000, JSON.stringify(r).slice(0, 400));
  if ((r as any).reply?.includes('bloom')) break;
}
const diag = await page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'diagnostics:get', payload: {} }));
console.log(JSON.stringify(diag).slice(0, 1000));
await s.context.close();
