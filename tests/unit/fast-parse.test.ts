/**
 * The fast path of validatePack (lib/pack/fast-parse.ts) against zod, the schema of record: on every
 * valid and hostile pack the project has, and on packs mutated at random, both accept and refuse the
 * same inputs, and an accepted pack comes out the same (values, defaults and key order: its JSON is equal).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastParsePack } from '@/lib/pack/fast-parse';
import { Pack } from '@/lib/pack/schema';
import { syntheticPack } from '@/lib/pack/synthetic';
import { validatePack } from '@/lib/pack/validate';
import { miniPack } from './helpers';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const fixtures = readdirSync(new URL('../fixtures/packs/', import.meta.url))
  .filter((name) => name.endsWith('.json') && name !== 'not-json.json' && name !== 'deeply-nested.json')
  .map((name): [string, unknown] => [name, JSON.parse(read(`../fixtures/packs/${name}`))]);

/** Both verdicts on one input; an accepted pack compared through its JSON, which shows key order too. */
function expectSameAsZod(input: unknown): boolean {
  const zod = Pack.safeParse(structuredClone(input));
  const fast = fastParsePack(input);
  expect(fast !== undefined).toBe(zod.success);
  if (fast && zod.success) {
    expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
    expect(fast).toEqual(zod.data);
  }
  return zod.success;
}

describe('fastParsePack gives zod’s verdict and result', () => {
  it('on the packs the project ships, the example and the fixtures', () => {
    const packs: [string, unknown][] = [
      ['us-russia-2025', JSON.parse(read('../../data/packs/us-russia-2025.json'))],
      ['example-brenmoor', JSON.parse(read('../../data/packs/examples/example-brenmoor.json'))],
      ['mini-pack', miniPack()],
      ['synthetic', JSON.parse(JSON.stringify(syntheticPack(30, { eventsPerActor: 3 })))],
      ...fixtures,
    ];
    const accepted = packs.filter(([, input]) => expectSameAsZod(input)).map(([name]) => name);
    expect(accepted).toEqual(['us-russia-2025', 'example-brenmoor', 'mini-pack', 'synthetic', 'builtin-id.json', 'dangling-reference.json', 'duplicate-id.json', 'html-strings.json']);
  });

  it('trims text and puts keys in the schema’s order, as zod does', () => {
    const full = JSON.parse(JSON.stringify(fastParsePack(miniPack())));
    const padded = structuredClone(full);
    padded.events[0].title.en = ` ${padded.events[0].title.en}`;
    const reordered = structuredClone(full);
    reordered.actors[0].name = { it: full.actors[0].name.it, en: full.actors[0].name.en };
    const { id, ...rest } = full.actors[0];
    const idLast = structuredClone(full);
    idLast.actors[0] = { ...rest, id };
    for (const input of [padded, reordered, idLast]) expect(expectSameAsZod(input)).toBe(true);
    expect(fastParsePack(padded)?.events[0]?.title.en).toBe(full.events[0].title.en);
    expect(Object.keys(fastParsePack(idLast)!.actors[0]!)[0]).toBe('id');
  });

  it('leaves to zod what it does not follow, such as a "__proto__" key', () => {
    const input = miniPack();
    input.actors[0]!.name = JSON.parse('{"__proto__":"x","en":"Vladimir Putin","it":"Vladimir Putin"}');
    expect(fastParsePack(input)).toBeUndefined();
    expect(Pack.safeParse(input).success).toBe(true);
    expect(validatePack(input).ok).toBe(true);
  });

  it('on every value of the mini pack, every optional field given, replaced by each edge value in turn', () => {
    const base = fullMiniPack();
    expect(expectSameAsZod(base)).toBe(true);
    let cases = 0;
    let accepted = 0;
    for (let at = 0; at < containers(base).length; at++) {
      const own = Object.keys(containers(base)[at]!);
      for (let key = 0; key < own.length; key++)
        for (const value of EDGE_VALUES) {
          const input = structuredClone(base);
          mutate(input, { at, op: value === undefined ? 'delete' : 'set', key, value }, []);
          cases++;
          if (expectSameAsZod(JSON.parse(JSON.stringify(input)))) accepted++;
        }
    }
    expect(cases).toBeGreaterThan(5000);
    expect(accepted).toBeGreaterThan(500);
  });

  it('on hostile values anywhere in a pack (property)', () => {
    const keys = ['extra', 'part', 'caseSensitive', 'ambiguous', 'inflect', 'forms', 'notWhenPartOf', 'relations', 'tags', 'quote', 'note',
      'end', 'outlet', 'wikidata', 'background', 'place', 'dateNote', 'ru', 'en', 'it', 'id', 'actor', 'role', 'asOf', 'text'];
    const bases = [miniPack(), JSON.parse(JSON.stringify(syntheticPack(4, { eventsPerActor: 1 })))];
    const mutation = fc.record({
      at: fc.nat(),
      op: fc.constantFrom('set', 'delete', 'add', 'reverse'),
      key: fc.nat(),
      value: fc.constantFrom(...EDGE_VALUES),
    });
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat(bases.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (base, mutations) => {
        const mutated = structuredClone(bases[base]);
        for (const m of mutations) mutate(mutated, m, keys);
        // As a file would hold it: an import's input is always JSON.parse's.
        if (expectSameAsZod(JSON.parse(JSON.stringify(mutated)))) accepted++;
      }),
      { numRuns: 3000 },
    );
    // The mutations must leave some packs valid, or the property says nothing about accepted packs.
    expect(accepted).toBeGreaterThan(300);
  });
});

