/**
 * Live pages: text added or changed after the first scan (infinite scroll, SPA navigation, edited
 * text) is rescanned within ~150 ms, only the blocks that changed (the whole root when more than
 * `maxRoots` changed at once, as an SPA navigation does). Highlights paint
 * without mutating the DOM, so there is no feedback loop to break; a page that mutates itself in a
 * tight loop is still throttled (lib/scan/throttle.ts), so Backstory never adds to a storm.
 */
import { createRescanThrottle, type RescanThrottleOptions } from '@/lib/scan/throttle';
import { blockAncestor, insideSkipped, isOwnUi } from './text-walk';

export interface LiveUpdatesOptions extends Pick<RescanThrottleOptions, 'delayMs' | 'stormRate' | 'stormDelayMs'> {
  /** Above this many changed blocks in one batch, rescan the whole root instead. */
  maxRoots?: number;
}

export function watchLiveUpdates(
  root: Element | ShadowRoot,
  rescan: (roots: Node[], removedOnly: boolean) => Promise<unknown>,
  { maxRoots = 500, ...timing }: LiveUpdatesOptions = {},
) {
  const throttle = createRescanThrottle<Node>((changed, removed) => {
    const blocks = changed.filter((n) => n.isConnected);
    // Keep only outermost blocks: rescanning a parent covers its children.
    const roots = blocks.length > maxRoots ? [root as Node] : blocks.filter((b) => !blocks.some((o) => o !== b && o.contains(b)));
    return rescan(roots, roots.length === 0 && removed);
  }, timing);

  const observer = new MutationObserver((records) => {
    const blocks: Node[] = [];
    let removed = false;
    const addBlockOf = (node: Node) => {
      // A child added straight under a shadow root has no element above it: rescan that root.
      const block = node.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? node : blockAncestor(node);
      if (block) blocks.push(block);
    };
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
    throttle.batch(blocks, removed);
  });

  function ownUi(node: Node): boolean {
    // Our host has no light-DOM children (the card is in its closed shadow root): the node itself is enough.
    return node.nodeType === Node.ELEMENT_NODE && isOwnUi(node as Element);
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
      throttle.dispose();
    },
  };
}
