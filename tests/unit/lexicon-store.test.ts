import { describe, expect, it } from 'vitest';
import { BackstoryDatabase } from '@/lib/store/database';
import { installPack } from '@/lib/store/packs';
import { createLexiconStore } from '@/lib/store/lexicon-store';
import { followName } from '@/lib/store/reader';
import { createLexiconMatcher } from '@/lib/match';
import { validatePack } from '@/lib/pack/validate';
import { miniPack, uniqueName } from './helpers';

async function installedDatabase() {
  const db = new BackstoryDatabase(uniqueName('lexicon-source'));
  const check = validatePack(miniPack());
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  await installPack(db, check.pack, 'builtin', 1);
  return db;
}

/** What a page finds in `text` when it asks `store` as a content script does. */
async function pageFinds(store: ReturnType<typeof createLexiconStore>, text: string) {
  const head = await store.head();
  const matcher = createLexiconMatcher(head);
  const part = await store.parts(head.stamp, matcher.candidates([text]));
  if (part === 'stale') throw new Error('stale');
  matcher.add(part);
  return matcher.findMentions(text).map((mention) => ({ actor: mention.actor, kind: matcher.kindOf(mention.actor), text: text.slice(mention.start, mention.end) }));
}

describe('the lexicon store', () => {
  it('answers a woken worker from what the last one built, without building again', async () => {
    const db = await installedDatabase();
    const cacheName = uniqueName('lexicon-cache');
    let builds = 0;
    const first = createLexiconStore({ database: async () => db, name: cacheName, onBuilt: () => builds++ });
    const text = 'Vladimir Putin met Steve Witkoff in Moscow.';
    const found = await pageFinds(first, text);
    expect(found.map((f) => f.text)).toContain('Vladimir Putin');
    expect(builds).toBe(1);
    // A lexicon this small gets the native sieve's pattern too (decisions §33).
    const { pattern } = await first.head();
    expect(pattern).toBeDefined();
    expect(new RegExp(pattern!).test(text)).toBe(true);
    expect(new RegExp(pattern!).test('Nothing here names anyone.')).toBe(false);

    const woken = createLexiconStore({ database: async () => db, name: cacheName, onBuilt: () => builds++ });
    expect(await pageFinds(woken, text)).toEqual(found);
    expect((await woken.head()).stamp).toBe((await first.head()).stamp);
    expect(builds).toBe(1);
  });

  it('builds again when the reader follows a name, and tells a page with the old head to start again', async () => {
    const db = await installedDatabase();
    const cacheName = uniqueName('lexicon-cache');
    const store = createLexiconStore({ database: async () => db, name: cacheName });
    const old = await store.head();
    await followName(db, { name: 'Ada Quillfeather', kind: 'person', spellings: [] }, 1_000, () => 'abcd');
    store.drop();
    expect(await store.parts(old.stamp, [[1, 0]])).toBe('stale');
    expect((await pageFinds(store, 'Ada Quillfeather spoke.')).map((f) => f.text)).toEqual(['Ada Quillfeather']);

    // A worker that missed the drop still sees the change in the fingerprint.
    const woken = createLexiconStore({ database: async () => db, name: cacheName });
    expect((await woken.head()).stamp).toBe((await store.head()).stamp);
    await followName(db, { name: 'Bo Lindqvarn', kind: 'person', spellings: [] }, 2_000, () => 'efgh');
    const rewoken = createLexiconStore({ database: async () => db, name: cacheName });
    expect((await pageFinds(rewoken, 'Bo Lindqvarn spoke.')).map((f) => f.text)).toEqual(['Bo Lindqvarn']);
  });

  it('carries each actor’s kind with its part', async () => {
    const db = await installedDatabase();
    await followName(db, { name: 'Quillfeather Institute', kind: 'organization', spellings: [] }, 1_000, () => 'abcd');
    const store = createLexiconStore({ database: async () => db, name: uniqueName('lexicon-cache') });
    const kinds = new Set((await pageFinds(store, 'The Quillfeather Institute said Vladimir Putin agreed.')).map((f) => f.kind));
    expect(kinds).toEqual(new Set(['organization', 'person']));
  });
});
