import { readFileSync } from 'node:fs';
import type { PackInput } from '@/lib/pack/schema';
import type { LazyPack } from '@/lib/store/service';

/** A fresh deep copy of the test pack, safe to mutate per test. */
export function miniPack(): PackInput & Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../fixtures/mini-pack.json', import.meta.url), 'utf8'));
}

let counter = 0;
/** A database name no other test uses: fake-indexeddb is one shared factory per test file. */
export const uniqueName = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2)}`;

type ActorInput = PackInput['actors'][number];

export const person = (id: string, name: string, extra: Partial<ActorInput> = {}): ActorInput => ({
  id,
  kind: 'person',
  name: { en: name, it: name },
  role: { en: 'Someone', it: 'Qualcuno' },
  country: 'US',
  aliases: [{ text: name, lang: 'en' }, { text: name.split(' ').at(-1)!, lang: 'en', part: 'surname' }],
  ...extra,
});

/** A pack with one source and one event per actor, each event cited from the pack's own outlet. */
export function tinyPack(id: string, outlet: string, actors: ActorInput[]): PackInput {
  return {
    format: 'backstory-pack/1',
    id,
    version: '1.0.0',
    title: { en: `Pack ${id}`, it: `Pacchetto ${id}` },
    description: { en: 'Test.', it: 'Prova.' },
    languages: ['en'],
    attribution: 'tests',
    licence: 'CC0-1.0',
    sources: [{ id: 'report', outlet, title: `${outlet} report`, published: '2025-12-31', language: 'en', kind: 'news' }],
    actors,
    events: actors.map((a, k) => ({
      id: `${a.id}-event`,
      date: `2025-0${k + 1}-10`,
      title: { en: `${id}: ${a.name.en} acts`, it: `${id}: ${a.name.it} agisce` },
      summary: { en: 'Test.', it: 'Prova.' },
      actors: [{ actor: a.id, role: 'participant' as const }],
      certainty: 'confirmed' as const,
      sources: [{ source: 'report' }],
    })),
  };
}

/**
 * A built-in pack as the store takes it (lib/store/service.ts LazyPack), from its content: id and version
 * read from it as the store would find them (a broken pack's may be anything), the content read on install.
 */
export function builtIn(content: unknown): LazyPack {
  const { id, version } = (content ?? {}) as { id?: unknown; version?: unknown };
  return { id: id as string, version: version as string, read: async () => content };
}

/** Timeline data as plain data: a pack entry's text, read from its block when shown, is in it (its toJSON). */
export const asData = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));
