import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BackstoryDatabase } from '@/lib/store/database';
import { createPackImports } from '@/lib/store/pack-imports';
import { listPacks } from '@/lib/store/packs';
import { uniqueName } from './helpers';

const exampleText = () => readFileSync(new URL('../../data/packs/examples/example-brenmoor.json', import.meta.url), 'utf8');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/packs/${name}`, import.meta.url), 'utf8');

function setup() {
  const db = new BackstoryDatabase(uniqueName('imports'));
  const installed: string[] = [];
  const imports = createPackImports({ database: async () => db, reservedIds: ['us-russia-2025', 'reader'], now: () => 7, onInstalled: (id) => installed.push(id) });
  /** Sends `text` in parts of `size` characters, as the options page does. */
  const send = (upload: string, text: string, size = 1000) => {
    for (let i = 0; i * size < text.length || i === 0; i++) imports.receive(upload, i, text.slice(i * size, (i + 1) * size));
  };
  const counts = async () => Promise.all(db.tables.map((t) => t.count()));
  return { db, imports, send, installed, counts };
}

describe('pack imports in the background', () => {
  it('installs a file sent in parts and tells the tabs', async () => {
    const { db, imports, send, installed } = setup();
    send('a', exampleText());
    expect(await imports.run('a', false)).toEqual({ outcome: 'installed', packId: 'example-brenmoor', title: JSON.parse(exampleText()).title, version: '1.0.0', warnings: 0 });
    expect(installed).toEqual(['example-brenmoor']);
    expect((await listPacks(db))[0]).toMatchObject({ id: 'example-brenmoor', origin: 'imported', stored: { actors: 4, events: 2, sources: 2 } });
    expect(imports.progress('a')).toBeNull();
  });

  it('refuses every malformed file with its problems, writing nothing', async () => {
    const { imports, send, installed, counts } = setup();
    const before = await counts();
    for (const file of ['not-json.json', 'wrong-shape.json', 'dangling-reference.json', 'deeply-nested.json', 'bad-urls.json', 'duplicate-id.json', 'builtin-id.json']) {
      send(file.replace('.json', ''), fixture(file));
      const reply = await imports.run(file.replace('.json', ''), true);
      expect(reply.outcome, file).toBe('refused');
      expect(await counts(), file).toEqual(before);
    }
    expect(installed).toEqual([]);
  });

  it('asks before replacing the same or a higher version, then imports the text it already has', async () => {
    const { db, imports, send } = setup();
    send('a', exampleText());
    await imports.run('a', false);
    const older = JSON.parse(exampleText());
    older.version = '0.9.0';
    older.actors = older.actors.slice(2); // the two organizations
    older.events = [];
    send('b', JSON.stringify(older));
    expect(await imports.run('b', false)).toEqual({ outcome: 'confirm', packId: 'example-brenmoor', title: older.title, version: '0.9.0', installed: '1.0.0', reason: 'older' });
    expect((await db.packs.get('example-brenmoor'))!.version).toBe('1.0.0');
    expect(await imports.run('b', true)).toMatchObject({ outcome: 'updated', version: '0.9.0' });
    expect(await db.actors.where('packId').equals('example-brenmoor').count()).toBe(2);
  });

  it('cancel during the write rolls the install back', async () => {
    const { imports, send, counts } = setup();
    const before = await counts();
    send('a', exampleText());
    const running = imports.run('a', false);
    // The check runs synchronously at the start of run(): by now the write has begun or is about to.
    expect(imports.cancel('a')).toEqual({ cancelled: true });
    expect(await running).toEqual({ outcome: 'cancelled' });
    expect(await counts()).toEqual(before);
  });

  it('refuses parts out of order and a file over the size limit while it arrives', () => {
    const { imports } = setup();
    expect(() => imports.receive('a', 1, 'x')).toThrow(/out of order/);
    imports.receive('a', 0, 'x');
    expect(() => imports.receive('a', 2, 'x')).toThrow(/out of order/);
    const part = 'x'.repeat(1024 * 1024);
    expect(() => {
      for (let i = 1; i < 200; i++) imports.receive('a', i, part);
    }).toThrow(/packs of up to 190 MB/);
    expect(imports.progress('a')).toBeNull();
  });
});
