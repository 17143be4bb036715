/**
 * The search's folded texts of a run of entries as one string, and which entries hold a word. A pack's
 * events are searched a block at a time this way: with 500k events, a string per event was an object per
 * event for the garbage collector to walk, and its pauses were the side panel's long tasks. Pure.
 */

/** Words whose answers a run keeps: the words of the last search or two (typing changes one at a time). */
const KEPT_WORDS = 4;

/** A run's texts joined, and where each starts: what a worker that folded them hands on. */
export interface FoldedText {
  text: string;
  /** Where each entry's text starts in `text`; one more, past the end. */
  starts: Uint32Array;
}

/** `texts`: each entry's folded text (lib/timeline/filter.ts ownSearchText), none holding a line break. */
export function foldedText(texts: readonly string[]): FoldedText {
  const starts = new Uint32Array(texts.length + 1);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    starts[i] = at;
    at += texts[i]!.length + 1;
  }
  starts[texts.length] = at;
  // A line break between entries: a search word has no white space, so no find runs across two.
  return { text: texts.join('\n'), starts };
}

export class FoldedRun {
  private readonly found = new Map<string, Uint8Array>();

  private constructor(
    private readonly text: string,
    private readonly starts: Uint32Array,
  ) {}

  static of(texts: readonly string[]): FoldedRun {
    return FoldedRun.from(foldedText(texts));
  }

  static from({ text, starts }: FoldedText): FoldedRun {
    return new FoldedRun(text, starts);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  /** Whether entry `at`'s text holds `word` (folded, without white space). */
  has(word: string, at: number): boolean {
    return this.holding(word)[at] === 1;
  }

  /** Which entries hold `word` (folded, without white space): 1 at each one's index. */
  holding(word: string): Uint8Array {
    let found = this.found.get(word);
    if (!found) {
      if (this.found.size >= KEPT_WORDS) this.found.delete(this.found.keys().next().value!);
      this.found.set(word, (found = this.find(word)));
    }
    return found;
  }

  /** One native search through the run: after a find, on from the next entry's start. */
  private find(word: string): Uint8Array {
    const found = new Uint8Array(this.length);
    for (let at = this.text.indexOf(word); at >= 0; ) {
      const entry = this.entryAt(at);
      found[entry] = 1;
      at = this.text.indexOf(word, this.starts[entry + 1]);
    }
    return found;
  }

  /** The entry whose text holds position `at`: the last one starting at or before it. */
  private entryAt(at: number): number {
    let low = 0;
    let high = this.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
