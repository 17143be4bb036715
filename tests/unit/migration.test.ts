import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { BackstoryDatabase, SCHEMA_V1 } from '@/lib/store/database';
import { uniqueName } from './helpers';

/** Builds a database exactly as schema v1 shipped it, with a user's data in it. */
async function seedVersion1(name: string) {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('notes').bulkAdd([
    { text: 'Dmitriev again', actorIds: ['kirill-dmitriev'], createdAt: 100 },
    { text: 'Check the Bishkek remarks', actorIds: [], url: 'https://news.example/a', createdAt: 200 },
  ]);
  await v1.table('settings').put({ key: 'sites', value: { 'news.example': false } });
  await v1.table('actors').put({
    packId: 'us-russia-2025',
    id: 'yury-ushakov',
    kind: 'person',
    aliases: [{ text: 'Jurij Ušakov', lang: 'it', forms: [] }, { text: 'Ушаков', lang: 'ru', forms: ['Ушакова'] }],
  });
  v1.close();
}

describe('schema migrations', () => {
  it('v1 → v2 keeps every note and setting and backfills the new fields', async () => {
    const name = uniqueName('v1');
    await seedVersion1(name);

    const db = new BackstoryDatabase(name);
    await db.open();
    expect(db.verno).toBe(2);

    const notes = await db.notes.orderBy('updatedAt').toArray();
    expect(notes.map((n) => [n.text, n.createdAt, n.updatedAt])).toEqual([
      ['Dmitriev again', 100, 100],
      ['Check the Bishkek remarks', 200, 200],
    ]);
    expect(await db.notes.where('url').equals('https://news.example/a').count()).toBe(1);
    expect(await db.settings.get('sites')).toEqual({ key: 'sites', value: { 'news.example': false } });

    const found = await db.actors.where('aliasKeys').anyOf('jurij usakov', 'ушакова').distinct().toArray();
    expect(found.map((a) => a.id)).toEqual(['yury-ushakov']);
    db.close();
  });

  it('opens a brand-new database straight at the latest version', async () => {
    const db = new BackstoryDatabase(uniqueName('fresh'));
    await db.open();
    expect(db.verno).toBe(2);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['actors', 'events', 'notes', 'packs', 'settings', 'sources']);
  });
});
