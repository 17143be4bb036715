// Measures the native RegExp sieve (lib/match/regex-sieve.ts) against the JavaScript hash sieve
// (lib/match/sieve.ts), in Node 24, to choose the lexicon size below which a page should use it:
//   build      firstWordPattern in the background (the inverse fold table, then the trie)
//   compile    what a tab pays once: new RegExp + warm (both string widths)
//   scan       both sieves fed the corpus pages' text nodes (tags stripped, script and style dropped), as
//              text-walk.ts feeds them; per page, in ms, median and total over the 130 pages
// Usage:
//   npx tsx scripts/probe-regex-sieve.ts                     optimising JIT (a warm engine)
//   node --no-opt --no-maglev --no-sparkplug --import tsx scripts/probe-regex-sieve.ts
//                                                            JavaScript interpreted only: the cold content
//                                                            script's case (browser-quirks #32); RegExps stay native
//   npx tsx scripts/probe-regex-sieve.ts --browser           headless Chromium: each sieve in a fresh page of
//                                                            each bench page (page scripts off), cold, as a
//                                                            content script's first scan; compile+warm timed apart
// Options: --sizes=100,1000 (first words), --rounds=3 (scans, the best kept), --compiles=5 (the least kept),
// --first-words (no pairs in the pattern: every first word alone is reported).
import { readdirSync, readFileSync } from 'node:fs';
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumPath } from './browsers';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pack from '../data/packs/us-russia-2025.json';
import { buildMatcherIndex, createMatcher, type MatcherActor, type MatcherIndex } from '../lib/match';
import { compileRegexSieve, createRegexSieve } from '../lib/match/regex-sieve';
import { createSieve, type Sieve, type SieveTables } from '../lib/match/sieve';
import { firstWordPattern, lexiconOfIndex } from '../lib/match/word-pattern';
import { Pack, type PackInput } from '../lib/pack/schema';
import { syntheticPack } from '../lib/pack/synthetic';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const corpusDir = resolve(process.env.BACKSTORY_CORPUS ?? join(root, '../shared/corpus/readability'));
const option = (name: string, fallback: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = option('sizes', '100,300,1000,3000,5000,10000,30000').split(',').map(Number);
const rounds = Number(option('rounds', '3'));
const compiles = Number(option('compiles', '5'));
/** --first-words: the pattern without pairs (every first word alone is reported). */
const pairs = !process.argv.includes('--first-words');

const actorsOf = (input: PackInput): MatcherActor[] => input.actors.map((actor) => ({ key: `${input.id}/${actor.id}`, aliases: actor.aliases }));

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad' };
/** A page's text nodes, roughly as the DOM has them: what lies between tags, entities decoded. */
function textNodesOf(html: string): string[] {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, '<x>')
    .split(/<[^>]*>/)
    .map((text) =>
      text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity: string, name: string) =>
        name[0] === '#'
          ? String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)))
          : (ENTITIES[name.toLowerCase()] ?? entity),
      ),
    )
    .filter((text) => text !== '');
}

const NON_SPACE = /\S/g;
/** Feeds a page's nodes as text-walk.ts does; returns how many nodes were reported. */
function sievePage(sieve: Sieve, nodes: readonly string[]): number {
  let reports = 0;
  const report = () => void reports++;
  for (const data of nodes) {
    let from = 0;
    if (data.charCodeAt(0) <= 32) {
      NON_SPACE.lastIndex = 0;
      from = NON_SPACE.test(data) ? NON_SPACE.lastIndex - 1 : -1;
    }
    if (from < 0) sieve.cut(report);
    else sieve.feed(data, from, report);
  }
  sieve.cut(report);
  return reports;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));

/** The heavy pages of `npm run bench` (scripts/bench.ts). */
const BENCH_PAGES = ['wikipedia-2', 'yahoo-2', 'yahoo-3', 'guardian-1', 'nytimes-5', 'breitbart'];
const names = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.html'))
  .sort()
  .map((name) => name.slice(0, -'.html'.length));
