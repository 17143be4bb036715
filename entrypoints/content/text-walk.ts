/**
 * Finds the visible text of a subtree that could name an actor, as text runs, one per block: inline
 * markup is joined ("Vladimir <b>Putin</b>" is one run), a block boundary or a line break always ends
 * a run, and so does skipped text (script, form fields, editable regions). Reads the DOM only; never
 * writes to it.
 *
 * Two passes, because most text of most pages names nobody (docs/decisions.md §12, §14):
 *   1. every text node goes through the sieve (lib/match/sieve.ts), which reads its characters and
 *      nothing else: no parent, no block, no string made. Whitespace-only nodes and the long texts of
 *      scripts and style sheets are passed over with one native call each.
 *   2. only around a node the sieve reports is the run rebuilt: its block found, its neighbours in
 *      the same block gathered, and the text handed to the matcher.
 * The result is the same runs the matcher would have seen from a walk of every block.
 */
import type { Sieve, SieveReport } from '@/lib/match/sieve';
import type { TextRun } from '@/lib/scan/text-runs';

/** Elements whose text is not prose a reader sees, or belongs to the user's own typing. */
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
  'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', 'svg', 'math',
]);

/**
 * Elements whose content is one raw text node. Their text is often long (inline scripts and style
 * sheets run to hundreds of kilobytes on news pages), so the sieve does not read a long one.
 */
const RAW_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TITLE', 'IFRAME', 'script', 'style']);
/** Texts longer than this have their parent asked whether they are raw text; shorter ones cost less to read. */
const LONG_TEXT = 256;
/** Finds the first character that is not whitespace, natively: half the text nodes of a page are indentation. */
const NON_SPACE = /\S/g;

/** Elements that flow inside a line: text on both sides of them belongs to the same run. */
const INLINE = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'BIG', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS',
  'KBD', 'LABEL', 'MARK', 'NOBR', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP',
  'TIME', 'TT', 'U', 'VAR', 'WBR',
]);

/**
 * Backstory's own UI hosts (the hover card's), never scanned nor watched. Known by identity, not by a
 * tag name: a page can define any custom-element name before we use it, but cannot join this set.
 */
const ownUi = new WeakSet<Element>();
export const markOwnUi = (element: Element) => void ownUi.add(element);
export const isOwnUi = (element: Element) => ownUi.has(element);

const isEditable = (element: Element) => {
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
};

export function isSkipped(element: Element): boolean {
  return SKIPPED.has(element.tagName) || isOwnUi(element) || isEditable(element);
}

export const isInline = (element: Element) => INLINE.has(element.tagName);

export interface WalkCallbacks {
  /** A finished run of text, with the element that holds it. */
  onRun(run: TextRun<Text>, block: Element): void;
  /** An open shadow root met on the way (web components); walked by the caller if it wants. */
  onShadowRoot?(root: ShadowRoot): void;
  /** Called every `every` nodes and after each run rebuilt; a returned promise pauses the walk until it settles. */
  onProgress?(): Promise<void> | undefined;
}

interface Placement {
  /** The nearest non-inline ancestor (null: the root is a shadow root and nothing closer is a block). */
  block: Element | null;
  skipped: boolean;
}

export interface WalkResult {
  /** Text nodes visited. */
  textNodes: number;
  /** Characters the sieve read (whitespace-only nodes and long raw texts are not read). */
  chars: number;
}

/**
 * Where the sieve starts reading a non-empty text node: past leading whitespace (half the text nodes
 * of a page are indentation, found natively); -1 when it reads nothing there, whitespace only or a
 * long raw text. Both passes ask this, so they agree on what the sieve was fed.
 */
function sieveStart(node: Text, data: string): number {
  if (data.length > LONG_TEXT && RAW_TEXT.has(node.parentNode?.nodeName ?? '')) return -1;
  if (data.charCodeAt(0) > 32) return 0;
  NON_SPACE.lastIndex = 0;
  return NON_SPACE.test(data) ? NON_SPACE.lastIndex - 1 : -1;
}

const breakBefore = (node: Node) => node.previousSibling?.nodeName === 'BR';

/**
 * Walks `root` (an element, a document body or a shadow root), feeding `sieve` (a fresh one: it keeps
 * the word in progress). Text already inside a skipped or
 * editable ancestor of `root` is the caller's concern: see `insideSkipped`.
 */
