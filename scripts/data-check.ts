// `npm run data:check`: every pack in data/packs against the schema and its cross-references, every
// quote against the archived seed articles when ../shared/seeds is beside the checkout (verbatim once
// their markup is stripped, no passage quoted twice, no article more than a quarter quoted: each
// article's quoted share is printed), and the published JSON Schema against the zod source. Exits 1 on
// any problem.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packJsonSchema } from '../lib/pack/json-schema';
import { auditQuotes, formatShare, MAX_QUOTED_SHARE, validatePack } from '../lib/pack/validate';
import { packStats } from '../lib/pack/stats';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const seeds = process.env.BACKSTORY_SEEDS ?? resolve(root, '../shared/seeds');
let failures = 0;

const fail = (what: string, message: string) => {
  failures++;
  console.error(`✗ ${what}: ${message}`);
};

const schemaFile = join(root, 'data/pack.schema.json');
if (!existsSync(schemaFile) || readFileSync(schemaFile, 'utf8') !== packJsonSchema())
  fail('data/pack.schema.json', 'out of date with lib/pack/schema.ts; run `npm run data:schema`');

const packDir = join(root, 'data/packs');
const examplesDir = join(packDir, 'examples');
// The example packs for import (data/packs/examples) are held to the same rules as the built-in pack.
const packFiles = [
  ...readdirSync(packDir).filter((f) => f.endsWith('.json')),
  ...(existsSync(examplesDir) ? readdirSync(examplesDir).filter((f) => f.endsWith('.json')).map((f) => `examples/${f}`) : []),
];
if (packFiles.length === 0) fail('data/packs', 'no pack found');

const haveSeeds = existsSync(seeds);
if (!haveSeeds) console.warn(`! ${seeds} not found: quotes not checked against the seed articles`);

for (const file of packFiles) {
  const where = `data/packs/${file}`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(packDir, file), 'utf8'));
  } catch (error) {
    fail(where, `not valid JSON (${(error as Error).message})`);
    continue;
  }
  const check = validatePack(json);
  if (!check.ok) {
    for (const p of check.problems) fail(where, `${p.path}: ${p.message}`);
    continue;
  }
  for (const w of check.warnings) console.warn(`! ${where}: ${w.path}: ${w.message}`);
  let shares: string[] = [];
  if (haveSeeds) {
    const missing = check.pack.sources.filter((s) => s.archivedCopy && !existsSync(join(seeds, s.archivedCopy)));
    for (const s of missing) fail(where, `source "${s.id}": archived copy ${s.archivedCopy} not in ${seeds}`);
    const audit = auditQuotes(check.pack, (name) =>
      existsSync(join(seeds, name)) ? readFileSync(join(seeds, name), 'utf8') : undefined,
    );
    for (const p of audit.problems) fail(where, `${p.path}: ${p.message}`);
    // Named by the archived file's number ("002_f4b7….txt" is 002), as the seed README lists them.
    shares = audit.shares.map((s) => `${s.archivedCopy.split('_')[0]} ${formatShare(s.share)}`);
  }
  const stats = packStats(check.pack);
  const langs = Object.entries(stats.aliasesByLang).map(([l, n]) => `${l} ${n}`).join(', ');
  console.log(
    `✓ ${where}: ${stats.actors} actors, ${stats.events} events, ${stats.sources} sources, ${stats.citations} citations, ${stats.quotes} with a quote` +
      `${haveSeeds ? ' (checked against the seeds)' : ''}; aliases ${stats.aliases} (${langs})`,
  );
  if (shares.length) console.log(`  quoted share (limit ${formatShare(MAX_QUOTED_SHARE)}): ${shares.join(', ')}`);
}

if (failures) {
  console.error(`data:check failed: ${failures} problem(s)`);
  process.exit(1);
}