/** The mini pack with every optional field of actors, aliases, relations and events present. */
function fullMiniPack() {
  const pack = miniPack();
  const [first, second] = pack.actors;
  Object.assign(first!, { outlet: false, wikidata: 'Q7747', background: { text: { en: 'Known.', it: 'Noto.' }, asOf: '2025-01' } });
  first!.aliases[0] = { ...first!.aliases[0]!, part: 'full', caseSensitive: false, ambiguous: 'shared-name', inflect: true, forms: ['Putina'], notWhenPartOf: ['Putin Jr.'] };
  first!.relations = [{ type: 'ally-of', actor: second!.id, note: { en: 'Ally.', it: 'Alleato.' } }];
  const event = pack.events[0]!;
  Object.assign(event, { end: event.date, place: { en: 'Moscow', it: 'Mosca' }, dateNote: { en: 'Dated.', it: 'Datato.' } });
  return pack;
}

/** Values at and around each rule's edges (lengths before and after trimming, word counts, patterns, enums, shapes). */
const EDGE_VALUES: unknown[] = [
  undefined, null, 0, 1, true, false, '', ' ', 'x', ' x ', 'Ab', ' Ab ', 'abc', ' ab ', '  padded words  ', 'ok-slug', 'Not A Slug', 'en', 'EN',
  '2025-02-30', '2025-13', '2024', 'person', 'organization', 'full', 'surname', 'common-word', 'confirmed', 'host',
  'ally-of', 'US', 'INT', 'Q42', 'Q0', 'https://example.org/a', 'javascript:alert(1)', 'data:text/html,x', '<script>x</script>',
  words(25), words(26), ` ${words(25)} `, [], ['a'], ['ok-slug'], [' spaced form '], {}, { en: 'a', it: 'b' },
  { it: 'b', en: 'a' }, { en: ' a ', it: 'b', ru: 'в' }, { en: 'a', it: '' }, { actor: 'ok-slug', role: 'host' }, { source: 'ok-slug' },
  { text: 'Name', lang: 'en' },
];

function words(count: number): string {
  return Array.from({ length: count }, (_, i) => `w${i}`).join(' ');
}

type Container = Record<string, unknown> | unknown[];

/** Every object and array below the pack's top level, in a fixed order. */
function containers(root: unknown): Container[] {
  const out: Container[] = [];
  const walk = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    out.push(value as Container);
    for (const child of Object.values(value)) walk(child);
  };
  walk(root);
  return out;
}

function mutate(root: unknown, mutation: { at: number; op: string; key: number; value: unknown }, keys: readonly string[]) {
  // A copy of the edge value: the shared one, once in the pack, could be mutated itself (EDGE_VALUES would
  // change between runs) or be set inside itself (a cycle no JSON file can hold).
  const m = { ...mutation, value: structuredClone(mutation.value) };
  const all = containers(root);
  const target = all[m.at % all.length]!;
  const own = Object.keys(target);
  if (Array.isArray(target)) {
    if (m.op === 'add' || own.length === 0) target.push(m.value);
    else if (m.op === 'delete') target.splice(m.key % own.length, 1);
    else if (m.op === 'reverse') target.reverse();
    else target[m.key % own.length] = m.value;
    return;
  }
  if (m.op === 'reverse') {
    const entries = Object.entries(target).reverse();
    for (const key of own) delete target[key];
    for (const [key, value] of entries) target[key] = value;
  } else if (m.op === 'add') target[keys[m.key % keys.length]!] = m.value;
  else if (own.length === 0) return;
  else if (m.op === 'delete' || m.value === undefined) delete target[own[m.key % own.length]!];
  else target[own[m.key % own.length]!] = m.value;
}
