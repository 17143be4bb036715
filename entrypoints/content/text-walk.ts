/**
 * Walks the visible text of a subtree as text runs, one per block: inline markup is joined
 * ("Vladimir <b>Putin</b>" is one run), a block boundary or a line break always ends a run. Reads the
 * DOM only; never writes to it. Iterative (firstChild / nextSibling) so that it can pause between
 * any two nodes for time slicing, and so that a 10k-deep page cannot overflow the stack.
 */
import type { TextRun } from '@/lib/scan/text-runs';

/** Elements whose text is not prose a reader sees, or belongs to the user's own typing. */
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
  'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', 'svg', 'math',
]);

/** Elements that flow inside a line: text on both sides of them belongs to the same run. */
const INLINE = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'BIG', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS',
  'KBD', 'LABEL', 'MARK', 'NOBR', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP',
  'TIME', 'TT', 'U', 'VAR', 'WBR',
]);

/** The tag of Backstory's own UI host (the hover card), never scanned. */
export const OWN_UI_TAG = 'BACKSTORY-UI';

const isEditable = (element: Element) => {
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
};

export function isSkipped(element: Element): boolean {
  return SKIPPED.has(element.tagName) || element.tagName === OWN_UI_TAG || isEditable(element);
}

/**
 * The editable regions under `root`, found by one native selector query: asking every element for
 * its attribute during the walk costs more than the whole walk of a page without any.
 */
function editableRegions(root: Node): Set<Element> {
  const found = (root as ParentNode).querySelectorAll?.('[contenteditable]') ?? [];
  return new Set([...found].filter(isEditable));
}

export const isInline = (element: Element) => INLINE.has(element.tagName);

export interface WalkCallbacks {
  /** A finished run of text, with the element that holds it. */
  onRun(run: TextRun<Text>, block: Element): void;
  /** An open shadow root met on the way (web components); walked by the caller if it wants. */
  onShadowRoot?(root: ShadowRoot): void;
  /** Called every `every` nodes; a returned promise pauses the walk until it settles. */
  onProgress?(): Promise<void> | undefined;
}

interface Placement {
  /** The nearest non-inline ancestor (null: the root is a shadow root and nothing closer is a block). */
  block: Element | null;
  skipped: boolean;
}

/**
 * Walks `root` (an element, a document body or a shadow root). The text nodes come from a native
 * TreeWalker, so elements cost no JavaScript unless they hold text: each text node's block and
 * skipped state come from its parent, computed once per parent element and remembered. Text already
 * inside a skipped or editable ancestor of `root` is the caller's concern: see `insideSkipped`.
 */
export async function walkText(root: Node, callbacks: WalkCallbacks, every = 256): Promise<number> {
  // Reused for every run: onRun must not keep the arrays (it keeps nodes, which is fine).
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  const editable = editableRegions(root);
  const rootPlacement: Placement = { block: root instanceof Element ? root : null, skipped: false };
  const placements = new Map<Node, Placement>([[root, rootPlacement]]);
  const shadowHosts = new Set<Element>();
  let block: Element | null | undefined;

  const meetShadowHost = (element: Element) => {
    if (!element.shadowRoot || shadowHosts.has(element)) return;
    shadowHosts.add(element);
    callbacks.onShadowRoot?.(element.shadowRoot);
  };

  /** Where an element sits: climbs to the nearest remembered ancestor, then fills in on the way down. */
  const placementOf = (start: Node): Placement => {
    const chain: Element[] = [];
    let node: Node | null = start;
    let known = placements.get(node);
    while (!known && node && node.nodeType === 1) {
      chain.push(node as Element);
      node = node.parentNode;
      known = node ? placements.get(node) : undefined;
    }
    let placement = known ?? rootPlacement;
    for (let k = chain.length - 1; k >= 0; k--) {
      const element = chain[k]!;
      const tag = element.tagName;
      if (tag.includes('-')) meetShadowHost(element);
      placement = placement.skipped
        ? placement
        : SKIPPED.has(tag) || tag === OWN_UI_TAG || editable.has(element)
          ? { block: placement.block, skipped: true }
          : INLINE.has(tag)
            ? placement
            : { block: element, skipped: false };
      placements.set(element, placement);
    }
    return placement;
  };

  const flush = () => {
    const text = parts.join('');
    if (nodes.length && /\S/.test(text)) callbacks.onRun({ nodes, starts, text }, block ?? (root as ShadowRoot).host);
    nodes.length = 0;
    starts.length = 0;
    parts.length = 0;
    length = 0;
  };

  // Web components whose text lives only in their shadow tree hold no light-DOM text for the walk to
  // climb through; the ones not (yet) defined by script are found by one native query.
  for (const element of (root as ParentNode).querySelectorAll?.(':not(:defined)') ?? []) meetShadowHost(element);

  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let textNodes = 0;
  let lastParent: Node | null = null;
  let lastPlacement = rootPlacement;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (++textNodes % every === 0) {
      const pause = callbacks.onProgress?.();
      if (pause) await pause;
    }
    const parent = node.parentNode;
    // A line break between two texts of the same parent ends the run ("Vladimir<br>Putin"); asked only
    // then, since every DOM property read costs a wrapper in the content script's world.
    const afterBreak = parent === lastParent && node.previousSibling?.nodeName === 'BR';
    if (parent !== lastParent) {
      lastParent = parent;
      lastPlacement = parent ? placementOf(parent) : rootPlacement;
    }
    if (lastPlacement.skipped) continue;
    if (lastPlacement.block !== block || afterBreak) {
      flush();
      block = lastPlacement.block;
    }
    const data = node.data;
    if (!data) continue;
    nodes.push(node);
    starts.push(length);
    parts.push(data);
    length += data.length;
  }
  flush();
  return textNodes;
}

/** True when `node` lies inside something the walk would have skipped (used for live updates). */
export function insideSkipped(node: Node, stopAt: Node): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el && el !== stopAt; el = el.parentElement)
    if (isSkipped(el)) return true;
  return false;
}

/** The nearest ancestor (or self) that is not inline: the unit a live update rescans. */
export function blockAncestor(node: Node): Element | null {
  let el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el && isInline(el) && el.parentElement) el = el.parentElement;
  return el;
}
