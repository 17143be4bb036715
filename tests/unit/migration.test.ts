import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BackstoryDatabase, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, upgradeNote } from '@/lib/store/database';
import { exportPackFile, installPack, listPacks, removePack, setPackEnabled, toRecords, undoRemovePack } from '@/lib/store/packs';
import { actorsOfBlock, eventsOfBlock, packBlocks } from '@/lib/store/block-layout';
import { packContent } from '@/lib/store/blocks';
import { cardFor } from '@/lib/store/card';
import { describeActors, searchActors } from '@/lib/store/reader';
import { loadTimeline, loadTimelineStart } from '@/lib/store/timeline';
import { createStore } from '@/lib/store/service';
import { validatePack } from '@/lib/pack/validate';
import type { Pack } from '@/lib/pack/schema';
import type { ActorKey } from '@/lib/pack/keys';
import { miniPack, uniqueName, builtIn } from './helpers';

function validated(input: unknown): Pack {
  const check = validatePack(input);
  if (!check.ok) throw new Error(JSON.stringify(check.problems.slice(0, 3)));
  return check.pack;
}

const USHAKOV = {
  packId: 'us-russia-2025',
  id: 'yury-ushakov',
  kind: 'person',
  aliases: [{ text: 'Jurij Ušakov', lang: 'it', forms: [] }, { text: 'Ушаков', lang: 'ru', forms: ['Ушакова'] }],
};

/** What the reader sees of two packs and their own data: cards, search, names, the timeline. */
async function reads(db: BackstoryDatabase) {
    const keys: ActorKey[] = ['us-russia-2025/kirill-dmitriev', 'us-russia-2025/steve-witkoff', 'example-brenmoor/odile-varnier', 'reader/tulsi-gabbard'];
    const request = { lang: 'en', today: '2025-12-20', pageActors: [], limit: 50 };
    return {
      packs: await db.packs.toArray(),
      list: await listPacks(db),
      cards: await Promise.all(keys.map((actor) => cardFor(db, { ...request, actor }))),
      search: await Promise.all(['dm', 'wit', 'o', 'gab', 'пут'].map((typed) => searchActors(db, typed, 'en', 8))),
      names: await describeActors(db, keys, 'it'),
      start: await loadTimelineStart(db, { limit: 20 }),
      timeline: await loadTimeline(db),
      notes: await db.readerNotes.toArray(),
      followed: await db.readerActors.toArray(),
    };
  }

/**
 * A pack's blocks as schemas v6 and v7 stored them: each block's items as objects, each event with its
 * pack, actor ids and days, each actor with its pack (what v8's blocks give back on read).
 */
function blocksAsV7(pack: Pack) {
  const { layout, slices } = packBlocks(pack);
  const rows = slices.map((slice) => ({
    table: slice.table,
    rows: slice.rows.map((row) => {
      if ('eventsJson' in row) return { packId: row.packId, block: row.block, firstDay: row.firstDay, events: eventsOfBlock(row) };
      if ('actorsJson' in row) return { packId: row.packId, block: row.block, actors: actorsOfBlock(row) };
      return row;
    }),
  }));
  return { layout, slices: rows };
}

/** Builds a database exactly as schema v1 shipped it, with a user's data in it. */
async function seedVersion1(name: string) {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('notes').bulkAdd([
    { text: 'Dmitriev again', actorIds: ['kirill-dmitriev'], createdAt: 100 },
    { text: 'Check the Bishkek remarks', actorIds: ['yury-ushakov', 'somebody-gone'], url: 'https://news.example/a#top', quote: 'Ushakov said', createdAt: 200 },
  ]);
  await v1.table('settings').put({ key: 'sites', value: { 'news.example': false } });
  await v1.table('actors').put(USHAKOV);
  v1.close();
}

/** The same as schema v2 shipped it: notes sorted by last edit, actors with their alias keys. */
async function seedVersion2(name: string) {
  const v2 = new Dexie(name);
  v2.version(1).stores(SCHEMA_V1);
  v2.version(2).stores(SCHEMA_V2);
  await v2.open();
  await v2.table('notes').bulkAdd([
    { text: 'First line\nsecond line', actorIds: ['yury-ushakov'], url: 'https://news.example/b', createdAt: 300, updatedAt: 900 },
    { text: 'No page, no actors', actorIds: [], createdAt: 400, updatedAt: 400 },
  ]);
  await v2.table('actors').put({ ...USHAKOV, aliasKeys: ['jurij usakov', 'ушаков', 'ушакова'] });
  v2.close();
}

