/**
 * Where the actors are named on the page: finds the mentions, keeps them per block, settles ambiguous
 * names by scope, hit-tests the pointer, and hands the accepted ranges to the painter (./painter.ts)
 * one layer per kind. Work is time-sliced; each pass reports `backstory:scan` with its main-thread
 * busy time (measured builds only, ./measure.ts).
 */
import { createLexiconMatcher, resolveAmbiguity, type LexiconHead, type LexiconPart, type Matcher, type Mention, type PartAsk } from '@/lib/match';
import { FuseFilter, filterBytesInSteps } from '@/lib/match/fuse-filter';
import { compileRegexSieve, createRegexSieve } from '@/lib/match/regex-sieve';
import { createSieve, type Sieve } from '@/lib/match/sieve';
import { findWords, type Words } from '@/lib/match/text';
import { createBudget, nextTask } from '@/lib/scan/budget';
import { positionInRun, windows, type TextRun } from '@/lib/scan/text-runs';
import type { ActorKey } from '@/lib/pack/keys';
import { measure } from './measure';
import { caretAt, liveRangeOf, pointOnRange, type Layer, type Painter } from './painter';
import { walkText } from './text-walk';
/** A name is never longer than this: the window overlap for very long texts. */
const WINDOW = 16_384;
const OVERLAP = 512;

export interface PageMention extends Mention {
  range: StaticRange;
  block: Element;
  /** Every text node the mention covers ("Vladimir <b>Putin</b>" covers two): for hit-testing. */
  nodes: Text[];
}

