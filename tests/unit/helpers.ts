import { readFileSync } from 'node:fs';
import type { PackInput } from '@/lib/pack/schema';

/** A fresh deep copy of the test pack, safe to mutate per test. */
export function miniPack(): PackInput & Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../fixtures/mini-pack.json', import.meta.url), 'utf8'));
}

let counter = 0;
/** A database name no other test uses: fake-indexeddb is one shared factory per test file. */
export const uniqueName = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2)}`;
