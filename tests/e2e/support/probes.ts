/**
 * Functions that run inside a page (passed to `page.evaluate`), so each is self-contained: no import,
 * no closure. They read what any page script can read: the CSS.highlights registry.
 */

export interface PaintedRange {
  /** The highlight's name ("backstory-person", …). */
  name: string;
  /** The painted text, whitespace collapsed. */
  text: string;
  /** The centre of its first line box, in viewport coordinates. */
  x: number;
  y: number;
}

/** Every range Backstory painted, in registry order. */
export function paintedRanges(): PaintedRange[] {
  const out: { name: string; text: string; x: number; y: number }[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('backstory')) continue;
    for (const r of highlight as unknown as Iterable<AbstractRange>) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const box = range.getClientRects()[0];
      out.push({ name, text: range.toString().replace(/\s+/gu, ' '), x: box ? (box.left + box.right) / 2 : NaN, y: box ? (box.top + box.bottom) / 2 : NaN });
    }
  }
  return out;
}
