/**
 * Failures degrade, never stop: a built-in pack that cannot be installed leaves the last good data
 * served and a problem in the status, and is retried with back-off; rows lost behind our back are
 * written again; only a database that cannot be opened makes database() reject.
 */
import Dexie, { type Table } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackstoryDatabase } from '@/lib/store/database';
import { blocksOfPack, packContent } from '@/lib/store/blocks';
import { createStore, retryDelay, storeStatus, StoreUnavailableError, type StoreOptions } from '@/lib/store/service';
import { miniPack, uniqueName, builtIn } from './helpers';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A clock that only moves when a timer fires, and the timers the store asked for, in order. */
function fakeTime() {
  let clock = 1_000_000;
  const timers: { run: () => Promise<void>; ms: number }[] = [];
  return {
    now: () => clock,
    schedule: ((run, ms) => void timers.push({ run, ms })) satisfies StoreOptions['schedule'],
    timers,
    /** Moves the clock to the first pending timer and runs it to completion; returns its delay. */
    async fireNext(): Promise<number> {
      const timer = timers.shift();
      if (!timer) throw new Error('no timer pending');
      clock += timer.ms;
      await timer.run();
      return timer.ms;
    },
  };
}

/** Makes every bulkAdd on `tableName` (in any database) throw what `error()` makes, until restored. */
function failWritesTo(tableName: string, error: () => Error) {
  // Each database derives its own table class; bulkAdd lives on the prototype they all share.
  let tablePrototype = Object.getPrototypeOf(new BackstoryDatabase(uniqueName('probe')).eventBlocks) as Table;
  while (!Object.hasOwn(tablePrototype, 'bulkAdd')) tablePrototype = Object.getPrototypeOf(tablePrototype) as Table;
  const original = tablePrototype.bulkAdd;
  return vi.spyOn(tablePrototype, 'bulkAdd').mockImplementation(function (this: Table, ...args: unknown[]) {
    if (this.name === tableName) throw error();
    return (original as (...a: unknown[]) => ReturnType<Table['bulkAdd']>).apply(this, args);
  });
}

const quotaExceeded = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Installs version 1.0.0 of the mini pack in a new database, as an earlier build did, and closes it. */
async function installedEarlier(): Promise<string> {
  const name = uniqueName('earlier');
  const store = createStore({ builtInPacks: [builtIn(miniPack())], name });
  (await store.database()).close();
  return name;
}

function nextVersion() {
  const pack = miniPack();
  pack.version = '1.1.0';
  pack.events = pack.events.slice(0, 1);
  return pack;
}