const pages = names.map((name) => textNodesOf(readFileSync(join(corpusDir, `${name}.html`), 'utf8')));
const benchPages = BENCH_PAGES.map((name) => names.indexOf(name)).filter((at) => at >= 0);
const chars = pages.reduce((sum, nodes) => sum + nodes.reduce((s, n) => s + n.length, 0), 0);
console.log(`corpus: ${pages.length} pages, ${(chars / 1e6).toFixed(1)} M characters in text nodes; Node ${process.version}`);

interface Lexicon {
  name: string;
  firstWords: string[];
  secondWords: Map<string, string[]>;
  tables: SieveTables;
}

const seed = Pack.parse(pack);
const seedIndex = buildMatcherIndex(actorsOf(seed));

/** The two sieves and the matcher, bundled for a page; a walk as text-walk.ts's first pass, timed. */
const PAGE_PROBE = `
import { createMatcher } from './lib/match';
import { createSieve } from './lib/match/sieve';
import { compileRegexSieve, createRegexSieve } from './lib/match/regex-sieve';
const NON_SPACE = /\\S/g;
function walk(sieve) {
  let reports = 0;
  const report = () => void reports++;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = node.data;
    if (data.length === 0) continue;
    let from = 0;
    if (data.charCodeAt(0) <= 32) { NON_SPACE.lastIndex = 0; from = NON_SPACE.test(data) ? NON_SPACE.lastIndex - 1 : -1; }
    if (from < 0 || (data.length > 256 && /^(SCRIPT|STYLE|NOSCRIPT)$/.test(node.parentNode?.nodeName ?? ''))) sieve.cut(report);
    else sieve.feed(data, from, report);
  }
  sieve.cut(report);
  return reports;
}
globalThis.probe = (kind, index, source) => {
  if (kind === 'hash') {
    const tables = createMatcher(index).sieveTables;
    const started = performance.now();
    const reports = walk(createSieve(tables));
    return { scan: performance.now() - started, reports };
  }
  let started = performance.now();
  const pattern = compileRegexSieve(source);
  const compile = performance.now() - started;
  started = performance.now();
  const reports = walk(createRegexSieve(pattern));
  return { compile, scan: performance.now() - started, reports };
};
`;

