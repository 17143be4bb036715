import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PACK_IDS } from '@/data/builtin-pack-ids';
import { builtInPacks } from '@/data/builtin-packs';
import {
  checkPackText,
  compareVersions,
  depthProblem,
  FILE_PATH,
  MAX_JSON_DEPTH,
  MAX_PACK_BYTES,
  MAX_SHOWN_PROBLEMS,
  planImport,
  sizeProblem,
} from '@/lib/pack/import';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/packs/${name}`, import.meta.url), 'utf8');
const example = () => readFileSync(new URL('../../data/packs/examples/example-brenmoor.json', import.meta.url), 'utf8');
const rules = { reservedIds: ['us-russia-2025', 'reader'] };

function refused(text: string) {
  const check = checkPackText(text, rules);
  if (check.ok) throw new Error('expected the pack to be refused');
  return check;
}

describe('checkPackText: the example and every hostile file', () => {
  it('accepts the example pack', () => {
    const check = checkPackText(example(), rules);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.pack.actors.map((a) => a.id)).toContain('odile-varnier');
  });

  it('not JSON: says so, with the parser’s words', () => {
    const { problems } = refused(fixture('not-json.json'));
    expect(problems).toEqual([{ path: FILE_PATH, message: expect.stringMatching(/^the file is not JSON \(.+\)$/) }]);
  });

  it('JSON of the wrong shape: the schema’s problem at the top level', () => {
    const { problems } = refused(fixture('wrong-shape.json'));
    expect(problems[0]).toMatchObject({ path: '(pack)' });
  });

  it('a dangling reference: its path and the id nobody has', () => {
    expect(refused(fixture('dangling-reference.json')).problems).toEqual([
      { path: 'events[1].actors[0].actor', message: 'unknown actor "nobody-here"' },
    ]);
  });

  it('javascript: and data: links are refused, each at its path', () => {
    expect(refused(fixture('bad-urls.json')).problems).toEqual([
      { path: 'sources[0].url', message: 'only http and https links are allowed' },
      { path: 'sources[1].url', message: 'only http and https links are allowed' },
    ]);
  });

  it('a duplicate id', () => {
    expect(refused(fixture('duplicate-id.json')).problems).toEqual([{ path: 'actors[1].id', message: 'duplicate id "odile-varnier"' }]);
  });

  it('a pack claiming the built-in pack’s id, or the reader’s', () => {
    expect(refused(fixture('builtin-id.json')).problems).toEqual([{ path: 'id', message: expect.stringContaining('"us-russia-2025" is the id of Backstory') }]);
    const reader = JSON.parse(example());
    reader.id = 'reader';
    expect(refused(JSON.stringify(reader)).problems[0]!.path).toBe('id');
  });

  it('deeply nested JSON: a clear message, no stack overflow, before parsing', () => {
    const { problems } = refused(fixture('deeply-nested.json'));
    expect(problems).toEqual([{ path: FILE_PATH, message: expect.stringContaining(`nests deeper than ${MAX_JSON_DEPTH} levels`) }]);
    // A million levels: far past any recursive parser's stack.
    expect(refused('['.repeat(1_000_000)).problems[0]!.message).toContain('nests deeper');
  });

  it('HTML and script in every string are kept as they are, to be rendered as text', () => {
    const check = checkPackText(fixture('html-strings.json'), rules);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.pack.title.en).toContain('<script>document.title="pwned"</script>');
  });

  it('a 200 MB file is refused by its size alone (the size is faked: nothing is allocated)', () => {
    const bytes = 200 * 1024 * 1024;
    expect(sizeProblem(bytes)).toEqual({ path: FILE_PATH, message: 'the file is 200 MB; packs of up to 190 MB can be imported' });
    expect(sizeProblem(MAX_PACK_BYTES)).toBeUndefined();
    // The background's own check, on text a page sent, without building a 200 MB string.
    const huge = { length: bytes, charCodeAt: () => 0x20 } as unknown as string;
    expect(refused(huge).problems[0]!.message).toContain('200 MB');
  });

  it('shows the first 50 problems and counts the rest', () => {
    const pack = JSON.parse(example());
    pack.events = Array.from({ length: 80 }, (_, i) => ({ ...pack.events[0], id: `e-${i}`, actors: [{ actor: `ghost-${i}`, role: 'author' }] }));
    const check = refused(JSON.stringify(pack));
    expect(check.problems).toHaveLength(MAX_SHOWN_PROBLEMS);
    expect(check.more).toBe(30);
    expect(check.problems[0]).toEqual({ path: 'events[0].actors[0].actor', message: 'unknown actor "ghost-0"' });
  });
});

describe('depthProblem', () => {
  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: '['.repeat(100) + '\\"' + '{'.repeat(100) });
    expect(depthProblem(text)).toBeUndefined();
    expect(depthProblem('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeUndefined();
    expect(depthProblem('['.repeat(MAX_JSON_DEPTH + 1))).toBeDefined();
  });
});

describe('versions', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
    expect(compareVersions('0.9.0', '1.0.0')).toBeLessThan(0);
  });

  it('a new pack or a higher version goes ahead; the same or a lower one asks first', () => {
    expect(planImport('1.0.0', undefined)).toEqual({ action: 'install' });
    expect(planImport('1.1.0', '1.0.0')).toEqual({ action: 'update', from: '1.0.0' });
    expect(planImport('1.0.0', '1.0.0')).toEqual({ action: 'confirm', installed: '1.0.0', reason: 'same' });
    expect(planImport('0.9.0', '1.0.0')).toEqual({ action: 'confirm', installed: '1.0.0', reason: 'older' });
  });
});

describe('the ids the import worker reserves', () => {
  it('are exactly the built-in packs\' ids (the worker knows them without carrying the packs)', () => {
    expect([...BUILT_IN_PACK_IDS].sort()).toEqual(builtInPacks((path) => path).map((pack) => pack.id).sort());
  });
});
