import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { validatePack } from '@/lib/pack/validate';
import { BackstoryDatabase } from '@/lib/store/database';
import { installPack } from '@/lib/store/packs';
import { loadTimeline, type TimelineData } from '@/lib/store/timeline';
import { miniPack, uniqueName } from './helpers';

describe('timeline data', () => {
  it('is live: a pack installed after the panel opened appears without a reload', async () => {
    const db = new BackstoryDatabase(uniqueName('live'));
    const seen: TimelineData[] = [];
    const subscription = liveQuery(() => loadTimeline(db)).subscribe({ next: (data) => seen.push(data) });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]!.events).toEqual([]);

    const check = validatePack(miniPack());
    if (!check.ok) throw new Error('mini pack invalid');
    await installPack(db, check.pack, 'imported');
    await expect.poll(() => seen[seen.length - 1]!.events.length).toBe(check.pack.events.length);
    const latest = seen[seen.length - 1]!;
    expect(latest.actors.map((a) => a.key)).toEqual(expect.arrayContaining(['mini/vladimir-putin']));
    expect(latest.actors.find((a) => a.key === 'mini/vladimir-putin')!.searchNames).toEqual(expect.arrayContaining(['Путину']));
    expect(latest.events[0]!.sources[0]!.quote.length).toBeGreaterThan(0);
    subscription.unsubscribe();
  });
});