describe('a built-in pack that cannot be installed', () => {
  it('keeps serving the previous version when the update no longer validates, and reports it', async () => {
    const name = await installedEarlier();
    const broken = nextVersion();
    broken.events[0]!.date = '2025-02-30';
    const time = fakeTime();
    const store = createStore({ builtInPacks: [builtIn(broken)], name, ...time });

    const db = await store.database();
    expect((await db.packs.get('mini'))!.version).toBe('1.0.0');
    expect((await packContent(db, 'mini')).events.length).toBe(2);
    expect(store.lastInstall()).toEqual([{ packId: 'mini', version: '1.1.0', outcome: 'failed' }]);
    const [problem] = store.problems();
    expect(problem).toMatchObject({ packId: 'mini', version: '1.1.0', kind: 'invalid-pack', serving: '1.0.0', at: time.now(), attempts: 1 });
    expect(problem!.message).toMatch(/failed validation.*events\[0\]\.date.*Still using version 1\.0\.0/);
    // The same shipped bytes cannot become valid by waiting: no timed retry.
    expect(problem!.retryAt).toBeUndefined();
    expect(time.timers).toEqual([]);

    const status = await storeStatus(store);
    expect(status.store).toBe('degraded');
    expect(status.packs).toMatchObject([{ id: 'mini', version: '1.0.0', stored: { actors: 2, events: 2, sources: 1 } }]);
    expect(status.problems).toEqual(store.problems());
  });

  it('keeps serving the previous version when storage is full, and reports it with the retry time', async () => {
    const name = await installedEarlier();
    failWritesTo('eventBlocks', quotaExceeded);
    const time = fakeTime();
    const store = createStore({ builtInPacks: [builtIn(nextVersion())], name, ...time });

    const db = await store.database();
    // The install's transaction was rolled back: the deletes that ran before the failing write too.
    expect((await db.packs.get('mini'))!.version).toBe('1.0.0');
    expect((await packContent(db, 'mini')).events.length).toBe(2);
    expect((await packContent(db, 'mini')).actors.length).toBe(2);
    expect(store.problems()).toEqual([
      expect.objectContaining({ packId: 'mini', version: '1.1.0', kind: 'quota', serving: '1.0.0', retryAt: time.now() + 1_000 }),
    ]);
    expect(store.problems()[0]!.message).toMatch(/storage for Backstory is full.*Still using version 1\.0\.0/s);
    expect((await storeStatus(store)).store).toBe('degraded');
  });

  it('serves an empty pack, and says so, when nothing of it was ever stored', async () => {
    failWritesTo('actorBlocks', quotaExceeded);
    const store = createStore({ builtInPacks: [builtIn(miniPack())], name: uniqueName('never'), ...fakeTime() });

    const db = await store.database();
    expect(await db.packs.count()).toBe(0);
    expect(await db.actorBlocks.count()).toBe(0);
    const [problem] = store.problems();
    expect(problem).toMatchObject({ packId: 'mini', kind: 'quota' });
    expect(problem).not.toHaveProperty('serving');
    expect(problem!.message).toMatch(/None of its data is stored yet/);
    const status = await storeStatus(store);
    expect(status).toMatchObject({ store: 'degraded', packs: [] });
  });

  it('never makes database() reject, whatever the write error', async () => {
    const name = await installedEarlier();
    failWritesTo('sourceBlocks', () => new Dexie.ConstraintError('A key was refused.'));
    const store = createStore({ builtInPacks: [builtIn(nextVersion())], name, ...fakeTime() });

    await expect(store.database()).resolves.toBeInstanceOf(BackstoryDatabase);
    expect(store.problems()).toMatchObject([{ kind: 'write-failed', detail: expect.stringMatching(/ConstraintError/) }]);
    // Asking again serves the same open database; it does not retry the install on every request.
    const db = await store.database();
    expect(await store.database()).toBe(db);
    expect(store.problems()[0]!.attempts).toBe(1);
  });
});

