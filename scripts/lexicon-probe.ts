// `npx tsx scripts/lexicon-probe.ts`: how long the background takes to have its name lexicon ready with the
// 100k-actor pack (the `--mode bench` build), once after install (pack install and build) and then after
// Chrome stopped the worker (read from the cache), and how long a cold worker takes to answer a page's
// first questions. Writes nothing; docs/bench.md records what it printed.
import { launchChromium } from './browsers';
import { hashFolded } from '../lib/match/text';

const session = await launchChromium({ build: 'bench' });
const page = await session.context.newPage();
await page.goto(session.extensionUrl('popup.html'));
const ask = (type: string, payload: unknown) =>
  page.evaluate(
    async ([type, payload]) => {
      const started = performance.now();
      const reply = await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: unknown }> } } }).chrome.runtime.sendMessage({ type, payload });
      return { ms: performance.now() - started, value: reply.value as Record<string, unknown> };
    },
    [type, payload] as const,
  );

const installed = await ask('lexicon:head', {});
console.log(`after install: head in ${installed.ms.toFixed(0)} ms;`, JSON.stringify((await ask('status:get', {})).value.lexicon));
const words = ['putin', 'trump', 'witkoff', 'the', 'said', 'kalomir', 'ritorvem', 'moscow'].map(hashFolded);
for (let round = 1; round <= 3; round++) {
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  const head = await ask('lexicon:head', {});
  const parts = await ask('lexicon:parts', { stamp: head.value.stamp, hashes: words });
  const status = (await ask('status:get', {})).value.lexicon;
  console.log(`stopped worker, round ${round}: head in ${head.ms.toFixed(0)} ms, parts of ${words.length} words in ${parts.ms.toFixed(0)} ms;`, JSON.stringify(status));
}
await session.context.close();
