/**
 * Where the reader's notes are on the page: the second source of highlights beside the mentions
 * (./mentions.ts). The page's text is read in the scan's time slices, after the mentions' first paint;
 * the background finds each note's passage in it from its W3C selectors (lib/anchor: exact quote, then
 * position, then an approximate match), so the search costs the page nothing. Found passages are painted
 * on the `note` layer and hit-tested for hover; a note whose passage is gone is kept and reported as
 * orphaned, never dropped. Reports `backstory:notes` (measured builds).
 */
import { request } from '@/components/request';
import { createBudget, nextTask } from '@/lib/scan/budget';
import type { PageAnchor, PageNote } from '@/lib/messages/protocol';
import { MAX_ANCHOR_TEXT } from '@/lib/notes/model';
import { measure } from './measure';
import { caretAt, pointOnRange, type Painter } from './painter';
import { rangeOf, readDomText } from './page-text';

export interface AnchoredNote {
  note: PageNote;
  range: StaticRange;
  nodes: Text[];
  method: 'exact' | 'position' | 'fuzzy';
}

export class NoteAnchors {
  private notes: PageNote[] = [];
  private anchored = new Map<string, AnchoredNote>();
  private byNode = new Map<Text, AnchoredNote[]>();
  /** Bumped by each anchoring pass: an older pass still running stops painting. */
  private generation = 0;

  constructor(private readonly painter: Painter) {}

  /** Anchors `notes` (all of the page's notes, as the background gave them for `urls`) and paints them. */
  async anchor(notes: readonly PageNote[], urls: string[]): Promise<void> {
    const generation = ++this.generation;
    const start = performance.now();
    const budget = createBudget(() => performance.now(), nextTask);
    this.notes = [...notes];
    if (notes.length === 0) {
      this.settle(new Map());
      return;
    }
    const dom = await readDomText(document.body, () => budget.maybeYield());
    const busyReading = budget.finish();
    const found: PageAnchor[] = dom.text.length <= MAX_ANCHOR_TEXT ? await request('notes:anchor', { urls, text: dom.text }).catch(() => []) : [];
    if (generation !== this.generation) return;
    // Busy time: reading the text, then placing and painting; the background's search is not the page's.
    const placing = performance.now();
    const byId = new Map(notes.map((n) => [n.id, n]));
    const anchored = new Map<string, AnchoredNote>();
    for (const { id, start: from, end: to, method } of found) {
      const note = byId.get(id);
      const placed = note && rangeOf(dom, from, to);
      if (note && placed) anchored.set(id, { note, ...placed, method });
    }
    this.settle(anchored);
    const busyMs = busyReading + (performance.now() - placing);
    measure('backstory:notes', () => ({
      start,
      end: performance.now(),
      detail: { notes: notes.length, anchored: anchored.size, chars: dom.text.length, busyMs, longestSliceMs: Math.max(budget.longestSliceMs(), performance.now() - placing) },
    }));
  }

  private settle(anchored: Map<string, AnchoredNote>) {
    this.anchored = anchored;
    this.byNode = new Map();
    for (const a of anchored.values())
      for (const node of a.nodes) {
        const list = this.byNode.get(node);
        if (list) list.push(a);
        else this.byNode.set(node, [a]);
      }
    this.painter.paint('note', [...anchored.values()].map((a) => a.range));
  }

  /** Whether the page changed under a note (its text left or was rewritten), or an orphan might now be found. */
  stale(): boolean {
    if (this.notes.some((n) => n.target && !this.anchored.has(n.id))) return true;
    for (const a of this.anchored.values()) {
      const { startContainer: s, endContainer: e, endOffset } = a.range;
      if (!s.isConnected || !e.isConnected || endOffset > (e as Text).length) return true;
    }
    return false;
  }

  /** Anchored or not, per note of this page: the side panel shows the orphans. */
  states(): { id: string; anchored: boolean }[] {
    return this.notes.map((n) => ({ id: n.id, anchored: this.anchored.has(n.id) }));
  }

  /** The note whose passage lies under a viewport point (the innermost, if passages overlap). */
  noteAtPoint(x: number, y: number): AnchoredNote | undefined {
    const hit = caretAt(x, y);
    if (!hit || hit.node.nodeType !== Node.TEXT_NODE) return undefined;
    const candidates = this.byNode.get(hit.node as Text) ?? [];
    return candidates.filter((a) => pointOnRange(a.range, x, y)).sort((a, b) => a.note.target!.quote.exact.length - b.note.target!.quote.exact.length)[0];
  }

  find(id: string): AnchoredNote | undefined {
    return this.anchored.get(id);
  }

  dispose() {
    this.generation++;
    this.notes = [];
    this.settle(new Map());
  }
}
