/**
 * The content script's walk, modelled for the sieves' property tests (sieve.property.test.ts for the
 * hash sieve, regex-sieve.property.test.ts for the native one): text nodes, the runs the walk would
 * hand the matcher, and what a sieve reports when fed as text-walk.ts feeds it.
 */
import type { Sieve } from '@/lib/match/sieve';

/** A text node as the content script's walk sees it: its data, its block, and whether it is skipped text. */
export interface ModelNode {
  text: string;
  block: number;
  /** Script, button, editable region…: never part of a run. */
  skipped: boolean;
  /** A long raw text (a script's): the walk cuts there instead of feeding it. */
  raw: boolean;
}

export const node = (text: string, block = 0, skipped = false, raw = false): ModelNode => ({ text, block, skipped, raw });

/** The runs the walk hands to the matcher: same block, no skipped text in between (empty nodes do not count). */
export function runsOf(nodes: readonly ModelNode[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  let block = -1;
  nodes.forEach((node, k) => {
    if (node.text === '') return;
    if (node.skipped || node.block !== block) {
      if (run.length) runs.push(run);
      run = [];
      block = node.skipped ? -1 : node.block;
    }
    if (!node.skipped) run.push(k);
  });
  if (run.length) runs.push(run);
  return runs;
}

/** Feeds the nodes to a fresh `sieve` as walkText does; returns the nodes it reported, with the spans walked back. */
export function reportedBy(sieve: Sieve, nodes: readonly ModelNode[]): Set<number> {
  const fed: number[] = [];
  const out = new Set<number>();
  const report = (back: number, span: number) => {
    const at = fed.length - 1 - back;
    for (let k = 0; k < span && at - k >= 0; k++) out.add(fed[at - k]!);
  };
  nodes.forEach((node, k) => {
    if (node.text === '') return;
    // As text-walk.ts's sieveStart: a node whose first unit is above U+0020 is fed from its start (a
    // node of U+FEFF alone is fed, though \s counts it as a space).
    const from = node.text.charCodeAt(0) > 32 ? 0 : node.text.search(/\S/);
    if (from < 0 || node.raw) {
      sieve.cut(report);
      return;
    }
    fed.push(k);
    sieve.feed(node.text, from, report);
  });
  sieve.cut(report);
  return out;
}

/** The runs in which `findMentions` finds a name but the sieve reported no node: what must stay empty. */
export function missedRuns(sieve: Sieve, findMentions: (text: string) => readonly unknown[], nodes: readonly ModelNode[]): string[] {
  const seen = reportedBy(sieve, nodes);
  return runsOf(nodes)
    .filter((run) => !run.some((k) => seen.has(k)))
    .map((run) => run.map((k) => nodes[k]!.text).join(''))
    .filter((text) => findMentions(text).length > 0);
}
