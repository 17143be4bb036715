import { describe, expect, it } from 'vitest';
import { parsePanelState } from '@/lib/timeline/panel-state';
import { NO_FILTER } from '@/lib/timeline/filter';

describe('side panel state', () => {
  it('comes back as it was saved', () => {
    const saved = { view: 'actor', filter: { ...NO_FILTER, actors: ['p/a'], text: 'call', from: '2025-02-01', certainty: ['reported'] }, zoom: '2024', actor: 'p/a', expanded: 'p/e', at: 5 };
    expect(parsePanelState(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
  });

  it('falls back field by field on damaged input', () => {
    expect(parsePanelState(null)).toEqual({ view: 'timeline', filter: NO_FILTER, zoom: 'latest', at: 0 });
    const damaged = parsePanelState({ view: 'evil', filter: { actors: 'p/a', certainty: ['certain', 'disputed'], from: '25/12/2025', onlyMine: 'yes' }, zoom: 7 });
    expect(damaged).toEqual({ view: 'timeline', filter: { ...NO_FILTER, certainty: ['disputed'] }, zoom: 'latest', at: 0 });
  });

  it('keeps "Only my notes", a followed name and an open note', () => {
    const saved = { view: 'actor', filter: { ...NO_FILTER, onlyMine: true, actors: ['reader/pavel-zarubin'] }, zoom: 'latest', actor: 'reader/pavel-zarubin', expanded: 'note:urn:uuid:1', at: 9 };
    expect(parsePanelState(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
  });

  it('reads a state saved before the notes existed (no onlyMine): the filter is off', () => {
    const older = { view: 'timeline', filter: { actors: [], onPage: true, text: 'kremlin', tags: [], certainty: [] }, zoom: '2025', at: 3 };
    const parsed = parsePanelState(JSON.parse(JSON.stringify(older)));
    expect(parsed.filter).toEqual({ ...NO_FILTER, onPage: true, text: 'kremlin' });
    expect(parsed.filter.onlyMine).toBe(false);
  });
});
