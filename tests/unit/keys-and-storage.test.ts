import { describe, expect, it } from 'vitest';
import { actorKey, isActorKey, packItemKey, parseActorKey } from '@/lib/pack/keys';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { focusItem, pageReportItem, panelItem, settingsItem } from '@/lib/storage-map';

describe('actor keys', () => {
  it('are built from a pack and an actor id, and parsed back', () => {
    const key = actorKey('us-russia-2025', 'kirill-dmitriev');
    expect(key).toBe('us-russia-2025/kirill-dmitriev');
    expect(parseActorKey(key)).toEqual({ packId: 'us-russia-2025', actorId: 'kirill-dmitriev' });
    expect(packItemKey('p', 'event-1')).toBe('p/event-1');
  });

  it('refuse anything that is not two slugs around one slash', () => {
    for (const bad of ['', 'p', 'p/', '/a', 'p/a/b', 'P/a', 'p/a ', 'p/-a', 'p//a', '<b>/x', 'p/a\n', '../../etc'])
      expect([bad, parseActorKey(bad), isActorKey(bad)]).toEqual([bad, undefined, false]);
    expect(isActorKey(42)).toBe(false);
    expect(isActorKey(undefined)).toBe(false);
  });
});

describe('the storage map', () => {
  it('parses each item with its own tolerant parser', () => {
    expect(settingsItem.parse(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(settingsItem.parse({ dwellMs: 'slow', enabled: false }).enabled).toBe(false);
    expect(focusItem.parse({ actor: 'p/a', at: 5 })).toEqual({ actor: 'p/a', at: 5 });
    expect(focusItem.parse({ actor: 'javascript:alert(1)', at: 5 })).toBeUndefined();
    expect(panelItem.parse('garbage')).toMatchObject({ view: 'timeline' });
  });

  it('names page reports by tab, and reads a missing one as undefined', () => {
    expect(pageReportItem(12)).toMatchObject({ area: 'session', key: 'backstory:page:12' });
    expect(pageReportItem(12).parse(undefined)).toBeUndefined();
    const report = { url: 'https://a.example/', title: 'A', lang: 'en', actors: [] };
    expect(pageReportItem(12).parse(report)).toEqual(report);
  });
});
