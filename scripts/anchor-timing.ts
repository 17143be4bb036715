// `npx tsx scripts/anchor-timing.ts`: what anchorQuote (lib/anchor/anchor.ts) costs on a page of about
// 300,000 characters, built from the readability corpus beside the checkout (BACKSTORY_CORPUS to move it).
// Prints Markdown table rows (see time() below) and the load average, since the figures are wall-clock.
// Figures are recorded by hand in docs/bench.md, "Investigations".
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import { anchorQuote, LONG_QUOTE, type Anchor, type AnchorSelectors } from '../lib/anchor/anchor';
import { collapseWhitespace } from '../lib/anchor/characters';
import { describeQuote } from '../lib/anchor/selectors';
import { htmlChunks } from '../tests/unit/anchor-pages';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const corpus = process.env.BACKSTORY_CORPUS ?? resolve(root, '../shared/corpus/readability');
const TARGET = 300_000;

/** Whole pages' text, in file name order, until the target length is reached. */
function pageOfLength(filter: (name: string) => boolean): string {
  let text = '';
  for (const name of readdirSync(corpus).filter((name) => name.endsWith('.html') && filter(name)).sort()) {
    text += htmlChunks(readFileSync(join(corpus, name), 'utf8')).join('');
    if (text.length >= TARGET) break;
  }
  return text.slice(0, TARGET);
}

/** A passage of about `length` characters of prose near `fraction` of the text: starts and ends at a word. */
function passageAt(text: string, fraction: number, length: number): AnchorSelectors & { start: number; end: number } {
  let start = Math.floor(text.length * fraction);
  // The middle of a long run of words: the next text of 3× the length without a line break.
  while (/\n/.test(text.slice(start, start + length * 3))) start = text.indexOf('\n', start) + 1;
  start = text.indexOf(' ', start) + 1;
  const end = text.lastIndexOf(' ', start + length);
  const selectors = describeQuote(text, start, end)!;
  return { ...selectors, start: selectors.position.start, end: selectors.position.end };
}

/** The text with the word in the middle of [start, end) replaced, and the passage as it now reads. */
function changeMiddleWord(text: string, start: number, end: number): { text: string; passage: string } {
  const middle = text.indexOf(' ', Math.floor((start + end) / 2)) + 1;
  const after = text.indexOf(' ', middle);
  const edited = text.slice(0, middle) + 'substituted' + text.slice(after);
  return { text: edited, passage: edited.slice(start, end + edited.length - text.length) };
}

/**
 * Wall-clock milliseconds of the first call (cold code, as in a content script on a fresh page), then
 * the median and the fastest of 25 warm calls: on a machine shared with other work the fastest is the
 * least disturbed. `check` says whether the result is the expected one.
 */
function time(label: string, run: () => unknown, check: (result: unknown) => boolean): void {
  const first = performance.now();
  const result = run();
  const cold = performance.now() - first;
  const samples: number[] = [];
  for (let i = 0; i < 25; i++) {
    const begin = performance.now();
    run();
    samples.push(performance.now() - begin);
  }
  samples.sort((a, b) => a - b);
  const ms = (value: number) => value.toFixed(1).padStart(5);
  const outcome = typeof result === 'object' && result !== null && 'method' in result ? (result as { method: string }).method : String(result);
  console.log(`| ${label} | ${ms(cold)} | ${ms(samples[12]!)} | ${ms(samples[0]!)} | ${outcome}${check(result) ? '' : ' ✗ WRONG'} |`);
}

const found = (text: string, expected: string) => (result: unknown) => {
  const anchor = result as Anchor | undefined;
  return anchor !== undefined && text.slice(anchor.start, anchor.end) === expected;
};
const nothing = (result: unknown) => result === undefined;

for (const [name, text] of [
  ['English pages', pageOfLength((name) => !/aktualne|lemonde|liberation|heise|ehow|mozilla/.test(name))],
  ['all pages (Czech, French, German included)', pageOfLength(() => true)],
] as const) {
  console.log(`\n${name}: ${text.length.toLocaleString('en')} characters; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
  console.log('\n| case | first, ms | median, ms | fastest, ms | result |\n|---|---|---|---|---|');
  time("collapse whitespace (the approximate path's first step)", () => `${collapseWhitespace(text).text.length} chars`, () => true);
  for (const [length, at] of [
    [60, 0.3],
    [200, 0.6],
    [600, 0.8],
  ] as const) {
    const passage = passageAt(text, at, length);
    const exact = passage.quote.exact;
    if (length === 200) time(`${length} chars, unchanged (exact)`, () => anchorQuote(text, passage), found(text, exact));
    const { text: edited, passage: changed } = changeMiddleWord(text, passage.start, passage.end);
    time(`${length} chars, a word changed (fuzzy${length > LONG_QUOTE ? ', by its ends' : ''})`, () => anchorQuote(edited, passage), found(edited, changed));
    const deleted = text.slice(0, passage.start) + text.slice(passage.end);
    time(`${length} chars, deleted (fuzzy, nothing found)`, () => anchorQuote(deleted, passage), nothing);
  }
}
