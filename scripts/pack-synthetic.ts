// `npm run pack:synthetic -- --actors 100000 [--events-per-actor 5] [--out file]`: writes a generated
// pack (lib/pack/synthetic.ts, the generator the bench build uses) as compact JSON, checked by the
// same validation an import runs. At 100,000 actors: 300k aliases, 500k events, about 170 MB.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { syntheticPack } from '../lib/pack/synthetic';
import { validatePack } from '../lib/pack/validate';

const { values } = parseArgs({
  options: {
    actors: { type: 'string', default: '100000' },
    'events-per-actor': { type: 'string', default: '5' },
    out: { type: 'string' },
  },
});
const actors = Number(values.actors);
const eventsPerActor = Number(values['events-per-actor']);
if (!Number.isInteger(actors) || actors < 1 || !(eventsPerActor >= 0)) {
  console.error('usage: npm run pack:synthetic -- --actors <n ≥ 1> [--events-per-actor <x ≥ 0>] [--out file]');
  process.exit(2);
}
const out = values.out ?? `synthetic-${actors}.json`;

const started = performance.now();
const pack = syntheticPack(actors, { eventsPerActor });
const check = validatePack(pack);
if (!check.ok) {
  console.error(`the generated pack is invalid: ${check.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  process.exit(1);
}

// Item by item: one JSON.stringify of the whole pack would hold a second copy of it as a single string.
const file = createWriteStream(out);
const write = async (text: string) => {
  if (!file.write(text)) await once(file, 'drain');
};
const { actors: actorList, events, ...head } = pack;
await write(JSON.stringify(head).slice(0, -1));
for (const [name, items] of [['actors', actorList], ['events', events]] as const) {
  await write(`,${JSON.stringify(name)}:[`);
  for (let i = 0; i < items.length; i++) await write((i ? ',' : '') + JSON.stringify(items[i]));
  await write(']');
}
await write('}\n');
file.end();
await once(file, 'finish');

const aliases = pack.actors.reduce((n, a) => n + a.aliases.length, 0);
console.log(
  `wrote ${out}: ${actors.toLocaleString('en')} actors, ${aliases.toLocaleString('en')} aliases, ${pack.events.length.toLocaleString('en')} events, ` +
    `${(file.bytesWritten / 2 ** 20).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
