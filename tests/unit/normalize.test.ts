import { describe, expect, it } from 'vitest';
import { looseName } from '@/lib/text/normalize';

describe('looseName', () => {
  it('ignores case, accents, apostrophe style and spacing', () => {
    expect(looseName('  Jurij\u00A0Ušakov ')).toBe('jurij usakov');
    expect(looseName('O’Brien')).toBe(looseName("O'BRIEN"));
    expect(looseName('Zapad\u20112025')).toBe('zapad-2025');
  });

  it('keeps Cyrillic letters, folding only case and marks', () => {
    expect(looseName('Путина')).toBe('путина');
    expect(looseName('Зеленський')).toBe('зеленськии'); // й is и + breve: the breve goes, like any accent
  });
});
