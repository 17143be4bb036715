import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { BackstoryDatabase } from '@/lib/store/database';
import { installPack, listPacks } from '@/lib/store/packs';
import { actorIdsByNameKeys, packContent, packsById } from '@/lib/store/blocks';
import { createStore, StoreUnavailableError } from '@/lib/store/service';
import { validatePack } from '@/lib/pack/validate';
import type { Pack } from '@/lib/pack/schema';
import { miniPack, uniqueName, builtIn } from './helpers';

function parsed(input: unknown = miniPack()): Pack {
  const check = validatePack(input);
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return check.pack;
}

describe('installPack', () => {
  it('stores every row with its pack id and derived indexes', async () => {
    const db = new BackstoryDatabase(uniqueName('install'));
    expect(await installPack(db, parsed(), 'builtin', 1)).toEqual({ packId: 'mini', version: '1.0.0', outcome: 'installed' });
    const [summary] = await listPacks(db);
    expect(summary).toMatchObject({ id: 'mini', origin: 'builtin', stored: { actors: 2, events: 2, sources: 1 } });
    expect(summary!.stats.aliasesByLang).toEqual({ en: 4, ru: 1 });
    const { actors, events } = await packContent(db, 'mini');
    expect(events.filter((e) => e.actorIds.includes('vladimir-putin')).map((e) => e.id)).toEqual(['first-call']);
    const firstTerm = events.find((e) => e.id === 'first-term');
    expect([firstTerm!.firstDay, firstTerm!.lastDay]).toEqual(['2018-01-01', '2019-06-30']);
    expect(await actorIdsByNameKeys(db, ['путину'], (await packsById(db)).values())).toEqual([['mini', 'vladimir-putin']]);
    expect(actors.find((a) => a.id === 'vladimir-putin')!.aliasKeys).toContain('путину');
  });

  it('replaces an older version whole and never touches user tables or other packs', async () => {
    const db = new BackstoryDatabase(uniqueName('update'));
    await installPack(db, parsed(), 'builtin');
    const other = miniPack();
    other.id = 'imported-one';
    await installPack(db, parsed(other), 'imported');
    const note = { id: 'urn:uuid:1', title: 'my note', body: '', certainty: 'reported' as const, actorIds: ['mini/vladimir-putin' as const], pageKeys: [], createdAt: 5, updatedAt: 5 };
    await db.readerNotes.add(note);
    await db.readerActors.add({ id: 'tulsi-gabbard', kind: 'person', name: 'Tulsi Gabbard', spellings: [], aliasKeys: ['tulsi gabbard'], createdAt: 5, updatedAt: 5 });
    await db.settings.put({ key: 'highlight', value: 'underline' });

    const next = miniPack();
    next.version = '1.1.0';
    next.events = next.events.slice(0, 1);
    expect((await installPack(db, parsed(next), 'builtin')).outcome).toBe('updated');

    expect((await packContent(db, 'mini')).events.length).toBe(1);
    expect((await packContent(db, 'imported-one')).events.length).toBe(2);
    expect(await db.readerNotes.toArray()).toEqual([note]);
    expect(await db.readerActors.count()).toBe(1);
    expect(await db.settings.get('highlight')).toEqual({ key: 'highlight', value: 'underline' });
  });

  it('writes nothing when the same version is installed', async () => {
    const db = new BackstoryDatabase(uniqueName('same'));
    await installPack(db, parsed(), 'builtin', 1);
    expect((await installPack(db, parsed(), 'builtin', 2)).outcome).toBe('unchanged');
    expect((await db.packs.get('mini'))!.installedAt).toBe(1);
  });

  it('leaves the old pack in place when a write fails half-way', async () => {
    const db = new BackstoryDatabase(uniqueName('atomic'));
    await installPack(db, parsed(), 'builtin');
    const broken = parsed();
    broken.version = '2.0.0';
    // A value IndexedDB cannot store (a function cannot be cloned) makes bulkAdd throw after the deletes and the event
    // blocks ran inside the transaction (sources are stored as objects; events and actors as JSON, which would drop it).
    (broken.sources[0] as { title: unknown }).title = () => 'not data';
    await expect(installPack(db, broken, 'builtin')).rejects.toThrow();
    expect((await db.packs.get('mini'))!.version).toBe('1.0.0');
    expect((await packContent(db, 'mini')).events.length).toBe(2);
  });
});

