/**
 * The page's text as note anchors count it: every text node under <body> in document order, except
 * text the reader does not read as prose (scripts, styles, form fields, editable regions) and
 * Backstory's own UI. TextPositionSelector offsets are offsets into this concatenation; the same walk
 * describes a selection and finds it again, so both sides agree. Reads the DOM only.
 */
import { locate, pageText, type PageText } from '@/lib/anchor/page-text';
import { isSkipped } from './text-walk';

/** The page text (lib/anchor/page-text.ts) with the text node behind each of its chunks. */
export interface DomText extends PageText {
  nodes: Text[];
  indexOf: Map<Text, number>;
}

/** Walks the text nodes of `root`, a few thousand per millisecond; `onProgress` may pause the walk. */
export async function readDomText(root: Node, onProgress?: () => Promise<void> | undefined): Promise<DomText> {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.nodeType === 1 && isSkipped(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  const parts: string[] = [];
  let visited = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++visited % 512 === 0) {
      const pause = onProgress?.();
      if (pause) await pause;
    }
    if (node.nodeType !== 3) continue;
    const data = (node as Text).data;
    if (data.length === 0) continue;
    nodes.push(node as Text);
    parts.push(data);
  }
  return { ...pageText(parts), nodes, indexOf: new Map(nodes.map((n, k) => [n, k])) };
}

/** The text offset of a DOM boundary point (a Range's start or end), or undefined outside the text. */
export function offsetOf(dom: DomText, container: Node, offset: number, edge: 'start' | 'end'): number | undefined {
  if (container.nodeType === 3) {
    const k = dom.indexOf.get(container as Text);
    if (k !== undefined) return dom.starts[k]! + Math.min(offset, (container as Text).length);
  }
  // An element boundary (or a text node we do not count): the nearest counted text after it (a start)
  // or before it (an end), found by document order.
  const point = document.createRange();
  try {
    point.setStart(container, offset);
  } catch {
    return undefined;
  }
  let low = 0;
  let high = dom.nodes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    // Is node `mid` entirely before the point?
    if (point.comparePoint(dom.nodes[mid]!, dom.nodes[mid]!.length) <= 0) low = mid + 1;
    else high = mid;
  }
  if (edge === 'start') return low < dom.nodes.length ? dom.starts[low] : dom.text.length;
  return low > 0 ? dom.starts[low - 1]! + dom.nodes[low - 1]!.length : 0;
}

/** A StaticRange over text offsets [start, end), with the text nodes it covers (for hit tests). */
export function rangeOf(dom: DomText, start: number, end: number): { range: StaticRange; nodes: Text[] } | undefined {
  if (end <= start) return undefined;
  const first = locate(dom, start, 'forward');
  const last = locate(dom, end, 'backward');
  if (!first || !last || last.chunk < first.chunk) return undefined;
  const range = new StaticRange({
    startContainer: dom.nodes[first.chunk]!,
    startOffset: first.offset,
    endContainer: dom.nodes[last.chunk]!,
    endOffset: last.offset,
  });
  return { range, nodes: dom.nodes.slice(first.chunk, last.chunk + 1) };
}
