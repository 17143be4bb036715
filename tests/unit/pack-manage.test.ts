import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackstoryDatabase } from '@/lib/store/database';
import { exportPackFile, installPack, InstallCancelled, listPacks, purgeRemovedPacks, removePack, setPackEnabled, UNDO_REMOVE_MS, undoRemovePack } from '@/lib/store/packs';
import { packContent } from '@/lib/store/blocks';
import { eventsOfBlock } from '@/lib/store/block-layout';
import { createStore } from '@/lib/store/service';
import { validatePack } from '@/lib/pack/validate';
import type { Pack } from '@/lib/pack/schema';
import type { NoteRecord } from '@/lib/notes/model';
import { miniPack, uniqueName, builtIn } from './helpers';

const exampleInput = () => JSON.parse(readFileSync(new URL('../../data/packs/examples/example-brenmoor.json', import.meta.url), 'utf8'));

function parsed(input: unknown): Pack {
  const check = validatePack(input);
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return check.pack;
}

/** Every row of every table: "the database is exactly as before" compares these. */
async function snapshot(db: BackstoryDatabase) {
  return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

const note: NoteRecord = {
  id: 'urn:uuid:n1',
  title: 'Varnier and the reservoir',
  body: '',
  certainty: 'reported',
  actorIds: ['example-brenmoor/odile-varnier'],
  pageKeys: [],
  createdAt: 5,
  updatedAt: 5,
};

async function withExample() {
  const db = new BackstoryDatabase(uniqueName('manage'));
  await installPack(db, parsed(miniPack()), 'builtin', 1);
  await installPack(db, parsed(exampleInput()), 'imported', 2);
  await db.readerNotes.put(note);
  return db;
}

const rows = async (db: BackstoryDatabase, packId: string) => {
  const { actors, events, sources } = await packContent(db, packId);
  return { actors: actors.length, events: events.length, sources: sources.length };
};

describe('importing', () => {
  /**
   * Version 2 of the example installed over version 1, one item a block (every item a slice of its own),
   * cancelled when `cancelAt` says so: what progress it reported, and how the attempt ended.
   */
  async function cancelledUpdate(db: BackstoryDatabase, cancelAt: (done: number, total: number) => boolean) {
    const next = exampleInput();
    next.version = '2.0.0';
    const controller = new AbortController();
    const progress: [number, number][] = [];
    const attempt = installPack(db, parsed(next), 'imported', 3, {
      sliceRows: 1,
      blockSizes: { actors: 1, events: 1, sources: 1, names: 1 },
      signal: controller.signal,
      onProgress: (done, total) => {
        progress.push([done, total]);
        if (cancelAt(done, total)) controller.abort();
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(InstallCancelled);
    return progress;
  }

  it('a cancelled import leaves the database exactly as it was, even half-way through its slices', async () => {
    const db = await withExample();
    const before = await snapshot(db);
    // The cancel lands between two items.
    const progress = await cancelledUpdate(db, (done) => done === 3);
    expect(progress.map(([done]) => done)).toEqual([1, 2, 3]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a cancel heard while the blocks are written, after they were all built, also leaves the database as it was', async () => {
    const db = await withExample();
    const before = await snapshot(db);
    // Past half: every block is built and some are written.
    const progress = await cancelledUpdate(db, (done, total) => done > total / 2);
    expect(progress.at(-1)![0]).toBeGreaterThan(progress.at(-1)![1] / 2);
    expect(progress.at(-1)![0]).toBeLessThan(progress.at(-1)![1]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('reports progress slice by slice up to every row', async () => {
    const db = new BackstoryDatabase(uniqueName('progress'));
    const seen: [number, number][] = [];
    await installPack(db, parsed(exampleInput()), 'imported', 1, { sliceRows: 3, blockSizes: { actors: 1, events: 1, sources: 1, names: 1 }, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([8, 8]);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1]![0])).toBe(true);
  });

  it('an update keeps the reader’s notes and their links to the pack’s actors', async () => {
    const db = await withExample();
    const next = exampleInput();
    next.version = '1.1.0';
    expect((await installPack(db, parsed(next), 'imported', 3)).outcome).toBe('updated');
    expect(await db.readerNotes.toArray()).toEqual([note]);
    expect((await packContent(db, 'example-brenmoor')).actors.map((a) => a.id)).toContain('odile-varnier');
  });

  it('lists title, version, counts, languages, licence, size and state', async () => {
    const db = await withExample();
    const summary = (await listPacks(db)).find((p) => p.id === 'example-brenmoor')!;
    expect(summary).toMatchObject({ version: '1.0.0', origin: 'imported', enabled: true, languages: ['en', 'it'], licence: 'CC0-1.0', stored: { actors: 4, events: 2, sources: 2 } });
    expect(summary.bytes).toBe((await db.packFiles.get('example-brenmoor'))!.file.size);
  });
});

describe('switching a pack off and on', () => {
  it('off takes its rows out and changes what the name index is built from; on brings them back', async () => {
    const db = await withExample();
    const before = await rows(db, 'example-brenmoor');
    const off = await setPackEnabled(db, 'example-brenmoor', false, 10);
    expect(off).toMatchObject({ enabled: false, installedAt: 10 });
    expect(await rows(db, 'example-brenmoor')).toEqual({ actors: 0, events: 0, sources: 0 });
    expect(await rows(db, 'mini')).toEqual({ actors: 2, events: 2, sources: 1 });
    expect(await db.eventBlocks.filter((b) => eventsOfBlock(b).some((e) => e.actorIds.includes('odile-varnier'))).count()).toBe(0);
    expect(await db.readerNotes.toArray()).toEqual([note]);
    expect(await setPackEnabled(db, 'example-brenmoor', true, 11)).toMatchObject({ enabled: true, installedAt: 11 });
    expect(await rows(db, 'example-brenmoor')).toEqual(before);
  });

  it('an off pack stays off when a new version of it is installed', async () => {
    const db = await withExample();
    await setPackEnabled(db, 'example-brenmoor', false, 10);
    const next = exampleInput();
    next.version = '1.1.0';
    await installPack(db, parsed(next), 'imported', 12);
    expect((await db.packs.get('example-brenmoor'))!).toMatchObject({ enabled: false, version: '1.1.0' });
    expect(await rows(db, 'example-brenmoor')).toEqual({ actors: 0, events: 0, sources: 0 });
  });
});

describe('removing, with undo', () => {
  it('removes the rows and the record; undo brings back the same pack, notes untouched throughout', async () => {
    const db = await withExample();
    const before = await listPacks(db);
    expect(await removePack(db, 'example-brenmoor', 100)).toBe(true);
    expect((await listPacks(db)).map((p) => p.id)).toEqual(['mini']);
    expect(await rows(db, 'example-brenmoor')).toEqual({ actors: 0, events: 0, sources: 0 });
    expect(await exportPackFile(db, 'example-brenmoor')).toBeUndefined();
    expect(await undoRemovePack(db, 'example-brenmoor', 101)).toBe(true);
    const after = await listPacks(db);
    expect(after.map(({ installedAt: _, ...p }) => p)).toEqual(before.map(({ installedAt: _, ...p }) => p));
    expect(await db.readerNotes.toArray()).toEqual([note]);
    expect(await undoRemovePack(db, 'example-brenmoor', 102)).toBe(false);
  });

  it('the file is deleted for good once the undo has run out', async () => {
    const db = await withExample();
    await removePack(db, 'example-brenmoor', 100);
    expect(await purgeRemovedPacks(db, 100 + UNDO_REMOVE_MS - 1)).toBe(0);
    expect(await purgeRemovedPacks(db, 100 + UNDO_REMOVE_MS)).toBe(1);
    expect(await undoRemovePack(db, 'example-brenmoor', 200)).toBe(false);
    expect(await db.packFiles.get('mini')).toBeDefined();
  });

  it('refuses to remove the built-in pack', async () => {
    const db = await withExample();
    await expect(removePack(db, 'mini')).rejects.toThrow(/switched off, not removed/);
    expect(await rows(db, 'mini')).toEqual({ actors: 2, events: 2, sources: 1 });
  });
});

describe('exporting', () => {
  it('round-trips: export → validate → the same pack, laid out as data/packs', async () => {
    const db = await withExample();
    const text = await (await exportPackFile(db, 'example-brenmoor'))!.text();
    expect(parsed(JSON.parse(text))).toEqual(parsed(exampleInput()));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "format": "backstory-pack/1",');
  });
});

describe('the built-in pack on an extension update', () => {
  it('is updated without touching imported packs or the reader’s data, and stays off when switched off', async () => {
    const name = uniqueName('builtin-update');
    const first = createStore({ builtInPacks: [builtIn(miniPack())], name });
    const db = await first.database();
    await installPack(db, parsed(exampleInput()), 'imported', 2);
    await db.readerNotes.put(note);
    await db.readerActors.put({ id: 'tulsi-gabbard', kind: 'person', name: 'Tulsi Gabbard', spellings: [], aliasKeys: ['tulsi gabbard'], createdAt: 5, updatedAt: 5 });
    await setPackEnabled(db, 'mini', false, 3);
    const fileText = async (of: BackstoryDatabase) => (await of.packFiles.get('example-brenmoor'))!.file.text();
    const imported = { record: await db.packs.get('example-brenmoor'), file: await fileText(db), actors: (await packContent(db, 'example-brenmoor')).actors };
    const reader = { notes: await db.readerNotes.toArray(), actors: await db.readerActors.toArray() };
    db.close();

    const shipped = miniPack();
    shipped.version = '1.1.0';
    const updated = createStore({ builtInPacks: [builtIn(shipped)], name });
    const after = await updated.database();
    expect(updated.lastInstall()).toEqual([{ packId: 'mini', version: '1.1.0', outcome: 'updated' }]);
    expect(await after.packs.get('mini')).toMatchObject({ version: '1.1.0', enabled: false });
    expect(await rows(after, 'mini')).toEqual({ actors: 0, events: 0, sources: 0 });
    expect({ record: await after.packs.get('example-brenmoor'), file: await fileText(after), actors: (await packContent(after, 'example-brenmoor')).actors }).toEqual(imported);
    expect({ notes: await after.readerNotes.toArray(), actors: await after.readerActors.toArray() }).toEqual(reader);
    // Switched on again: the new version's rows.
    await setPackEnabled(after, 'mini', true, 4);
    expect(await rows(after, 'mini')).toEqual({ actors: 2, events: 2, sources: 1 });
    after.close();
  });
});

describe('a pack that changes while its file is read', () => {
  /** Runs `meanwhile` once, the first time a stored pack file is read, before the read goes on. */
  function meddleOnRead(meanwhile: () => Promise<unknown>) {
    const read = Blob.prototype.text;
    let done = false;
    return vi.spyOn(Blob.prototype, 'text').mockImplementation(async function (this: Blob) {
      if (!done) {
        done = true;
        await meanwhile();
      }
      return read.call(this);
    });
  }

  afterEach(() => vi.restoreAllMocks());

  it('is not switched on from the file of another install: "changed meanwhile", and the newer install stands', async () => {
    const db = await withExample();
    await setPackEnabled(db, 'example-brenmoor', false, 10);
    const next = exampleInput();
    next.version = '2.0.0';
    next.title.en = 'Brenmoor, second edition';
    meddleOnRead(() => installPack(db, parsed(next), 'imported', 11));
    await expect(setPackEnabled(db, 'example-brenmoor', true, 12)).rejects.toThrow(/changed meanwhile; try again/);
    // The new version's record, still off as the reader left it, and no rows written from the old file.
    expect(await db.packs.get('example-brenmoor')).toMatchObject({ version: '2.0.0', enabled: false, installedAt: 11 });
    expect(await rows(db, 'example-brenmoor')).toEqual({ actors: 0, events: 0, sources: 0 });
  });

  it('is not brought back from the file of another removal: "changed meanwhile", and nothing is written', async () => {
    const db = await withExample();
    await removePack(db, 'example-brenmoor', 100);
    // While the undo reads the file: another window undoes, and the pack is removed again.
    meddleOnRead(async () => {
      expect(await undoRemovePack(db, 'example-brenmoor', 101)).toBe(true);
      expect(await removePack(db, 'example-brenmoor', 102)).toBe(true);
    });
    const before = await snapshot(db);
    await expect(undoRemovePack(db, 'example-brenmoor', 103)).rejects.toThrow(/changed meanwhile; try again/);
    expect((await snapshot(db)).packs).toEqual(before.packs);
    expect(await rows(db, 'example-brenmoor')).toEqual({ actors: 0, events: 0, sources: 0 });
    // The removal that stands can still be undone.
    expect(await undoRemovePack(db, 'example-brenmoor', 104)).toBe(true);
    expect(await rows(db, 'example-brenmoor')).toEqual(await rows(await withExample(), 'example-brenmoor'));
  });
});
