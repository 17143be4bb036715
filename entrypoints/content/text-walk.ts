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

/**
 * Walks `root` (an element, a document body or a shadow root). Text already inside a skipped or
 * editable ancestor is the caller's concern: see `insideSkipped`.
 */
export async function walkText(root: Node, callbacks: WalkCallbacks, every = 256): Promise<number> {
  // Reused for every run: onRun must not keep the arrays (it keeps nodes, which is fine).
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  const editable = editableRegions(root);
  let blockOf: Element | null = root instanceof Element ? root : null;
  let textNodes = 0;

  const flush = () => {
    const text = parts.join('');
    if (nodes.length && /\S/.test(text)) callbacks.onRun({ nodes, starts, text }, blockOf ?? (root as ShadowRoot).host);
    nodes.length = 0;
    starts.length = 0;
    parts.length = 0;
    length = 0;
  };

  // One entry per element descended into: the enclosing block to restore for a block element,
  // `undefined` for an inline one (leaving it changes nothing).
  const blockStack: (Element | null | undefined)[] = [];
  let node: Node | null = root.firstChild;
  let counter = 0;
  while (node) {
    if (++counter % every === 0) {
      const pause = callbacks.onProgress?.();
      if (pause) await pause;
    }
    let descend = false;
    if (node.nodeType === 3) {
      const text = node as Text;
      if (text.data.length) {
        nodes.push(text);
        starts.push(length);
        parts.push(text.data);
        length += text.data.length;
        textNodes++;
      }
    } else if (node.nodeType === 1) {
      const element = node as Element;
      const tag = element.tagName;
      if (!SKIPPED.has(tag) && tag !== OWN_UI_TAG && !editable.has(element)) {
        // Web components are custom elements ("briefing-card"): only they are asked for a shadow root,
        // which keeps a property read off every ordinary element (see docs/browser-quirks.md).
        if (tag.includes('-') && element.shadowRoot) callbacks.onShadowRoot?.(element.shadowRoot);
        if (tag === 'BR') flush();
        else if (element.firstChild) {
          descend = true;
          if (!INLINE.has(tag)) {
            flush();
            blockStack.push(blockOf);
            blockOf = element;
          } else blockStack.push(undefined);
        }
      } else if (!INLINE.has(tag)) flush();
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    // Climb until there is a next sibling, closing the elements we leave.
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (!node || node === root) break;
      const saved = blockStack.pop();
      if (saved !== undefined) {
        flush();
        blockOf = saved;
      }
    }
    if (!node || node === root) break;
    node = node.nextSibling;
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
