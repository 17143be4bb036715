import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BackstoryDatabase } from '@/lib/store/database';
import { createImportWorker, type ImportWorkerMessage } from '@/lib/store/pack-import-worker';
import { exportPackFile, listPacks } from '@/lib/store/packs';
import { packContent } from '@/lib/store/blocks';
import { uniqueName } from './helpers';

const exampleText = () => readFileSync(new URL('../../data/packs/examples/example-brenmoor.json', import.meta.url), 'utf8');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/packs/${name}`, import.meta.url), 'utf8');

/** A file the worker is given, counting how often it is read. */
function fileOf(text: string) {
  const file = new Blob([text], { type: 'application/json' });
  const reads = { count: 0 };
  const read = file.text.bind(file);
  file.text = () => {
    reads.count++;
    return read();
  };
  return Object.assign(file, { reads });
}

function setup(onPost?: (message: ImportWorkerMessage) => void) {
  const db = new BackstoryDatabase(uniqueName('imports'));
  const posted: ImportWorkerMessage[] = [];
  const worker = createImportWorker({
    database: () => db,
    reservedIds: ['us-russia-2025', 'reader'],
    now: () => 7,
    post: (message) => {
      posted.push(message);
      onPost?.(message);
    },
  });
  const replies = (): unknown[] => posted.flatMap((m): unknown[] => (m.kind === 'reply' ? [m.reply] : m.kind === 'failed' ? [{ failed: m.message }] : []));
  const counts = async () => Promise.all(db.tables.map((t) => t.count()));
  return { db, worker, posted, replies, counts };
}

describe('the options page import worker', () => {
  it('reads, checks and installs a file, telling the page each phase', async () => {
    const { db, worker, posted, replies } = setup();
    await worker({ kind: 'import', file: fileOf(exampleText()), replace: false });
    expect(replies()).toEqual([{ outcome: 'installed', packId: 'example-brenmoor', title: JSON.parse(exampleText()).title, version: '1.0.0', warnings: 0, phases: expect.any(Array) }]);
    const phases = posted.flatMap((m) => (m.kind === 'progress' ? [m.progress.phase] : []));
    expect([...new Set(phases)]).toEqual(['receiving', 'checking', 'writing']);
    expect(posted.findLast((m) => m.kind === 'progress')).toEqual({ kind: 'progress', progress: { phase: 'writing', done: 8, total: 8 } });
    expect((await listPacks(db))[0]).toMatchObject({ id: 'example-brenmoor', origin: 'imported', installedAt: 7, stored: { actors: 4, events: 2, sources: 2 } });
  });

  it('keeps the reader’s file as chosen, and exports it as it is', async () => {
    const { db, worker, posted } = setup();
    // The example leaves defaults out: the stored file is still the very file, not the validated pack.
    await worker({ kind: 'import', file: fileOf(exampleText()), replace: false });
    const exported = (await exportPackFile(db, 'example-brenmoor'))!;
    expect(await exported.text()).toBe(exampleText());
    expect((await listPacks(db))[0]!.bytes).toBe(Buffer.byteLength(exampleText()));
    // The steps the worker timed, in order (scripts/measure-pack-import.ts prints them).
    const reply = posted.findLast((m) => m.kind === 'reply');
    const steps = reply?.kind === 'reply' && reply.reply.outcome === 'installed' ? reply.reply.phases!.map(([step]) => step.replace(/ \(.*/, '')) : [];
    expect(steps).toEqual(['read', 'depth scan', 'parse', 'validate', 'eventBlocks built', 'sourceBlocks built', 'actorBlocks built', 'nameBlocks built', 'old blocks deleted', 'eventBlocks queued', 'sourceBlocks queued', 'actorBlocks queued', 'nameBlocks queued', 'blocks written', 'record and file put', 'committed']);
  });

  it('refuses every malformed file with its problems, writing nothing', async () => {
    const { worker, replies, counts } = setup();
    const before = await counts();
    const files = ['not-json.json', 'wrong-shape.json', 'dangling-reference.json', 'deeply-nested.json', 'bad-urls.json', 'duplicate-id.json', 'builtin-id.json'];
    for (const file of files) {
      await worker({ kind: 'import', file: fileOf(fixture(file)), replace: true });
      expect(replies().at(-1), file).toMatchObject({ outcome: 'refused' });
      expect(await counts(), file).toEqual(before);
    }
    expect(replies()).toHaveLength(files.length);
  });

  it('asks before replacing the same or a higher version, then imports the text it kept', async () => {
    const { db, worker, replies } = setup();
    await worker({ kind: 'import', file: fileOf(exampleText()), replace: false });
    const older = JSON.parse(exampleText());
    older.version = '0.9.0';
    older.actors = older.actors.slice(2); // the two organizations
    older.events = [];
    const file = fileOf(JSON.stringify(older));
    await worker({ kind: 'import', file, replace: false });
    expect(replies().at(-1)).toEqual({ outcome: 'confirm', packId: 'example-brenmoor', title: older.title, version: '0.9.0', installed: '1.0.0', reason: 'older' });
    expect((await db.packs.get('example-brenmoor'))!.version).toBe('1.0.0');
    await worker({ kind: 'import', file, replace: true });
    expect(replies().at(-1)).toMatchObject({ outcome: 'updated', version: '0.9.0' });
    expect(file.reads.count).toBe(1);
    expect((await packContent(db, 'example-brenmoor')).actors.length).toBe(2);
  });

  it('cancel during the write rolls the update back: the pack as it was', async () => {
    let worker: ReturnType<typeof setup>['worker'] | undefined;
    let cancelled = false;
    const context = setup((message) => {
      // The first slice (the sources) is written: cancel before the actors.
      if (!cancelled && message.kind === 'progress' && message.progress.phase === 'writing' && message.progress.done > 0) {
        cancelled = true;
        void worker!({ kind: 'cancel' });
      }
    });
    worker = context.worker;
    const { db, replies, counts } = context;
    cancelled = true; // not the first install
    await worker({ kind: 'import', file: fileOf(exampleText()), replace: false });
    const before = await counts();
    const file = await (await db.packFiles.get('example-brenmoor'))!.file.text();
    cancelled = false;
    const newer = JSON.parse(exampleText());
    newer.version = '1.1.0';
    newer.actors[0].name.en = 'Someone else';
    await worker({ kind: 'import', file: fileOf(JSON.stringify(newer)), replace: false });
    expect(cancelled).toBe(true);
    expect(replies().at(-1)).toEqual({ outcome: 'cancelled' });
    expect(await counts()).toEqual(before);
    expect(await (await db.packFiles.get('example-brenmoor'))!.file.text()).toBe(file);
    expect((await db.packs.get('example-brenmoor'))!.version).toBe('1.0.0');
  });

  it('takes one import at a time', async () => {
    const { worker, replies } = setup();
    const first = worker({ kind: 'import', file: fileOf(exampleText()), replace: false });
    await worker({ kind: 'import', file: fileOf(exampleText()), replace: false });
    await first;
    expect(replies()).toEqual([{ failed: expect.stringMatching(/already importing/) }, expect.objectContaining({ outcome: 'installed' })]);
  });
});

describe('the pack worker manages installed packs', () => {
  const managed = (posted: ImportWorkerMessage[]) => posted.flatMap((m) => (m.kind === 'managed' ? [m] : []));

  it('switches a pack off and on (writing its blocks with progress), removes it and brings it back', async () => {
    const { db, worker, posted } = setup();
    await worker({ kind: 'import', file: fileOf(exampleText()), replace: false });
    const stored = async () => (await listPacks(db))[0]!.stored;
    const whole = await stored();
    await worker({ kind: 'manage', action: 'disable', id: 'example-brenmoor' });
    expect(await stored()).toEqual({ actors: 0, events: 0, sources: 0 });
    posted.length = 0;
    await worker({ kind: 'manage', action: 'enable', id: 'example-brenmoor' });
    expect(await stored()).toEqual(whole);
    expect(posted.findLast((m) => m.kind === 'progress')).toEqual({ kind: 'progress', progress: { phase: 'writing', done: 8, total: 8 } });
    await worker({ kind: 'manage', action: 'remove', id: 'example-brenmoor' });
    expect(await listPacks(db)).toEqual([]);
    await worker({ kind: 'manage', action: 'undo-remove', id: 'example-brenmoor' });
    expect(await stored()).toEqual(whole);
    expect(managed(posted)).toEqual([{ kind: 'managed', changed: true }, { kind: 'managed', changed: true }, { kind: 'managed', changed: true }]);
  });

  it('says when there was nothing to do, so the background is not told', async () => {
    const { worker, posted } = setup();
    await worker({ kind: 'import', file: fileOf(exampleText()), replace: false });
    await worker({ kind: 'manage', action: 'enable', id: 'example-brenmoor' });
    await worker({ kind: 'manage', action: 'disable', id: 'no-such-pack' });
    await worker({ kind: 'manage', action: 'undo-remove', id: 'example-brenmoor' });
    expect(managed(posted)).toEqual([{ kind: 'managed', changed: false }, { kind: 'managed', changed: false }, { kind: 'managed', changed: false }]);
  });

  it('cancel while switching a pack on leaves it off, with nothing written', async () => {
    let worker: ReturnType<typeof setup>['worker'] | undefined;
    let armed = false;
    const context = setup((message) => {
      if (armed && message.kind === 'progress' && message.progress.phase === 'writing' && message.progress.done > 0) {
        armed = false;
        void worker!({ kind: 'cancel' });
      }
    });
    worker = context.worker;
    const { db, posted, counts } = context;
    await worker({ kind: 'import', file: fileOf(exampleText()), replace: false });
    await worker({ kind: 'manage', action: 'disable', id: 'example-brenmoor' });
    const before = await counts();
    armed = true;
    await worker({ kind: 'manage', action: 'enable', id: 'example-brenmoor' });
    expect(armed).toBe(false);
    expect(managed(posted).at(-1)).toEqual({ kind: 'managed', changed: false, cancelled: true });
    expect(await counts()).toEqual(before);
    expect((await db.packs.get('example-brenmoor'))!.enabled).toBe(false);
  });

  it('refuses the built-in pack’s removal with the reason, as a failure the page shows', async () => {
    const { db, worker, posted } = setup();
    await worker({ kind: 'import', file: fileOf(exampleText()), replace: false });
    await db.packs.update('example-brenmoor', { origin: 'builtin' });
    await worker({ kind: 'manage', action: 'remove', id: 'example-brenmoor' });
    expect(posted.at(-1)).toEqual({ kind: 'failed', message: expect.stringMatching(/switched off, not removed/) });
  });
});
