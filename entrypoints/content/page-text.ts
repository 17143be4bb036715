/**
 * The page's text as note anchors count it: every text node under <body> in document order, except
 * text the reader does not read as prose (scripts, styles, form fields, editable regions) and
 * Backstory's own UI. TextPositionSelector offsets are offsets into this concatenation; the same walk
 * describes a selection and finds it again, so both sides agree. Reads the DOM only.
 */
import { isSkipped } from './text-walk';

export interface DomText {
  text: string;
  nodes: Text[];
  /** Offset of each node's first character in `text`. */
  starts: number[];
  indexOf: Map<Text, number>;
}

/** Walks the text nodes of `root`, a few thousand per millisecond; `onProgress` may pause the walk. */
export async function readDomText(root: Node, onProgress?: () => Promise<void> | undefined): Promise<DomText> {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.nodeType === 1 && isSkipped(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
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
    starts.push(length);
    parts.push(data);
    length += data.length;
  }
  return { text: parts.join(''), nodes, starts, indexOf: new Map(nodes.map((n, k) => [n, k])) };
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
  if (end <= start || dom.nodes.length === 0) return undefined;
  const first = nodeAt(dom, start, 'start');
  const last = nodeAt(dom, end, 'end');
  if (first < 0 || last < first) return undefined;
  const range = new StaticRange({
    startContainer: dom.nodes[first]!,
    startOffset: start - dom.starts[first]!,
    endContainer: dom.nodes[last]!,
    endOffset: end - dom.starts[last]!,
  });
  return { range, nodes: dom.nodes.slice(first, last + 1) };
}

/** The node holding offset `at`: for a start, the one whose text begins at or before it; for an end, the one it ends in. */
function nodeAt(dom: DomText, at: number, edge: 'start' | 'end'): number {
  let low = 0;
  let high = dom.starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const before = edge === 'start' ? dom.starts[mid]! <= at : dom.starts[mid]! < at;
    if (before) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
