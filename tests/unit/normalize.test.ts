import { describe, expect, it } from 'vitest';
import { looseName } from '@/lib/text/normalize';

describe('looseName', () => {
  it('ignores case, accents, apostrophe style and spacing', () => {
    expect(looseName('  Jurij\u00A0Ušakov ')).toBe('jurij usakov');
    expect(looseName('O’Brien')).toBe(looseName("O'BRIEN"));
    expect(looseName('Zapad\u20112025')).toBe('zapad-2025');
  });

  it('drops soft hyphens and zero-width characters a selection carries inside words', () => {
    expect(looseName('Vladi\u00ADmir Pu\u200Btin')).toBe('vladimir putin');
    expect(looseName('\uFEFFWit\u2060koff\u200D')).toBe('witkoff');
  });

  it('keeps Cyrillic letters, folding only case and marks', () => {
    expect(looseName('Путина')).toBe('путина');
    expect(looseName('Зеленський')).toBe('зеленськии'); // й is и + breve: the breve goes, like any accent
  });
});