async function probeBrowser(): Promise<void> {
  const bundle = buildSync({ stdin: { contents: PAGE_PROBE, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'iife', target: 'es2022' })
    .outputFiles[0]!.text;
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.route('**/*', (route) => route.abort());
  const lexiconsOf: [string, MatcherIndex][] = [['seed pack', seedIndex]];
  for (const size of sizes) lexiconsOf.push([`${size} synthetic`, buildMatcherIndex(actorsOf(syntheticPack(Math.ceil(size / 1.5))))]);
  console.log(`headless Chromium ${browser.version()}, fresh page per measurement, median of ${rounds} loads`);
  console.log('| lexicon | first words | page | compile+warm ms | scan ms: regex / hash | nodes reported: regex / hash |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, index] of lexiconsOf) {
    const lexicon = lexiconOfIndex(index);
    const firstWords = lexicon.firstWords.slice(0, name === 'seed pack' ? undefined : Number(name.split(' ')[0]));
    const source = firstWordPattern(firstWords, pairs ? lexicon.secondWords : undefined);
    for (const pageName of BENCH_PAGES) {
      const html = readFileSync(join(corpusDir, `${pageName}.html`), 'utf8');
      const runs: { kind: string; compile?: number; scan: number; reports: number }[] = [];
      for (let round = 0; round < rounds; round++) {
        for (const kind of round % 2 === 0 ? ['regex', 'hash'] : ['hash', 'regex']) {
          const page = await context.newPage();
          await page.setContent(html, { waitUntil: 'load' });
          await page.evaluate(bundle);
          // A distinct source per load: V8 shares compiled RegExps within an isolate by source.
          const unique = `${source}|(?!)${'(?:)'.repeat(runs.length)}`;
          runs.push({ kind, ...(await page.evaluate(([k, i, s]) => (globalThis as any).probe(k, i, s), [kind, index, unique] as const)) });
          await page.close();
        }
      }
      const of = (kind: string) => runs.filter((run) => run.kind === kind);
      console.log(
        `| ${name} | ${firstWords.length} | ${pageName} | ${ms(median(of('regex').map((run) => run.compile!)))} | ` +
          `${ms(median(of('regex').map((run) => run.scan)))} / ${ms(median(of('hash').map((run) => run.scan)))} | ${of('regex')[0]!.reports} / ${of('hash')[0]!.reports} |`,
      );
    }
  }
  await browser.close();
}

if (process.argv.includes('--browser')) {
  await probeBrowser();
  process.exit(0);
}

const lexicons: Lexicon[] = [{ name: 'seed pack', ...lexiconOfIndex(seedIndex), tables: createMatcher(seedIndex).sieveTables }];
for (const size of sizes) {
  // Two first words per synthetic actor (given and family name), some given names shared: build enough actors, keep `size`.
  const index = buildMatcherIndex(actorsOf(syntheticPack(Math.ceil(size / 1.5))));
  const { firstWords, secondWords } = lexiconOfIndex(index);
  lexicons.push({ name: `${Math.min(size, firstWords.length)} synthetic`, firstWords: firstWords.slice(0, size), secondWords, tables: createMatcher(index).sieveTables });
}

console.log(
  '| lexicon | first words | build ms | source kB | compile+warm ms | scan ms, median corpus page: regex / hash | scan ms, bench pages (median of 6): regex / hash | bench page, hash − (regex + compile) ms | nodes reported, all pages: regex / hash |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const lexicon of lexicons) {
  let started = performance.now();
  const source = firstWordPattern(lexicon.firstWords, pairs ? lexicon.secondWords : undefined);
  const build = performance.now() - started;
  // The least of a few compilations, each of a distinct source (a different number of never-matching
  // alternatives at the end): V8 would otherwise hand back the first one from its cache. Least, because
  // a 2-core machine shared with other work adds pauses of tens of ms to any single measurement.
  let compile = Infinity;
  for (let k = 1; k <= compiles; k++) {
    started = performance.now();
    compileRegexSieve(source + '|(?!)'.repeat(k));
    compile = Math.min(compile, performance.now() - started);
  }
  const pattern = compileRegexSieve(source);
  const regexTimes: number[][] = [];
  const hashTimes: number[][] = [];
  let regexReports = 0;
  let hashReports = 0;
  for (let round = 0; round < rounds; round++) {
    const regexRound: number[] = [];
    const hashRound: number[] = [];
    regexReports = 0;
    hashReports = 0;
    for (const nodes of pages) {
      // Alternated page by page so that the machine's drift falls on both.
      let at = performance.now();
      regexReports += sievePage(createRegexSieve(pattern), nodes);
      regexRound.push(performance.now() - at);
      at = performance.now();
      hashReports += sievePage(createSieve(lexicon.tables), nodes);
      hashRound.push(performance.now() - at);
    }
    regexTimes.push(regexRound);
    hashTimes.push(hashRound);
  }
  // Per page, the best round (least noise); then the median page.
  const best = (times: number[][]) => pages.map((_, page) => Math.min(...times.map((round) => round[page]!)));
  const regexBest = best(regexTimes);
  const hashBest = best(hashTimes);
  const bench = (times: number[]) => median(benchPages.map((page) => times[page]!));
  console.log(
    `| ${lexicon.name} | ${lexicon.firstWords.length} | ${ms(build)} | ${(source.length / 1024).toFixed(0)} | ${ms(compile)} | ` +
      `${ms(median(regexBest))} / ${ms(median(hashBest))} | ${ms(bench(regexBest))} / ${ms(bench(hashBest))} | ` +
      `${(bench(hashBest) - bench(regexBest) - compile).toFixed(1)} | ${regexReports} / ${hashReports} |`,
  );
}