describe('retries', () => {
  it('backs off 1 s, 2 s, 4 s, and a successful retry clears the problem', async () => {
    const name = await installedEarlier();
    const writes = failWritesTo('eventBlocks', quotaExceeded);
    const time = fakeTime();
    const recovered = vi.fn();
    const store = createStore({ builtInPacks: [builtIn(nextVersion())], name, ...time, onRecovered: recovered });
    const db = await store.database();

    expect(time.timers.map((t) => t.ms)).toEqual([1_000]);
    expect(await time.fireNext()).toBe(1_000);
    expect(store.problems()[0]).toMatchObject({ attempts: 2, retryAt: time.now() + 2_000 });
    expect(await time.fireNext()).toBe(2_000);
    expect(store.problems()[0]).toMatchObject({ attempts: 3, retryAt: time.now() + 4_000 });
    expect(time.timers.map((t) => t.ms)).toEqual([4_000]);

    expect(recovered).not.toHaveBeenCalled();
    writes.mockRestore(); // space was freed
    await time.fireNext();
    expect(store.problems()).toEqual([]);
    // The background drops the name index it built from the old version.
    expect(recovered).toHaveBeenCalledExactlyOnceWith('mini');
    expect(time.timers).toEqual([]);
    expect(store.lastInstall()).toEqual([{ packId: 'mini', version: '1.1.0', outcome: 'updated' }]);
    expect((await db.packs.get('mini'))!.version).toBe('1.1.0');
    expect((await storeStatus(store)).store).toBe('ready');
  });

  it('caps the delay at five minutes', () => {
    expect([1, 2, 3, 4, 9].map(retryDelay)).toEqual([1_000, 2_000, 4_000, 8_000, 256_000]);
    expect(retryDelay(10)).toBe(300_000);
    expect(retryDelay(5_000)).toBe(300_000);
  });

  it('reopens a database closed since the failure, and ignores a retry a reopen superseded', async () => {
    const name = await installedEarlier();
    const writes = failWritesTo('eventBlocks', quotaExceeded);
    const time = fakeTime();
    const store = createStore({ builtInPacks: [builtIn(nextVersion())], name, ...time });
    (await store.database()).close();
    await store.database(); // reopened: tried again, failed again, with a new timer
    expect(store.problems()[0]!.attempts).toBe(2);
    expect(time.timers.map((t) => t.ms)).toEqual([1_000, 2_000]);

    await time.fireNext(); // the first open's timer: superseded
    expect(store.problems()[0]!.attempts).toBe(2);

    writes.mockRestore();
    (await store.database()).close();
    await time.fireNext(); // fires while closed: reopens and installs
    expect(store.problems()).toEqual([]);
    const db = await store.database();
    expect(db.isOpen()).toBe(true);
    expect((await db.packs.get('mini'))!.version).toBe('1.1.0');
  });

  it('tries a database that cannot be opened again only after the back-off, and closes what it created', async () => {
    const closed = vi.spyOn(Dexie.prototype, 'close');
    let opens = 0;
    const failingFactory = {
      open() {
        opens++;
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const name = uniqueName('denied');
    const time = fakeTime();
    let clock = time.now();
    const store = createStore({ builtInPacks: [builtIn(miniPack())], name, dexie: { indexedDB: failingFactory, IDBKeyRange }, now: () => clock, schedule: time.schedule });

    const first = await store.database().catch((error: unknown) => error);
    expect(first).toBeInstanceOf(StoreUnavailableError);
    expect((first as StoreUnavailableError).retryAt).toBe(clock + 1_000);
    expect(closed.mock.contexts).toEqual([expect.objectContaining({ name })]);
    expect(closed.mock.contexts[0]).toBeInstanceOf(BackstoryDatabase);

    await expect(store.database()).rejects.toBe(first); // within the back-off: no new attempt
    expect(opens).toBe(1);
    const status = await storeStatus(store);
    expect(status).toMatchObject({ store: 'unavailable', retryAt: clock + 1_000, packs: [] });
    expect(status.problem).toMatch(/denied permission/);

    clock += 1_000;
    await expect(store.database()).rejects.toThrow(StoreUnavailableError);
    expect(opens).toBe(2);
    expect(closed).toHaveBeenCalledTimes(2);
    clock += 1_999;
    await expect(store.database()).rejects.toThrow(StoreUnavailableError);
    expect(opens).toBe(2);
    clock += 1;
    await expect(store.database()).rejects.toThrow(StoreUnavailableError);
    expect(opens).toBe(3);
  });
});

describe('repair', () => {
  it('writes the same version again when its rows no longer match its counts', async () => {
    const name = await installedEarlier();
    const damaged = new BackstoryDatabase(name);
    // Blocks are written whole, so damage comes a block at a time: a lost name block, lost sources.
    await blocksOfPack(damaged.nameBlocks, 'mini').delete();
    await blocksOfPack(damaged.sourceBlocks, 'mini').delete();
    damaged.close();

    const store = createStore({ builtInPacks: [builtIn(miniPack())], name, ...fakeTime() });
    const db = await store.database();
    expect(store.lastInstall()).toEqual([{ packId: 'mini', version: '1.0.0', outcome: 'repaired' }]);
    expect((await packContent(db, 'mini')).events.length).toBe(2);
    expect((await packContent(db, 'mini')).sources.length).toBe(1);
    expect(store.problems()).toEqual([]);
    db.close();

    const again = createStore({ builtInPacks: [builtIn(miniPack())], name, ...fakeTime() });
    await again.database();
    expect(again.lastInstall()).toEqual([{ packId: 'mini', version: '1.0.0', outcome: 'unchanged' }]);
  });
});