describe('createStore', () => {
  it('opens lazily and installs the built-in pack once per version', async () => {
    const name = uniqueName('lazy');
    const store = createStore({ builtInPacks: [builtIn(miniPack())], name });
    expect(await Dexie.exists(name)).toBe(false);
    const db = await store.database();
    expect(store.lastInstall()).toEqual([{ packId: 'mini', version: '1.0.0', outcome: 'installed' }]);
    expect(await store.database()).toBe(db);
    db.close();

    const restarted = createStore({ builtInPacks: [builtIn(miniPack())], name }); // a killed worker, started again
    await restarted.database();
    expect(restarted.lastInstall()).toEqual([{ packId: 'mini', version: '1.0.0', outcome: 'unchanged' }]);
  });

  it('reopens after the database was closed under it', async () => {
    const store = createStore({ builtInPacks: [builtIn(miniPack())], name: uniqueName('closed') });
    const first = await store.database();
    first.close();
    const second = await store.database();
    expect(second.isOpen()).toBe(true);
    expect((await packContent(second, 'mini')).actors).toHaveLength(2);
  });

  it('reads a lazy built-in pack only when it must install it: not on a start that finds it intact', async () => {
    const name = uniqueName('lazy');
    let reads = 0;
    const lazy = () => ({ id: 'mini', version: '1.0.0', read: async () => (reads++, miniPack()) });
    const first = createStore({ builtInPacks: [lazy()], name });
    (await first.database()).close();
    expect(reads).toBe(1);
    const restarted = createStore({ builtInPacks: [lazy()], name }); // a stopped worker, woken again
    expect((await packContent(await restarted.database(), 'mini')).actors).toHaveLength(2);
    expect(reads).toBe(1);
  });

  it('reports a built-in pack file that cannot be read as a broken build, keeping what is stored', async () => {
    const store = createStore({ builtInPacks: [{ id: 'mini', version: '1.0.0', read: () => Promise.reject(new Error('404')) }], name: uniqueName('unreadable') });
    await store.database();
    expect(store.problems()).toMatchObject([{ packId: 'mini', kind: 'invalid-pack' }]);
  });

  it('reinstalls the built-in pack when storage was purged behind its back', async () => {
    const name = uniqueName('purged');
    const store = createStore({ builtInPacks: [builtIn(miniPack())], name });
    (await store.database()).close();
    await Dexie.delete(name);
    const again = createStore({ builtInPacks: [builtIn(miniPack())], name });
    expect((await packContent(await again.database(), 'mini')).events).toHaveLength(2);
  });

  it('turns an unopenable database into a clear error, and retries on the first call after the back-off', async () => {
    let attempts = 0;
    let clock = 0;
    const failingFactory = {
      open() {
        attempts++;
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const store = createStore({
      builtInPacks: [],
      name: uniqueName('denied'),
      dexie: { indexedDB: failingFactory, IDBKeyRange },
      now: () => clock,
    });
    await expect(store.database()).rejects.toThrow(StoreUnavailableError);
    await expect(store.database()).rejects.toThrow(/could not be opened.*denied permission/);
    expect(attempts).toBe(1);
    clock = 1_000;
    await expect(store.database()).rejects.toThrow(StoreUnavailableError);
    expect(attempts).toBe(2);
  });

  it('serves an empty database for an invalid built-in pack, with the problem in its status', async () => {
    const bad = miniPack();
    bad.events[0]!.date = '2025-02-30';
    const store = createStore({ builtInPacks: [builtIn(bad)], name: uniqueName('invalid') });
    expect(await (await store.database()).actorBlocks.count()).toBe(0);
    expect(store.problems()).toMatchObject([{ packId: 'mini', kind: 'invalid-pack', detail: expect.stringMatching(/events\[0\]\.date/) }]);
  });
});