export interface ScanReport {
  textNodes: number;
  chars: number;
  mentions: number;
  /** Candidate words asked for, and how long the background took to send their parts. */
  wordsAsked: number;
  partsWaitMs: number;
  busyMs: number;
  longestSliceMs: number;
  /** When the longest slice began (performance.now): the bench finds it in a trace. */
  longestSliceAt?: number;
  /** Where the busy time went (ms), and how many runs the walk handed over. */
  phases?: { walkMs: number; candidatesMs: number; matchMs: number; paintMs: number; runs: number };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class PageMentions {
  /** Mentions per block element; only blocks that have mentions are kept. */
  private readonly byBlock = new Map<Element, PageMention[]>();
  /** The kinds painted last time, so a kind that disappears is cleared. */
  private painted = new Set<Layer>();
  private accepted: PageMention[] = [];
  /** Accepted mentions by the text nodes they cover: pointer position → mention without a listener per mention. */
  private byNode = new Map<Text, PageMention[]>();
  /** The mention the keyboard route is on, painted apart. */
  private focused: PageMention | undefined;
  private flashed: StaticRange | undefined;
  /** Kinds of actor the reader wants highlighted (the others are still found and counted). */
  private kinds: Record<string, boolean> = {};
  /** Stopped while a scan waited for the background: that scan paints nothing. */
  private disposed = false;

  /**
   * Starts from the lexicon's head (its filter): nothing of the pack is loaded until the page's own words
   * ask for it. Reports `backstory:index` with its busy time and how long the head took to come
   * (`asked`: when it was asked for and when it came; a stopped service worker answers from its cache).
   * Time-sliced like a scan: the filter is decoded in steps, and the first scan starts in a task of its own.
   */
  static async create(
    head: LexiconHead,
    { askedAt, arrivedAt }: { askedAt: number; arrivedAt: number },
    loadParts: (asks: PartAsk[]) => Promise<LexiconPart | undefined>,
    onShadowRoot: ((root: ShadowRoot) => void) | undefined,
    painter: Painter,
  ): Promise<PageMentions> {
    const budget = createBudget(() => performance.now(), nextTask);
    const { base64, ...shape } = head.filter;
    const filter = new FuseFilter(shape, await filterBytesInSteps(base64, () => budget.maybeYield()));
    const matcher = createLexiconMatcher(head, filter);
    // A small lexicon's native sieve, compiled and warmed now rather than inside the first scan.
    const pattern = head.pattern === undefined ? undefined : compileRegexSieve(head.pattern);
    const newSieve = pattern ? () => createRegexSieve(pattern) : () => createSieve(matcher.sieveTables);
    const busyMs = budget.finish();
    const end = performance.now();
    const detail = { busyMs, longestSliceMs: budget.longestSliceMs(), longestSliceAt: budget.longestSliceAt(), headWaitMs: arrivedAt - askedAt, firstWords: head.firstWords, sieve: pattern ? 'native' : 'hash' };
    measure('backstory:index', () => ({ start: askedAt, end, detail }));
    await nextTask();
    return new PageMentions(matcher, newSieve, loadParts, onShadowRoot, painter);
  }

  private constructor(
    private readonly matcher: Matcher,
    /** A fresh sieve for one walk: native for small lexicons, hashed above (decisions §33). */
    private readonly newSieve: () => Sieve,
    /** Asks the background for the parts of some candidate words (undefined: the page is starting again). */
    private readonly loadParts: (asks: PartAsk[]) => Promise<LexiconPart | undefined>,
    /** Told once about each open shadow root met, so live updates can watch inside it too. */
    private readonly onShadowRoot: ((root: ShadowRoot) => void) | undefined,
    private readonly painter: Painter,
  ) {}

  /** The kind of actor a mention names (every actor a mention names was loaded with it). */
  kindOf = (actor: ActorKey): string => this.matcher.kindOf(actor) ?? 'person';

  /** Scans `roots` (whole body, or changed blocks), replacing what was known inside them. */
  async scan(roots: readonly Node[]): Promise<ScanReport> {
    const start = performance.now();
    const budget = createBudget(() => performance.now(), nextTask);
    let textNodes = 0;
    let chars = 0;
    const runs: { run: TextRun<Text>; block: Element }[] = [];
    const pending = [...roots];
    const walked = new Set<Node>(); // a shadow root can be both asked for and met on the way: walked once
    for (let root = pending.shift(); root; root = pending.shift()) {
      if (walked.has(root)) continue;
      walked.add(root);
      this.forgetInside(root);
      const counted = await walkText(root, this.newSieve(), {
        onRun: (run, block) => void runs.push({ run, block }),
        onShadowRoot: (shadow) => {
          pending.push(shadow);
          this.styleShadowRoot(shadow);
        },
        onProgress: () => budget.maybeYield(),
      });
      textNodes += counted.textNodes;
      chars += counted.chars;
    }
    // The pack's entries for the words the sieve found, asked once each per page: the only part of the
    // pack this page ever holds.
    const walkedMs = budget.busyMs();
    // Run by run, in slices: a page of many runs, cold, took one long task here.
    const words: Words[] = [];
    const wanted: PartAsk[] = [];
    for (const { run } of runs) {
      const runWords = findWords(run.text);
      words.push(runWords);
      for (const ask of this.matcher.candidates([run.text], [runWords])) wanted.push(ask);
      const pause = budget.maybeYield();
      if (pause) await pause;
    }
    const candidatesMs = budget.busyMs();
    let partsWaitMs = 0;
    if (wanted.length > 0) {
      const askedAt = performance.now();
      const part = await budget.wait(this.loadParts(wanted));
      partsWaitMs = performance.now() - askedAt;
      if (this.disposed) return { textNodes, chars, mentions: 0, wordsAsked: wanted.length, partsWaitMs, busyMs: budget.finish(), longestSliceMs: budget.longestSliceMs() };
      if (part) this.matcher.add(part);
    }
    const found = new Map<Element, PageMention[]>();
    for (let k = 0; k < runs.length; k++) {
      const { run, block } = runs[k]!;
      for (const m of this.matchRun(run, block, words[k]!)) pushTo(found, block, m);
      const pause = budget.maybeYield();
      if (pause) await pause;
    }
    const matchedMs = budget.busyMs();
    for (const [block, mentions] of found) this.byBlock.set(block, mentions);
    this.dropDisconnected();
    this.repaint();
    const busyMs = budget.finish();
    const phases = { walkMs: walkedMs, candidatesMs: candidatesMs - walkedMs, matchMs: matchedMs - candidatesMs, paintMs: busyMs - matchedMs, runs: runs.length };
    const report = { textNodes, chars, mentions: this.accepted.length, wordsAsked: wanted.length, partsWaitMs, busyMs, longestSliceMs: budget.longestSliceMs(), longestSliceAt: budget.longestSliceAt(), phases };
    measure('backstory:scan', () => ({ start, end: performance.now(), detail: report }));
    return report;
  }

  /**
   * Finds and scans the open shadow roots under `roots` that the text walk cannot reach: a component
   * defined by script whose text lives only in its shadow tree leaves no light-DOM text to climb from
   * (docs/browser-quirks.md #17). Only asking every element finds them, which costs about one more walk
   * of the page, so this runs after the first pass has painted, in slices, and reports
   * `backstory:components` with its busy time. Shadow roots inside the found ones are asked too.
   */
  async scanComponents(roots: readonly Node[]): Promise<void> {
    const start = performance.now();
    const budget = createBudget(() => performance.now(), nextTask);
    const found: ShadowRoot[] = [];
    const scopes = [...roots];
    let elements = 0;
    for (let scope = scopes.shift(); scope; scope = scopes.shift()) {
      const all = (scope as ParentNode).querySelectorAll?.('*') ?? [];
      for (let k = 0; k < all.length; k++) {
        const shadow = all[k]!.shadowRoot;
        if (shadow && !this.painter.isStyled(shadow)) {
          this.styleShadowRoot(shadow);
          found.push(shadow);
          scopes.push(shadow);
        }
        if (++elements % 512 === 0) {
          const pause = budget.maybeYield();
          if (pause) await pause;
        }
      }
    }
    const busyMs = budget.finish();
    measure('backstory:components', () => ({ start, end: performance.now(), detail: { elements, shadowRoots: found.length, busyMs, longestSliceMs: budget.longestSliceMs(), longestSliceAt: budget.longestSliceAt() } }));
    if (found.length > 0) await this.scan(found);
  }

  private matchRun(run: TextRun<Text>, block: Element, words: Words): PageMention[] {
    const out: PageMention[] = [];
    for (const w of windows(run.text.length, WINDOW, OVERLAP)) {
      const whole = w.from === 0 && w.to === run.text.length;
      const text = whole ? run.text : run.text.slice(w.from, w.to);
      for (const m of this.matcher.findMentions(text, whole ? words : undefined)) {
        const start = m.start + w.from;
        if (start < w.keepFrom || start >= w.keepTo) continue;
        const end = m.end + w.from;
        const a = positionInRun(run, start, 'start');
        const b = positionInRun(run, end, 'end');
        const range = new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
        const nodes = a.node === b.node ? [a.node] : run.nodes.slice(run.nodes.indexOf(a.node), run.nodes.indexOf(b.node) + 1);
        out.push({ ...m, start, end, range, block, nodes });
      }
    }
    return out;
  }

  /** A shadow root met: styled by the painter, and told to live updates so they watch inside it too. */
  private styleShadowRoot(shadow: ShadowRoot) {
    if (this.painter.styleShadowRoot(shadow)) this.onShadowRoot?.(shadow);
  }

  /** Forgets mentions in blocks at or below `root` (about to be rescanned). */
  private forgetInside(root: Node) {
    for (const block of this.byBlock.keys()) if (root === block || root.contains(block)) this.byBlock.delete(block);
  }

  /** Forgets mentions whose text left the page or changed under them. */
  dropDisconnected() {
    for (const [block, mentions] of this.byBlock) {
      const alive = mentions.filter((m) => {
        const { startContainer: s, endContainer: e, endOffset } = m.range;
        return s.isConnected && e.isConnected && endOffset <= (e as Text).length;
      });
      if (!block.isConnected || alive.length === 0) this.byBlock.delete(block);
      else if (alive.length !== mentions.length) this.byBlock.set(block, alive);
    }
  }

  /**
   * Rebuilds the highlight sets. An ambiguous name ("Trump", "Waltz") counts only where the same
   * actor is named unambiguously in the same scope: the article it sits in, else the aside, nav,
   * footer, header or section around it, else the page; so "Waltz, polka and fireworks" in a
   * "More from" box is not Mike Waltz because the article named him.
   */
  repaint() {
    const byScope = new Map<Element | null, PageMention[]>();
    for (const [block, mentions] of this.byBlock) {
      const scope = block.closest('article') ?? block.closest('aside, nav, footer, header, section');
      for (const m of mentions) pushTo(byScope, scope, m);
    }
    this.accepted = [...byScope.values()].flatMap((mentions) => resolveAmbiguity(mentions) as PageMention[]).sort(inPageOrder);
    this.byNode = new Map();
    for (const mention of this.accepted) for (const node of mention.nodes) pushTo(this.byNode, node, mention);
    if (this.focused && !this.accepted.includes(this.focused)) this.focused = undefined;
    const byKind = new Map<Layer, StaticRange[]>();
    for (const mention of this.accepted) {
      const kind = this.kindOf(mention.actor) as Layer;
      if (this.kinds[kind] !== false) pushTo(byKind, kind, mention.range);
    }
    for (const kind of new Set([...this.painted, ...byKind.keys()])) this.painter.paint(kind, byKind.get(kind) ?? []);
    this.painted = new Set(byKind.keys());
    this.paintFocus();
  }

  /** The accepted mention under a viewport point, if the point lies on its glyphs (not just near them). */
  mentionAtPoint(x: number, y: number): PageMention | undefined {
    const hit = caretAt(x, y);
    if (!hit || hit.node.nodeType !== Node.TEXT_NODE) return undefined;
    for (const mention of this.byNode.get(hit.node as Text) ?? []) {
      if (this.kinds[this.kindOf(mention.actor)] === false) continue;
      if (pointOnRange(mention.range, x, y)) return mention;
    }
    return undefined;
  }

  /** Which kinds are painted (and hoverable); takes effect at once. */
  setKinds(kinds: Record<string, boolean>) {
    this.kinds = { ...kinds };
    this.repaint();
  }

  /** The painted mentions in page order: what hover, the keyboard route and the side panel reach. */
  visibleMentions(): readonly PageMention[] {
    return this.accepted.filter((m) => this.kinds[this.kindOf(m.actor)] !== false);
  }

  /** Marks one mention as the keyboard route's current one (undefined: none). */
  setFocused(mention: PageMention | undefined) {
    this.focused = mention;
    this.flashed = undefined;
    this.paintFocus();
  }

  /** Paints any range (a note's passage the side panel asked to see) as the current one, until setFocused. */
  flash(range: StaticRange) {
    this.focused = undefined;
    this.flashed = range;
    this.paintFocus();
  }

  private paintFocus() {
    const range = this.focused?.range ?? this.flashed;
    this.painter.paint('focus', range ? [range] : []);
  }

  /** All accepted mentions in page order, whatever their kind: for the page report's counts. */
  mentions(): readonly PageMention[] {
    return this.accepted;
  }

  dispose() {
    this.disposed = true;
    this.focused = undefined;
    this.byBlock.clear();
    this.accepted = [];
    this.byNode.clear();
  }
}

/** A live Range over a mention, for geometry (StaticRange has none). */
export const liveRange = (mention: PageMention): Range => liveRangeOf(mention.range);

function inPageOrder(a: PageMention, b: PageMention): number {
  const x = a.range.startContainer;
  const y = b.range.startContainer;
  if (x === y) return a.range.startOffset - b.range.startOffset;
  return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}
