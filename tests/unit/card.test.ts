import { actorKey } from '@/lib/pack/keys';
import { describe, expect, it } from 'vitest';
import pack from '@/data/packs/us-russia-2025.json';
import { validatePack } from '@/lib/pack/validate';
import { cardFor } from '@/lib/store/card';
import { BackstoryDatabase } from '@/lib/store/database';
import { installPack } from '@/lib/store/packs';
import { uniqueName } from './helpers';

async function seededDatabase() {
  const check = validatePack(pack);
  if (!check.ok) throw new Error('the seed pack is invalid');
  const db = new BackstoryDatabase(uniqueName('card'));
  await installPack(db, check.pack, 'builtin');
  return db;
}

const request = (actor: string, overrides: Partial<Parameters<typeof cardFor>[1]> = {}) => ({
  actor: actorKey('us-russia-2025', actor),
  lang: 'en',
  today: '2026-11-23',
  pageActors: [],
  limit: 4,
  ...overrides,
});

describe('card content', () => {
  it('gives the actor, relations by name, and the events ranked for the page', async () => {
    const db = await seededDatabase();
    const card = await cardFor(db, request('steve-witkoff', { published: '2025-12-03', pageActors: ['us-russia-2025/vladimir-putin'] }));
    expect(card!.actor).toMatchObject({ name: 'Steve Witkoff', kind: 'person', country: 'US' });
    expect(card!.events[0]).toMatchObject({ key: 'us-russia-2025/witkoff-kushner-putin-kremlin-2025-12-02', later: false, shared: ['Vladimir Putin'] });
    expect(card!.events[0]!.sources.length).toBeGreaterThan(0);
    expect(card!.events[0]!.sources[0]!.quote!.split(/\s+/u).length).toBeLessThanOrEqual(25);
    expect(card).toMatchObject({ pageDay: '2025-12-03', pageDayKnown: true });
    expect(card!.total).toBeGreaterThanOrEqual(card!.events.length);
  });

  it('names the relation that explains someone, in Italian when asked', async () => {
    const db = await seededDatabase();
    const card = await cardFor(db, request('jared-kushner', { lang: 'it' }));
    expect(card!.actor.relations).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'son-in-law-of', actor: 'us-russia-2025/donald-trump', name: 'Donald Trump' })]),
    );
    expect(card!.actor.role).toBe(pack.actors.find((a) => a.id === 'jared-kushner')!.role.it);
  });

  it('carries an actor’s background apart from its role, in the reader’s language, with its as-of date', async () => {
    const db = await seededDatabase();
    const waltz = pack.actors.find((a) => a.id === 'mike-waltz')!;
    const card = await cardFor(db, request('mike-waltz', { lang: 'it' }));
    expect(card!.actor.role).toBe(waltz.role.it);
    expect(card!.actor.background).toEqual({ text: waltz.background!.text.it, asOf: waltz.background!.asOf });
    expect(card!.actor.background!.text).toMatch(/ONU/);
    const putin = await cardFor(db, request('vladimir-putin'));
    expect(putin!.actor).not.toHaveProperty('background');
  });

  it('ranks against today when the page has no date, and points at what came after the article', async () => {
    const db = await seededDatabase();
    const undated = await cardFor(db, request('vladimir-putin'));
    expect(undated).toMatchObject({ pageDay: '2026-11-23', pageDayKnown: false, laterCount: 0 });
    const early = await cardFor(db, request('vladimir-putin', { published: '2025-02-10', pageActors: ['us-russia-2025/donald-trump'] }));
    expect(early!.events.every((e) => e.date.startsWith('2025-02'))).toBe(true);
    expect(early!.since).toMatchObject({ key: 'us-russia-2025/putin-bishkek-remarks-2025-12-04', later: true });
    expect(early!.laterCount).toBeGreaterThan(10);
  });

  it('answers null for an actor it does not know', async () => {
    const db = await seededDatabase();
    expect(await cardFor(db, request('nobody-at-all'))).toBeNull();
    expect(await cardFor(db, { ...request('x'), actor: 'other-pack/steve-witkoff' })).toBeNull();
  });
});
