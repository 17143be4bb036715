/**
 * Live pages: text added or changed after the first scan (infinite scroll, SPA navigation, edited
 * text) is rescanned within ~150 ms, one block at a time, never the whole page again. Highlights paint
 * without mutating the DOM, so there is no feedback loop to break; a page that mutates itself in a
 * tight loop is still throttled, so Backstory never adds to a storm.
 */
import { blockAncestor, insideSkipped, isOwnUi } from './text-walk';

export interface LiveUpdatesOptions {
  delayMs?: number;
  /** Above this many batches per second, wait `stormDelayMs` between rescans. */
  stormRate?: number;
  stormDelayMs?: number;
  /** Above this many changed blocks in one batch, rescan the whole root instead. */
  maxRoots?: number;
}

export function watchLiveUpdates(
  root: Element | ShadowRoot,
  rescan: (roots: Node[], removedOnly: boolean) => Promise<unknown>,
  { delayMs = 150, stormRate = 8, stormDelayMs = 1_000, maxRoots = 500 }: LiveUpdatesOptions = {},
) {
  const changed = new Set<Node>();
  let removed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  const recentFlushes: number[] = [];

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target;
      if (ownUi(target) || (record.addedNodes.length + record.removedNodes.length > 0 && [...record.addedNodes, ...record.removedNodes].every(ownUi))) continue;
      if (record.type === 'characterData') {
        if (!insideSkipped(target, root)) addBlockOf(target);
        continue;
      }
      if (record.removedNodes.length) removed = true;
      if (record.addedNodes.length && !insideSkipped(target, root)) addBlockOf(target);
    }
    schedule();
  });

  function ownUi(node: Node): boolean {
    // Our host has no light-DOM children (the card is in its closed shadow root): the node itself is enough.
    return node.nodeType === Node.ELEMENT_NODE && isOwnUi(node as Element);
  }

  function addBlockOf(node: Node) {
    // A child added straight under a shadow root has no element above it: rescan that root.
    const block = node.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? node : blockAncestor(node);
    if (block) changed.add(block);
  }

  function schedule() {
    if (timer !== undefined || running || (!changed.size && !removed)) return;
    const now = performance.now();
    while (recentFlushes.length && now - recentFlushes[0]! > 1_000) recentFlushes.shift();
    timer = setTimeout(flush, recentFlushes.length >= stormRate ? stormDelayMs : delayMs);
  }

  async function flush() {
    timer = undefined;
    recentFlushes.push(performance.now());
    const blocks = [...changed].filter((n) => n.isConnected);
    const wasRemoval = removed;
    changed.clear();
    removed = false;
    // Keep only outermost blocks: rescanning a parent covers its children.
    const roots = blocks.length > maxRoots ? [root as Node] : blocks.filter((b) => !blocks.some((o) => o !== b && o.contains(b)));
    running = true;
    try {
      await rescan(roots, roots.length === 0 && wasRemoval);
    } finally {
      running = false;
      schedule();
    }
  }

  const options = { childList: true, subtree: true, characterData: true };
  observer.observe(root, options);
  return {
    /** Also follow changes inside an open shadow root (observers do not cross shadow boundaries). */
    observe(shadow: ShadowRoot) {
      observer.observe(shadow, options);
    },
    disconnect() {
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      changed.clear();
    },
  };
}
