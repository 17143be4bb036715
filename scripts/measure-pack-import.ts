// `npx tsx scripts/measure-pack-import.ts [--file pack.json | --actors 100000] [--browser chromium|firefox]`:
// imports a pack through the options page of the measured build, as a reader's file choice does, and
// prints how long the import took, when each phase began, and the options page's longest task meanwhile
// (its thread must stay responsive: no task over 50 ms). Without --file it writes a synthetic pack
// (lib/pack/synthetic.ts, actors only) to a temporary file; `npm run pack:synthetic` writes the one with
// events. Long tasks: the Long Tasks API where the browser has it (Chromium), and in both browsers the
// longest gap between two turns of a timer loop (a task that long kept everything else waiting).
// `--idle <s>` imports nothing and watches the page that long: the control on a loaded machine, where
// a short task can last 50 ms of wall time when the page's process is not scheduled.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticPack } from '../lib/pack/synthetic';
import { launchChromium, launchFirefox } from './browsers';

const { values } = parseArgs({
  options: { file: { type: 'string' }, actors: { type: 'string', default: '100000' }, browser: { type: 'string', default: 'chromium' }, idle: { type: 'string' } },
});
const idleMs = values.idle === undefined ? undefined : Number(values.idle) * 1000;
const folder = values.file || idleMs !== undefined ? undefined : mkdtempSync(join(tmpdir(), 'backstory-import-'));
const file = values.file ?? (folder ? join(folder, 'synthetic.json') : '');
if (folder) writeFileSync(file, JSON.stringify(syntheticPack(Number(values.actors))));

/** Runs in the options page before the file is chosen: starts the observers. */
const START = `(() => {
  const m = (window.__importMeasure = { started: 0, tasks: [], gaps: [], phases: {} });
  if (PerformanceObserver.supportedEntryTypes.includes('longtask'))
    new PerformanceObserver((list) => { for (const e of list.getEntries()) m.tasks.push([Math.round(e.startTime - m.started), Math.round(e.duration)]); }).observe({ type: 'longtask' });
  let last = performance.now();
  (function tick() {
    const now = performance.now();
    if (now - last > 50) m.gaps.push([Math.round(last - m.started), Math.round(now - last)]);
    last = now;
    if (!m.done) setTimeout(tick, 0);
  })();
  m.started = performance.now();
})()`;

/**
 * Runs in the options page, every 20 ms (a short call each time: the import may take minutes): notes
 * when each phase began; null while the import runs, its report once it is over.
 */
const FOLLOW = `(() => {
  const m = window.__importMeasure;
  const box = document.querySelector('.pack-outcome');
  const phase = (box && (box.getAttribute('data-phase') || box.getAttribute('data-outcome'))) || '';
  if (phase && !(phase in m.phases)) m.phases[phase] = Math.round(performance.now() - m.started);
  const idle = IDLE_MS !== undefined && performance.now() - m.started > IDLE_MS;
  if (!idle && (!box || !box.getAttribute('data-outcome') || box.getAttribute('data-outcome') === 'working')) return null;
  const ms = Math.round(performance.now() - m.started);
  m.done = true;
  const ours = (list) => list.filter(([start]) => start >= 0);
  const longest = (list) => Math.max(0, ...ours(list).map(([, d]) => d));
  const steps = JSON.parse((box && box.getAttribute('data-phases')) || 'null');
  return { ms, phases: m.phases, steps, outcome: idle ? 'idle' : document.querySelector('.pack-outcome').textContent,
    longestTask: m.tasks.length || PerformanceObserver.supportedEntryTypes.includes('longtask') ? longest(m.tasks) : null,
    longTasks: ours(m.tasks).length, longestGap: longest(m.gaps), gaps: ours(m.gaps), tasksOver50: ours(m.tasks) };
})()`;

const bytes = file ? statSync(file).size : 0;
/** The page's script with the idle time filled in. */
const follow = FOLLOW.replaceAll('IDLE_MS', String(idleMs ?? 'undefined'));

async function followImport(evaluate: (code: string) => Promise<unknown>) {
  for (;;) {
    const report = await evaluate(follow);
    if (report) return report as object;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

try {
  if (values.browser === 'firefox') {
    const session = await launchFirefox();
    try {
      const page = await session.browser.newPage();
      // Firefox loads moz-extension:// pages but never reports the navigation as finished over BiDi.
      await page.goto(session.extensionUrl('options.html'), { timeout: 1_000 }).catch(() => undefined);
      await page.waitForSelector('.pack-list [data-pack-id]', { timeout: 60_000 });
      await page.evaluate(START);
      const input = (await page.$('#pack-file')) as import('puppeteer-core').ElementHandle<HTMLInputElement> | null;
      if (file) await input!.uploadFile(file);
      console.log(JSON.stringify({ browser: 'firefox', bytes, ...(await followImport((code) => page.evaluate(code))) }));
    } finally {
      await session.close();
    }
  } else {
    const session = await launchChromium();
    try {
      const page = await session.context.newPage();
      await page.goto(session.extensionUrl('options.html'));
      await page.waitForSelector('.pack-list [data-pack-id]', { timeout: 60_000 });
      await page.evaluate(START);
      if (file) await page.setInputFiles('#pack-file', file);
      console.log(JSON.stringify({ browser: 'chromium', bytes, ...(await followImport((code) => page.evaluate(code))) }));
    } finally {
      await session.close();
    }
  }
} finally {
  if (folder) rmSync(folder, { recursive: true, force: true });
}