describe('schema migrations', () => {
  it('v1 → v3 keeps every note and setting: actor ids become keys, unknown ones stay in the text', async () => {
    const name = uniqueName('v1');
    await seedVersion1(name);

    const db = new BackstoryDatabase(name);
    await db.open();
    expect(db.verno).toBe(8);
    expect(db.tables.map((t) => t.name)).not.toContain('notes');

    const notes = await db.readerNotes.orderBy('updatedAt').toArray();
    expect(notes.map((n) => [n.title, n.createdAt, n.updatedAt, n.actorIds])).toEqual([
      ['Dmitriev again', 100, 100, []],
      ['Check the Bishkek remarks', 200, 200, ['us-russia-2025/yury-ushakov']],
    ]);
    // kirill-dmitriev is in no installed pack of this database: kept as text, not lost.
    expect(notes[0]!.body).toBe('Dmitriev again\n\nkirill-dmitriev');
    expect(notes[1]!.body).toBe('Check the Bishkek remarks\n\nsomebody-gone');
    expect(notes[1]!.target).toEqual({ source: 'https://news.example/a#top', pageTitle: '', quote: { type: 'TextQuoteSelector', exact: 'Ushakov said', prefix: '', suffix: '' } });
    expect(await db.readerNotes.where('pageKeys').equals('https://news.example/a').count()).toBe(1);
    expect(await db.readerNotes.where('actorIds').equals('us-russia-2025/yury-ushakov').count()).toBe(1);
    expect(await db.settings.get('sites')).toEqual({ key: 'sites', value: { 'news.example': false } });

    // A pack's rows with no record of their pack (v1 stored no records) are carried into blocks too.
    const names = await db.nameBlocks.toArray();
    expect(names.flatMap((b) => b.keys.flatMap((key, k) => (['jurij usakov', 'ушакова'].includes(key) ? [b.actorIds[k]] : [])))).toEqual(['yury-ushakov', 'yury-ushakov']);
    expect((await packContent(db, 'us-russia-2025')).actors.map((a) => a.id)).toEqual(['yury-ushakov']);
    db.close();
  });

  it('v2 → v3 keeps edit times, the first line becomes the title, a URL without a quote stays in the body', async () => {
    const name = uniqueName('v2');
    await seedVersion2(name);
    const db = new BackstoryDatabase(name);
    await db.open();
    const notes = (await db.readerNotes.toArray()).sort((a, b) => a.createdAt - b.createdAt);
    expect(notes.map((n) => [n.title, n.body, n.createdAt, n.updatedAt, n.actorIds, n.target, n.pageKeys])).toEqual([
      ['First line', 'First line\nsecond line\n\nhttps://news.example/b', 300, 900, ['us-russia-2025/yury-ushakov'], undefined, ['https://news.example/b']],
      ['No page, no actors', 'No page, no actors', 400, 400, [], undefined, []],
    ]);
    expect(new Set(notes.map((n) => n.id)).size).toBe(2);
    expect(await db.readerActors.count()).toBe(0);
    db.close();
  });

  it('v3 → v4 keeps the reader’s data; the built-in pack is on and gets its file on the next check', async () => {
    const name = uniqueName('v3');
    const check = validatePack(miniPack());
    if (!check.ok) throw new Error('mini pack invalid');
    const pack: Pack = check.pack;
    const { packRecord, sources, actors, events } = toRecords(pack, 'builtin', 10);
    const v3 = new Dexie(name);
    v3.version(1).stores(SCHEMA_V1);
    v3.version(2).stores(SCHEMA_V2);
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    const note = { id: 'urn:uuid:n1', title: 'Putin again', body: 'Putin again', certainty: 'reported', actorIds: ['mini/vladimir-putin'], pageKeys: [], createdAt: 5, updatedAt: 6 };
    const followed = { id: 'tulsi-gabbard', kind: 'person', name: 'Tulsi Gabbard', spellings: [], aliasKeys: ['tulsi gabbard'], createdAt: 5, updatedAt: 5 };
    // v3 records had neither `enabled` nor `bytes`.
    await v3.table('packs').put(packRecord);
    await v3.table('sources').bulkPut(sources);
    await v3.table('actors').bulkPut(actors);
    await v3.table('events').bulkPut(events);
    await v3.table('readerNotes').put(note);
    await v3.table('readerActors').put(followed);
    await v3.table('settings').put({ key: 'sites', value: { 'news.example': false } });
    v3.close();

    const db = new BackstoryDatabase(name);
    await db.open();
    expect(db.verno).toBe(8);
    expect((await db.packs.get('mini'))!.enabled).toBe(true);
    expect(await db.packFiles.count()).toBe(0);
    db.close();

    // The background's first open: the pack lacks its file, so it is written again, and nothing of the reader's moves.
    const store = createStore({ builtInPacks: [builtIn(miniPack())], name });
    const opened = await store.database();
    expect(store.lastInstall()).toEqual([{ packId: 'mini', version: '1.0.0', outcome: 'repaired' }]);
    expect(JSON.parse(await (await opened.packFiles.get('mini'))!.file.text())).toEqual(pack);
    expect(await opened.readerNotes.toArray()).toEqual([note]);
    expect(await opened.readerActors.toArray()).toEqual([followed]);
    expect(await opened.settings.get('sites')).toEqual({ key: 'sites', value: { 'news.example': false } });
    expect((await packContent(opened, 'mini')).actors).toHaveLength(pack.actors.length);
    opened.close();
  });

  it('v4 → v6 keeps every row: pack rows carried into blocks, the reader’s data untouched', async () => {
    const name = uniqueName('v4');
    const check = validatePack(miniPack());
    if (!check.ok) throw new Error('mini pack invalid');
    const { packRecord, sources, actors, events } = toRecords(check.pack, 'builtin', 10);
    const v4 = new Dexie(name);
    v4.version(1).stores(SCHEMA_V1);
    v4.version(2).stores(SCHEMA_V2);
    v4.version(3).stores(SCHEMA_V3);
    v4.version(4).stores(SCHEMA_V4);
    await v4.open();
    const note = { id: 'urn:uuid:n4', title: 'Putin', body: 'Putin', certainty: 'reported', actorIds: ['mini/vladimir-putin'], pageKeys: ['https://news.example/c'], createdAt: 7, updatedAt: 8 };
    const followed = { id: 'tulsi-gabbard', kind: 'person', name: 'Tulsi Gabbard', spellings: [], aliasKeys: ['tulsi gabbard'], createdAt: 5, updatedAt: 5 };
    const file = { id: 'mini', json: JSON.stringify(check.pack) };
    await v4.table('packs').put({ ...packRecord, enabled: true, bytes: file.json.length });
    await v4.table('packFiles').put(file);
    await v4.table('sources').bulkPut(sources);
    await v4.table('actors').bulkPut(actors);
    await v4.table('events').bulkPut(events);
    // Another pack's rows, so that a key range that spilled over would be seen.
    await v4.table('actors').put({ ...actors[0]!, packId: 'mini-2' });
    await v4.table('readerNotes').put(note);
    await v4.table('readerActors').put(followed);
    await v4.table('settings').put({ key: 'sites', value: { 'news.example': false } });
    v4.close();

    const db = new BackstoryDatabase(name);
    await db.open();
    expect(db.verno).toBe(8);
    const mini = await packContent(db, 'mini');
    // The same actors, each now knowing where its events are.
    expect(mini.actors.map(({ eventAt: _, ...a }) => a)).toEqual([...actors].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(mini.events).toHaveLength(events.length);
    expect(mini.sources).toHaveLength(sources.length);
    expect((await packContent(db, 'mini-2')).actors).toHaveLength(1);
    expect((await db.packs.get('mini'))!.layout).toMatchObject({ actorBlocks: 1, eventBlocks: 1, sourceBlocks: 1 });
    const kept = (await db.packFiles.get('mini'))!;
    expect({ keys: Object.keys(kept).sort(), text: await kept.file.text() }).toEqual({ keys: ['file', 'id'], text: file.json });
    expect(await db.readerNotes.toArray()).toEqual([note]);
    expect(await db.readerActors.toArray()).toEqual([followed]);
    expect(await db.settings.get('sites')).toEqual({ key: 'sites', value: { 'news.example': false } });
    db.close();
  });

  /** The seed pack (built in) and the example (imported), with a note on one of the example's actors and a followed name. */
  function blocksFixture(noteId: string) {
    const seedPack = JSON.parse(readFileSync(new URL('../../data/packs/us-russia-2025.json', import.meta.url), 'utf8'));
    const example = JSON.parse(readFileSync(new URL('../../data/packs/examples/example-brenmoor.json', import.meta.url), 'utf8'));
    const packs = [
      { pack: validated(seedPack), origin: 'builtin' as const, at: 10 },
      { pack: validated(example), origin: 'imported' as const, at: 20 },
    ];
    const note = { id: noteId, title: 'Varnier', body: 'Varnier', certainty: 'reported' as const, actorIds: ['example-brenmoor/odile-varnier' as const], pageKeys: [], createdAt: 7, updatedAt: 8 };
    const followed = { id: 'tulsi-gabbard', kind: 'person' as const, name: 'Tulsi Gabbard', spellings: [], aliasKeys: ['tulsi gabbard', 'gabbard'], createdAt: 5, updatedAt: 5 };
    return { packs, note, followed };
  }

  it('v5 → v6 carries every pack row into blocks: cards, search, names and the timeline read as after a fresh install', async () => {
    const { packs, note, followed } = blocksFixture('urn:uuid:n5');

    const name = uniqueName('v5');
    const v5 = new Dexie(name);
    [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5].forEach((schema, k) => v5.version(k + 1).stores(schema));
    await v5.open();
    for (const { pack, origin, at } of packs) {
      const { packRecord, sources, actors, events } = toRecords(pack, origin, at);
      await v5.table('packs').put({ ...packRecord, enabled: true, bytes: 1 });
      await v5.table('packFiles').put({ id: pack.id, json: JSON.stringify(pack) });
      await v5.table('sources').bulkAdd(sources);
      await v5.table('actors').bulkAdd(actors);
      await v5.table('events').bulkAdd(events);
    }
    await v5.table('readerNotes').put(note);
    await v5.table('readerActors').put(followed);
    v5.close();
    const migrated = new BackstoryDatabase(name);
    await migrated.open();

    const fresh = new BackstoryDatabase(uniqueName('v6-fresh'));
    for (const { pack, origin, at } of packs) {
      await installPack(fresh, pack, origin, at);
      await fresh.packs.update(pack.id, { bytes: 1 });
    }
    await fresh.readerNotes.put(note);
    await fresh.readerActors.put(followed);

    const [after, expected] = [await reads(migrated), await reads(fresh)];
    expect(after.cards.every((card) => card !== null)).toBe(true);
    expect(after.cards[0]!.events.length).toBeGreaterThan(0);
    expect(after.list.map((p) => p.stored)).toEqual(packs.toReversed().map(({ pack }) => ({ actors: pack.actors.length, events: pack.events.length, sources: pack.sources.length })));
    expect(after.notes).toEqual([note]);
    expect(JSON.parse(JSON.stringify(after))).toEqual(JSON.parse(JSON.stringify(expected)));
    migrated.close();
    fresh.close();
  });

  it('v6 → v7: each pack file becomes a Blob of the same JSON; switching on, undo and export read it; the reader’s data untouched', async () => {
    const name = uniqueName('v6');
    const v6 = new Dexie(name);
    [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6].forEach((schema, k) => v6.version(k + 1).stores(schema));
    await v6.open();
    const example = validatePack(JSON.parse(readFileSync(new URL('../../data/packs/examples/example-brenmoor.json', import.meta.url), 'utf8')));
    if (!example.ok) throw new Error('example pack invalid');
    const json = JSON.stringify(example.pack);
    const { packRecord } = toRecords(example.pack, 'imported', 10);
    const { layout, slices } = blocksAsV7(example.pack);
    await v6.table('packs').put({ ...packRecord, enabled: true, bytes: json.length, layout });
    for (const slice of slices) await v6.table(slice.table).bulkAdd(slice.rows);
    await v6.table('packFiles').put({ id: example.pack.id, json });
    const note = { id: 'urn:uuid:n6', title: 'Varnier', body: 'Varnier', certainty: 'reported', actorIds: ['example-brenmoor/odile-varnier'], pageKeys: [], createdAt: 7, updatedAt: 8 };
    await v6.table('readerNotes').put(note);
    await v6.table('settings').put({ key: 'sites', value: { 'news.example': false } });
    v6.close();

    const db = new BackstoryDatabase(name);
    await db.open();
    expect(db.verno).toBe(8);
    const file = (await db.packFiles.get(example.pack.id))!;
    expect(Object.keys(file).sort()).toEqual(['file', 'id']);
    expect(await file.file.text()).toBe(json);
    expect(await (await exportPackFile(db, example.pack.id))!.text()).toBe(json);
    const stored = (await packContent(db, example.pack.id)).actors.length;
    expect(stored).toBe(example.pack.actors.length);
    // Off and on again, removed and brought back: each time the blocks are written from the migrated file.
    await setPackEnabled(db, example.pack.id, false, 11);
    expect((await packContent(db, example.pack.id)).actors).toHaveLength(0);
    await setPackEnabled(db, example.pack.id, true, 12);
    expect((await packContent(db, example.pack.id)).actors).toHaveLength(stored);
    await removePack(db, example.pack.id, 13);
    expect(await undoRemovePack(db, example.pack.id, 14)).toBe(true);
    expect((await packContent(db, example.pack.id)).actors).toHaveLength(stored);
    expect(Object.keys((await db.packFiles.get(example.pack.id))!).sort()).toEqual(['file', 'id']);
    expect(await db.readerNotes.toArray()).toEqual([note]);
    expect(await db.settings.get('sites')).toEqual({ key: 'sites', value: { 'news.example': false } });
    db.close();
  });

  it('v7 → v8: the items of each block become one JSON string; cards, search, names, counts and the timeline read as after a fresh install', async () => {
    const { packs, note, followed } = blocksFixture('urn:uuid:n7');

    const name = uniqueName('v7');
    const v7 = new Dexie(name);
    [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7].forEach((schema, k) => v7.version(k + 1).stores(schema));
    await v7.open();
    for (const { pack, origin, at } of packs) {
      const json = JSON.stringify(pack);
      const { layout, slices } = blocksAsV7(pack);
      await v7.table('packs').put({ ...toRecords(pack, origin, at).packRecord, enabled: true, bytes: 1, layout });
      for (const slice of slices) await v7.table(slice.table).bulkAdd(slice.rows);
      await v7.table('packFiles').put({ id: pack.id, file: new Blob([json], { type: 'application/json' }) });
    }
    expect(Object.keys((await v7.table('eventBlocks').toCollection().first())!).sort()).toEqual(['block', 'events', 'firstDay', 'packId']);
    await v7.table('readerNotes').put(note);
    await v7.table('readerActors').put(followed);
    v7.close();
    const migrated = new BackstoryDatabase(name);
    await migrated.open();
    expect(migrated.verno).toBe(8);
    expect(Object.keys((await migrated.eventBlocks.toCollection().first())!).sort()).toEqual(['block', 'eventsJson', 'firstDay', 'packId']);
    expect(Object.keys((await migrated.actorBlocks.toCollection().first())!).sort()).toEqual(['actorsJson', 'block', 'packId']);

    const fresh = new BackstoryDatabase(uniqueName('v8-fresh'));
    for (const { pack, origin, at } of packs) {
      await installPack(fresh, pack, origin, at);
      await fresh.packs.update(pack.id, { bytes: 1 });
    }
    await fresh.readerNotes.put(note);
    await fresh.readerActors.put(followed);
    // The migrated blocks are the fresh install's, string for string.
    for (const table of ['eventBlocks', 'actorBlocks'] as const) expect(await migrated.table(table).toArray()).toEqual(await fresh.table(table).toArray());
    const [after, expected] = [await reads(migrated), await reads(fresh)];
    expect(after.cards.every((card) => card !== null)).toBe(true);
    expect(after.list.map((p) => p.stored)).toEqual(packs.toReversed().map(({ pack }) => ({ actors: pack.actors.length, events: pack.events.length, sources: pack.sources.length })));
    expect(after.timeline.events.length).toBe(packs.reduce((n, { pack }) => n + pack.events.length, 1));
    expect(JSON.parse(JSON.stringify(after))).toEqual(JSON.parse(JSON.stringify(expected)));
    migrated.close();
    fresh.close();
  });

  it('opens a brand-new database straight at the latest version', async () => {
    const db = new BackstoryDatabase(uniqueName('fresh'));
    await db.open();
    expect(db.verno).toBe(8);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['actorBlocks', 'eventBlocks', 'nameBlocks', 'packFiles', 'packs', 'readerActors', 'readerNotes', 'settings', 'sourceBlocks']);
  });

  it('a long first line is cut for the title, never the body', () => {
    const text = 'x'.repeat(200);
    const note = upgradeNote({ id: 7, text, actorIds: [], createdAt: 1 }, []);
    expect(note.title).toHaveLength(80);
    expect(note.body).toBe(text);
    expect(note.id).toBe('urn:backstory:note:v1-7');
  });
});
