import { describe, expect, it } from 'vitest';
import pack from '@/data/packs/us-russia-2025.json';
import { latestLater, rankEvents } from '@/lib/timeline/rank';

const events = pack.events.map((e) => ({ ...e, actorIds: e.actors.map((a) => a.actor) }));
const eventsOf = (actor: string) => events.filter((e) => e.actorIds.includes(actor));
const rank = (actor: string, pageDay: string, pageActors: string[]) =>
  rankEvents(eventsOf(actor), { actor, pageDay, pageActors: new Set(pageActors) });

describe('ranking an actor’s events for a page', () => {
  it('an article of 3 Dec 2025 naming Witkoff and Putin puts their 2 Dec Kremlin meeting first', () => {
    for (const [actor, other] of [['vladimir-putin', 'steve-witkoff'], ['steve-witkoff', 'vladimir-putin']] as const) {
      const ranked = rank(actor, '2025-12-03', [actor, other]);
      expect(ranked[0]!.event.id).toBe('witkoff-kushner-putin-kremlin-2025-12-02');
      expect(ranked[0]!).toMatchObject({ later: false, distanceDays: 1, shared: [other] });
    }
    // Bishkek (4 Dec) is after the article: ranked, but marked as later.
    const bishkek = rank('vladimir-putin', '2025-12-03', ['vladimir-putin', 'steve-witkoff']).find((r) => r.event.id === 'putin-bishkek-remarks-2025-12-04');
    expect(bishkek).toMatchObject({ later: true, distanceDays: 1 });
  });

  it('an article of 10 Feb 2025 about the first call ranks February 2025 first and marks what came after', () => {
    const ranked = rank('vladimir-putin', '2025-02-10', ['donald-trump', 'vladimir-putin', 'mike-waltz', 'dmitry-peskov']);
    const top = ranked.slice(0, 5).map((r) => r.event.date);
    expect(top.every((date) => date.startsWith('2025-02'))).toBe(true);
    expect(ranked[0]!.event.id).not.toBe('trump-putin-call-2025-02-12'); // the month-precise claims cover the 10th; the 12th is after
    for (const r of ranked) expect(r.later, r.event.id).toBe(r.event.date > '2025-02-10' && !r.event.date.startsWith('2025-02') ? true : r.event.date === '2025-02-12');
    expect(latestLater(ranked)!.event.id).toBe('putin-bishkek-remarks-2025-12-04');
  });

  it('a crowded event months after the article does not outrank the article’s own month', () => {
    const page = ['vladimir-putin', 'donald-trump', 'steve-witkoff', 'yury-ushakov', 'sergey-lavrov', 'marco-rubio'];
    const ranked = rank('vladimir-putin', '2025-07-04', page);
    const july = ranked.findIndex((r) => r.event.id === 'trump-50-day-ultimatum');
    const december = ranked.findIndex((r) => r.event.id === 'witkoff-kushner-putin-kremlin-2025-12-02');
    expect(ranked[0]!.event.id).toBe('trump-putin-call-2025-07-03');
    expect(july).toBeLessThan(december);
  });

  it('with no other actor on the page, time alone decides, and ties are stable', () => {
    const ranked = rank('kirill-dmitriev', '2025-09-20', []);
    expect(ranked.map((r) => r.event.id)).toEqual(['dmitriev-pushes-economic-cooperation', 'witkoff-kushner-putin-kremlin-2025-12-02']);
    expect(rank('kirill-dmitriev', '2025-09-20', [])).toEqual(ranked);
  });

  it('a year-precise event covers every day of its year', () => {
    const [r] = rankEvents([{ id: 'x', date: '2025', actorIds: ['a'] }], { actor: 'a', pageDay: '2025-07-01', pageActors: new Set() });
    expect(r).toMatchObject({ distanceDays: 0, later: false });
  });

  it('an event known only to its month is not closer than the day before the page', () => {
    const ranked = rankEvents(
      [
        { id: 'july', date: '2025-07', actorIds: ['a', 'b'] },
        { id: 'third', date: '2025-07-03', actorIds: ['a', 'b'] },
      ],
      { actor: 'a', pageDay: '2025-07-04', pageActors: new Set(['b']) },
    );
    expect(ranked.map((r) => [r.event.id, r.distanceDays])).toEqual([['third', 1], ['july', 0]]);
  });
});
