/**
 * The part of the page side that paints: named highlight layers in the CSS Custom Highlight API, the
 * highlight sheet in the shadow roots the sources meet, and nothing else. What is where on the page is
 * the sources' business (./mentions.ts for actors, ./note-anchors.ts for the reader's notes): each
 * hands its ranges to one layer here, so a second source is a second layer, not a branch in the scan.
 * The page's DOM is never written to (no wrapper, no attribute, no style element).
 */
export const HIGHLIGHT_PREFIX = 'backstory';

/** One registry name per layer: `backstory-person`, `backstory-note`, … (styled by lib/ui/highlight-style.ts). */
export type Layer = 'person' | 'organization' | 'note' | 'focus';

export class Painter {
  private readonly layers = new Map<Layer, Highlight>();
  /** Shadow roots given the highlight sheet, so dispose() can take it back. */
  private readonly styledRoots = new Set<ShadowRoot>();
  private visible = true;

  constructor(private readonly styleSheet: CSSStyleSheet) {}

  /** Replaces what one layer paints. An empty layer leaves the registry. */
  paint(layer: Layer, ranges: Iterable<AbstractRange>) {
    let highlight = this.layers.get(layer);
    if (!highlight) this.layers.set(layer, (highlight = new Highlight()));
    highlight.clear();
    for (const range of ranges) highlight.add(range);
    // The keyboard route's mark sits above everything; a noted passage below the names inside it,
    // which keep their own underline over the note's.
    if (layer === 'focus') highlight.priority = 2;
    if (layer === 'note') highlight.priority = -1;
    this.register(layer, highlight);
  }

  /**
   * The manifest-injected stylesheet styles ::highlight() in the document only; a shadow tree needs
   * the rules in its own scope. An adopted constructed stylesheet gives it that without adding a node
   * or an attribute to the page's DOM. Returns false for a root already styled.
   */
  styleShadowRoot(shadow: ShadowRoot): boolean {
    if (this.styledRoots.has(shadow)) return false;
    this.styledRoots.add(shadow);
    adoptSheet(shadow, this.styleSheet);
    return true;
  }

  isStyled(shadow: ShadowRoot): boolean {
    return this.styledRoots.has(shadow);
  }

  /** Shows or hides every layer without forgetting them. */
  setVisible(on: boolean) {
    this.visible = on;
    for (const [layer, highlight] of this.layers) this.register(layer, highlight);
  }

  dispose() {
    this.setVisible(false);
    for (const shadow of this.styledRoots) dropSheet(shadow, this.styleSheet);
    this.styledRoots.clear();
    this.layers.clear();
  }

  private register(layer: Layer, highlight: Highlight) {
    const name = `${HIGHLIGHT_PREFIX}-${layer}`;
    if (this.visible && highlight.size > 0) CSS.highlights.set(name, highlight);
    else CSS.highlights.delete(name);
  }
}

/**
 * Adds a constructed sheet to a document or shadow root once, without a node or an attribute. A browser
 * that refuses (docs/browser-quirks.md #12, #27) leaves the manifest's default colours in the document
 * and the highlights unpainted in that shadow root; mentions there still count.
 */
export function adoptSheet(root: Document | ShadowRoot, sheet: CSSStyleSheet) {
  try {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // see above
  }
}

/** Takes back a sheet adoptSheet() added, leaving the page's own adopted sheets as they are. */
export function dropSheet(root: Document | ShadowRoot, sheet: CSSStyleSheet) {
  try {
    if (root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
  } catch {
    // the browser refused the sheet in the first place
  }
}

/** A live Range over a static one, for geometry (StaticRange has none). */
export function liveRangeOf(range: AbstractRange): Range {
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live;
}

/** The text position under a point: caretPositionFromPoint where it exists, caretRangeFromPoint before. */
export function caretAt(x: number, y: number): { node: Node; offset: number } | undefined {
  const doc = document as Document & {
    caretPositionFromPoint?(x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }): { offsetNode: Node; offset: number } | null;
  };
  if (doc.caretPositionFromPoint) {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

/** Whether a viewport point lies on the glyphs of a range (not just near them). */
export function pointOnRange(range: AbstractRange, x: number, y: number): boolean {
  for (const rect of liveRangeOf(range).getClientRects()) if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  return false;
}
