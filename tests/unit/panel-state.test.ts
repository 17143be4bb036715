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
    const damaged = parsePanelState({ view: 'evil', filter: { actors: 'p/a', certainty: ['certain', 'disputed'], from: '25/12/2025' }, zoom: 7 });
    expect(damaged).toEqual({ view: 'timeline', filter: { ...NO_FILTER, certainty: ['disputed'] }, zoom: 'latest', at: 0 });
  });
});
