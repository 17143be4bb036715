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

/**
 * Where a phrase of the page's text starts and ends on screen: a point just inside its first character
 * and one just inside its last, for a mouse drag that selects exactly the phrase: the first occurrence
 * inside the element `within` matches (a selector). Null when not found.
 */
export function phraseEnds([phrase, within]: [string, string]): { from: { x: number; y: number }; to: { x: number; y: number } } | null {
  const walker = document.createTreeWalker(document.querySelector(within) ?? document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const at = node.data.indexOf(phrase);
    if (at < 0) continue;
    node.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + phrase.length);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const first = rects[0]!;
    const last = rects[rects.length - 1]!;
    return { from: { x: first.left + 1, y: (first.top + first.bottom) / 2 }, to: { x: last.right - 1, y: (last.top + last.bottom) / 2 } };
  }
  return null;
}
