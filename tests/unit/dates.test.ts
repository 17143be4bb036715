import { describe, expect, it } from 'vitest';
import { canBeOnOrBefore, comparePartialDates, coveredDays, formatPartialDate, localDay, parsePartialDate } from '@/lib/pack/dates';

describe('partial dates', () => {
  it('reads the precision from the text', () => {
    expect(parsePartialDate('2018')).toEqual({ year: 2018, precision: 'year' });
    expect(parsePartialDate('2025-03')).toEqual({ year: 2025, month: 3, precision: 'month' });
    expect(parsePartialDate('2025-12-02')).toEqual({ year: 2025, month: 12, day: 2, precision: 'day' });
  });

  it('rejects impossible calendar dates and other shapes', () => {
    for (const bad of ['2025-02-29', '2024-02-30', '2025-13', '2025-00', '2025-04-31', '25-01-01', '2025-1-1', '2025-01-01T00:00', ''])
      expect(parsePartialDate(bad), bad).toBeUndefined();
    expect(parsePartialDate('2024-02-29')).toBeDefined();
  });

  it('covers the whole period of a coarse date', () => {
    expect(coveredDays('2025')).toEqual({ first: '2025-01-01', last: '2025-12-31' });
    expect(coveredDays('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(coveredDays('2025-12-02')).toEqual({ first: '2025-12-02', last: '2025-12-02' });
  });

  it('orders by precision-aware overlap', () => {
    expect(canBeOnOrBefore('2025-02', '2025-02-10')).toBe(true);
    expect(canBeOnOrBefore('2025-03', '2025-02-10')).toBe(false);
    expect(canBeOnOrBefore('2025-02-11', '2025-02')).toBe(true);
    expect(['2025-02-12', '2025', '2018', '2025-01-01', '2025-02'].sort(comparePartialDates)).toEqual([
      '2018',
      '2025',
      '2025-01-01',
      '2025-02',
      '2025-02-12',
    ]);
  });
});

describe('formatting', () => {
  it('shows a date at its own precision, in the reader’s language', () => {
    expect(formatPartialDate('2025-12-02', 'en')).toBe('December 2, 2025');
    expect(formatPartialDate('2025-12-02', 'it')).toBe('2 dicembre 2025');
    expect(formatPartialDate('2025-02', 'en')).toBe('February 2025');
    expect(formatPartialDate('2025-02', 'it')).toBe('febbraio 2025');
    expect(formatPartialDate('2018', 'it')).toBe('2018');
    expect(formatPartialDate('2025-06', 'en', '2025-07')).toBe('June 2025 – July 2025');
  });

  it('never moves a day across time zones', () => {
    expect(formatPartialDate('2025-01-01', 'en')).toBe('January 1, 2025');
    expect(localDay(new Date(2025, 11, 3, 23, 30))).toBe('2025-12-03');
  });
});
