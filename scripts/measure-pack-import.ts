// `npx tsx scripts/measure-pack-import.ts [actors]`: imports a synthetic pack (lib/pack/synthetic.ts) through
// the options page of the measured Chromium build, as a reader's drop does, and prints how long the import
// took and the options page's longest task meanwhile (its main thread must stay responsive: under 50 ms).
import { syntheticPack } from '../lib/pack/synthetic';
import { launchChromium } from './browsers';

const actors = Number(process.argv[2] ?? 100_000);
const text = JSON.stringify(syntheticPack(actors));
const session = await launchChromium();
try {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('options.html'));
  await page.waitForSelector('.pack-list [data-pack-id]', { timeout: 60_000 });
  const result = await page.evaluate(async (text) => {
    const starts: [number, number][] = [];
    let started = performance.now();
    new PerformanceObserver((list) => list.getEntries().forEach((e) => { starts.push([Math.round(e.startTime - started), Math.round(e.duration)]); })).observe({ type: 'longtask' });
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'synthetic.json', { type: 'application/json' }));
    started = performance.now();
    document.querySelector('.pack-drop')!.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    const phases: Record<string, number> = {};
    for (;;) {
      await new Promise((r) => setTimeout(r, 20));
      const box = document.querySelector('.pack-outcome');
      const phase = box?.getAttribute('data-phase') ?? box?.getAttribute('data-outcome') ?? '';
      if (phase && !(phase in phases)) phases[phase] = Math.round(performance.now() - started);
      const text = box?.querySelector('p')?.textContent ?? '';
      if (phase === 'writing' && /: [\d.,]+ /.test(text) && !('firstRows' in phases)) phases.firstRows = Math.round(performance.now() - started);
      if (box?.getAttribute('data-outcome') !== 'working' && performance.now() - started > 100) break;
    }
    // Tasks from before the drop are the test driver handing the text to the page, not Backstory's.
    const ours = starts.filter(([start]) => start >= 0).map(([, duration]) => duration);
    return { ms: Math.round(performance.now() - started), phases, outcome: document.querySelector('.pack-outcome')?.textContent, longest: Math.max(0, ...ours), longTasks: ours.length, tasks: starts.filter(([start]) => start >= 0) };
  }, text);
  console.log(JSON.stringify({ actors, bytes: text.length, ...result }));
} finally {
  await session.close();
}