export async function walkText(root: Node, sieve: Sieve, callbacks: WalkCallbacks, every = 32): Promise<WalkResult> {
  const doc = root.ownerDocument ?? (root as Document);
  const rootPlacement: Placement = { block: root instanceof Element ? root : null, skipped: false };
  const placements = new Map<Node, Placement>([[root, rootPlacement]]);
  const shadowHosts = new Set<Element>();
  /** Text nodes already handed out in a run. */
  const done = new Set<Text>();
  /** A run was rebuilt since the last progress call: its climbing and joining cost more than many plain nodes. */
  let emitted = false;
  const around = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);

  const meetShadowHost = (element: Element) => {
    if (!element.shadowRoot || shadowHosts.has(element)) return;
    shadowHosts.add(element);
    callbacks.onShadowRoot?.(element.shadowRoot);
  };

  /** Where an element sits: climbs to the nearest remembered ancestor, then fills in on the way down. */
  const placementOf = (start: Node | null): Placement => {
    const chain: Element[] = [];
    let node = start;
    let known = node ? placements.get(node) : rootPlacement;
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
        : SKIPPED.has(tag) || isOwnUi(element) || isEditable(element)
          ? { block: placement.block, skipped: true }
          : INLINE.has(tag)
            ? placement
            : { block: element, skipped: false };
      placements.set(element, placement);
    }
    return placement;
  };

  /**
   * The run `node` belongs to: its neighbours in the same block, up to a <br> or skipped text (a
   * button or a script inside a paragraph ends the run, as a whitespace-only node ends the sieve's word).
   */
  const emitRunAround = (node: Text) => {
    const { block, skipped } = placementOf(node.parentNode);
    if (skipped) {
      done.add(node);
      return;
    }
    const before: Text[] = [];
    around.currentNode = node;
    for (let cursor: Text = node; !breakBefore(cursor); ) {
      const previous = around.previousNode() as Text | null;
      if (!previous) break;
      if (previous.data === '') continue;
      const placement = placementOf(previous.parentNode);
      if (placement.skipped || placement.block !== block) break;
      before.push(previous);
      cursor = previous;
    }
    const nodes = before.reverse();
    nodes.push(node);
    around.currentNode = node;
    for (let next = around.nextNode() as Text | null; next; next = around.nextNode() as Text | null) {
      if (next.data === '') continue;
      const placement = placementOf(next.parentNode);
      if (placement.skipped || placement.block !== block || breakBefore(next)) break;
      nodes.push(next);
    }
    const starts: number[] = [];
    const parts: string[] = [];
    let length = 0;
    for (const text of nodes) {
      done.add(text);
      starts.push(length);
      parts.push(text.data);
      length += text.data.length;
    }
    const text = parts.join('');
    emitted = true;
    if (/\S/.test(text)) callbacks.onRun({ nodes, starts, text }, block ?? (root as ShadowRoot).host);
  };

  /** The fed text before `node` (the sieve's previous text), or null. */
  const previousFed = (node: Text): Text | null => {
    around.currentNode = node;
    for (let previous = around.previousNode() as Text | null; previous; previous = around.previousNode() as Text | null) {
      const data = previous.data;
      if (data !== '' && sieveStart(previous, data) >= 0) return previous;
    }
    return null;
  };

  // Web components whose text lives only in their shadow tree hold no light-DOM text to climb from;
  // the ones not (yet) defined by script are found by one native query.
  for (const element of (root as ParentNode).querySelectorAll?.(':not(:defined)') ?? []) meetShadowHost(element);

  let current: Text | null = null;
  let previous: Text | null = null;
  const report: SieveReport = (back, span) => {
    let node = back === 0 ? current : previous;
    for (let k = 0; node && k < span; k++) {
      if (!done.has(node)) emitRunAround(node);
      if (k + 1 < span) node = previousFed(node);
    }
  };

  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let textNodes = 0;
  let chars = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    // Checked often: run cold on a loaded machine, a few hundred nodes or a few rebuilt runs can pass a slice several times over (docs/bench.md).
    if (++textNodes % every === 0 || emitted) {
      emitted = false;
      const pause = callbacks.onProgress?.();
      if (pause) await pause;
    }
    const data = node.data;
    const length = data.length;
    if (length === 0) continue;
    const from = sieveStart(node, data);
    if (from < 0) {
      sieve.cut(report); // whitespace ends a word, and skipped text ends a run
      continue;
    }
    chars += length - from;
    previous = current;
    current = node;
    sieve.feed(data, from, report);
  }
  sieve.cut(report);
  return { textNodes, chars };
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
