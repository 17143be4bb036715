import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeBeside, type Rect } from '@/lib/ui/placement';

const viewport = { width: 1000, height: 700 };
const card = { width: 360, height: 300 };
const rect = (left: number, top: number, width = 80, height = 20): Rect => ({ left, top, right: left + width, bottom: top + height });

describe('card placement', () => {
  it('goes below the mention, aligned with it, when there is room', () => {
    expect(placeBeside(rect(100, 100), card, viewport)).toEqual({ left: 100, top: 126, side: 'below', maxHeight: 700 - 8 - 126 });
  });

  it('flips above near the bottom edge and clamps near the right edge', () => {
    const p = placeBeside(rect(950, 600), card, viewport);
    expect(p).toMatchObject({ side: 'above', left: 1000 - 8 - 360 });
    expect(p.top + card.height).toBe(600 - 6);
  });

  it('never covers the mention and never leaves the viewport', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 960 }),
        fc.integer({ min: 0, max: 680 }),
        fc.integer({ min: 100, max: 600 }),
        fc.integer({ min: 50, max: 900 }),
        (left, top, width, height) => {
          const anchor = rect(left, top, 40, 20);
          const p = placeBeside(anchor, { width, height }, viewport);
          const shownHeight = Math.min(height, p.maxHeight);
          expect(p.left).toBeGreaterThanOrEqual(8);
          expect(p.left + Math.min(width, viewport.width - 16)).toBeLessThanOrEqual(viewport.width - 8);
          expect(p.top).toBeGreaterThanOrEqual(p.side === 'above' ? 8 - 1e-9 : anchor.bottom);
          expect(p.top + shownHeight).toBeLessThanOrEqual(p.side === 'below' ? viewport.height - 8 : anchor.top);
        },
      ),
    );
  });
});
