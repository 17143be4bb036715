import { describe, expect, it } from 'vitest';
import { createBudget } from '@/lib/scan/budget';
import { positionInRun, windows } from '@/lib/scan/text-runs';
import { firstDay, isoDay, jsonLdDatePublished } from '@/lib/page/metadata';
import { DEFAULT_SETTINGS, DWELL_RANGE, HIGHLIGHT_COLOURS, highlightsWanted, parseSettings, withSite } from '@/lib/settings';
import { colourLine, colourTint, contrastRatio, highlightCss } from '@/lib/ui/highlight-style';

describe('text runs', () => {
  const run = { nodes: ['Vladimir ', 'Putin', ' said'], starts: [0, 9, 14], text: 'Vladimir Putin said' };

  it('maps run offsets back to nodes, boundaries to the right side', () => {
    expect(positionInRun(run, 0, 'start')).toEqual({ node: 'Vladimir ', offset: 0 });
    expect(positionInRun(run, 9, 'start')).toEqual({ node: 'Putin', offset: 0 });
    expect(positionInRun(run, 14, 'end')).toEqual({ node: 'Putin', offset: 5 });
    expect(positionInRun(run, 16, 'end')).toEqual({ node: ' said', offset: 2 });
  });

  it('tiles long text with windows whose kept shares cover every offset exactly once', () => {
    for (const [length, size, overlap] of [[10, 100, 20], [1000, 100, 20], [1001, 64, 16], [64, 64, 16], [65, 64, 16]] as const) {
      const covered = new Array<number>(length).fill(0);
      for (const w of windows(length, size, overlap)) {
        expect(w.to - w.from).toBeLessThanOrEqual(size);
        expect(w.keepFrom - w.from === 0 || w.keepFrom - w.from >= overlap / 2).toBe(true);
        expect(w.to === length || w.to - w.keepTo >= overlap / 2).toBe(true);
        for (let i = w.keepFrom; i < w.keepTo; i++) covered[i]!++;
      }
      expect(covered.every((c) => c === 1)).toBe(true);
    }
  });
});

describe('budget', () => {
  it('yields when a slice is used up and counts only busy time', async () => {
    let t = 0;
    let yields = 0;
    const budget = createBudget(() => t, async () => void (yields++, (t += 100)), 8);
    t = 5;
    expect(budget.maybeYield()).toBeUndefined();
    t = 9;
    await budget.maybeYield();
    expect(yields).toBe(1);
    t += 3;
    expect(budget.finish()).toBe(12);
    expect(budget.longestSliceMs()).toBe(9);
  });
});

describe('page metadata', () => {
  it('reads publication days from ISO text, JSON-LD and candidates in order', () => {
    expect(isoDay('2025-12-03T08:00:00Z')).toBe('2025-12-03');
    expect(isoDay('2025-02-30')).toBeUndefined();
    expect(isoDay('3 Dec 2025')).toBeUndefined();
    expect(jsonLdDatePublished('{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2025-07-04T10:00:00Z"}]}')).toBe('2025-07-04');
    expect(jsonLdDatePublished('[{"datePublished":"nope"},{"datePublished":"2025-09-22"}]')).toBe('2025-09-22');
    expect(jsonLdDatePublished('{not json')).toBeUndefined();
    expect(firstDay([undefined, 'garbage', '2025-02-10T09:00:00Z', '2024-01-01'])).toBe('2025-02-10');
  });
});

describe('settings', () => {
  it('falls back per field on damaged values and matches sites without www', () => {
    expect(parseSettings({ enabled: 'yes', disabledSites: ['a.org', 3] })).toEqual({ ...DEFAULT_SETTINGS, disabledSites: ['a.org'] });
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ style: 'blink', kinds: { person: false }, colours: { person: 'rose', organization: '#f00' }, dwellMs: 99_999, language: 'fr' })).toEqual({
      ...DEFAULT_SETTINGS,
      kinds: { person: false, organization: true },
      colours: { person: 'rose', organization: 'blue' },
      dwellMs: DWELL_RANGE.max,
    });
    const off = withSite(parseSettings(undefined), 'www.Example.com', false);
    expect(off.disabledSites).toEqual(['example.com']);
    expect(highlightsWanted(off, 'example.com')).toBe(false);
    expect(highlightsWanted(withSite(off, 'example.com', true), 'www.example.com')).toBe(true);
    expect(highlightsWanted({ ...DEFAULT_SETTINGS, enabled: false }, 'a.org')).toBe(false);
  });

  it('every highlight colour’s underline stands out on white and on a dark page (WCAG 3:1 for marks)', () => {
    for (const colour of HIGHLIGHT_COLOURS) {
      expect(contrastRatio(colourLine(colour), '#ffffff'), colour).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(colourLine(colour), '#16181d'), colour).toBeGreaterThanOrEqual(3);
    }
  });

  it('turns the reader’s choices into highlight rules', () => {
    const css = highlightCss({ style: 'underline', colours: { person: 'green', organization: 'violet' } });
    expect(css).toContain('::highlight(backstory-person) { background-color: transparent;');
    expect(css).toContain(colourLine('violet'));
    expect(highlightCss(DEFAULT_SETTINGS)).toContain(colourTint('amber'));
  });
});
