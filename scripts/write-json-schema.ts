// Writes data/pack.schema.json from the zod schema in lib/pack/schema.ts.
import { writeFileSync } from 'node:fs';
import { packJsonSchema } from '../lib/pack/json-schema';

const target = new URL('../data/pack.schema.json', import.meta.url);
writeFileSync(target, packJsonSchema());
console.log(`wrote ${target.pathname}`);
