/**
 * A text run is the concatenated text of the consecutive text nodes of one block ("Vladimir " + "Putin"
 * from `Vladimir <b>Putin</b>`), with where each node starts, so that a match found in the string maps
 * back to (node, offset) pairs. Generic over the node type so it stays pure and testable in Node.
 */
export interface TextRun<N> {
  nodes: N[];
  /** starts[i] = offset of nodes[i] in `text`; ascending. */
  starts: number[];
  text: string;
}

export interface RunPosition<N> {
  node: N;
  offset: number;
}

/** Where `offset` falls; a boundary between two nodes belongs to the later node for starts, the earlier for ends. */
export function positionInRun<N>(run: TextRun<N>, offset: number, edge: 'start' | 'end'): RunPosition<N> {
  const { starts, nodes } = run;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = starts[mid]!;
    if (s < offset || (edge === 'start' && s === offset)) lo = mid;
    else hi = mid - 1;
  }
  return { node: nodes[lo]!, offset: offset - starts[lo]! };
}

/**
 * Splits very long text into overlapping windows so that no single matcher call can hold the main
 * thread for long (a 1 MB <pre>). Each window keeps only the mentions that start in its own
 * [keepFrom, keepTo) share; the shares tile the text, and each is at least `overlap / 2` away from its
 * window's edges, so a name (and the words before it that the matcher looks at) is never cut.
 */
export interface TextWindow {
  from: number;
  to: number;
  keepFrom: number;
  keepTo: number;
}

export function* windows(length: number, size: number, overlap: number): Generator<TextWindow> {
  if (length <= size) {
    yield { from: 0, to: length, keepFrom: 0, keepTo: length };
    return;
  }
  const margin = overlap >> 1;
  for (let from = 0; ; from += size - overlap) {
    const to = Math.min(length, from + size);
    yield { from, to, keepFrom: from === 0 ? 0 : from + margin, keepTo: to === length ? length : to - margin };
    if (to === length) return;
  }
}
