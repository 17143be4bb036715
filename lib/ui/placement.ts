/**
 * Where a floating card goes: beside its anchor (the mention), never over it, inside the viewport.
 * Below the anchor when it fits, else above when that side has more room, clamped horizontally; a
 * card taller than the room it gets is capped (it scrolls inside). Pure geometry, in CSS pixels.
 */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Placement {
  left: number;
  top: number;
  side: 'below' | 'above';
  /** The most height the card may take on its side without covering the anchor or leaving the viewport. */
  maxHeight: number;
}

export function placeBeside(
  anchor: Rect,
  card: { width: number; height: number },
  viewport: { width: number; height: number },
  margin = 8,
  gap = 6,
): Placement {
  const roomBelow = viewport.height - margin - (anchor.bottom + gap);
  const roomAbove = anchor.top - gap - margin;
  const side = card.height <= roomBelow || roomBelow >= roomAbove ? 'below' : 'above';
  const maxHeight = Math.max(0, side === 'below' ? roomBelow : roomAbove);
  const height = Math.min(card.height, maxHeight);
  const top = side === 'below' ? anchor.bottom + gap : anchor.top - gap - height;
  const width = Math.min(card.width, viewport.width - 2 * margin);
  const left = Math.min(Math.max(anchor.left, margin), viewport.width - margin - width);
  return { left: Math.max(margin, left), top, side, maxHeight };
}
