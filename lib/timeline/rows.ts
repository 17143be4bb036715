/**
 * The timeline list as the windowed list reads it: one run of rows (a year's heading, a month's, an
 * entry) with each row's height, where "which row is at y" and "where does row i start" cost
 * O(log n) and rows can be appended as a pass finds them. With 500k events, an array of row bottoms
 * rebuilt on every change was a pass over every row per keystroke and per measured row; here the
 * heights sit in a Fenwick tree (prefix sums by binary index), so appending, measuring one row and
 * finding the window each touch about twenty cells. Pure: tested in Node.
 */
import type { TimelineEvent } from './filter';

/** A year's heading or a month's. */
export type Heading = { kind: 'year'; key: string; year: string } | { kind: 'month'; key: string; period: string };

/**
 * A row of the list: a heading, or an entry itself (a search's 500k rows are its entries, not an object
 * wrapping each for the collector to walk).
 */
export type TimelineRow<E> = Heading | E;

/** Entries have no `kind`: a row that has one is a heading. */
export const isHeading = <E extends TimelineEvent>(row: TimelineRow<E>): row is Heading => typeof (row as { kind?: unknown }).kind === 'string';

/** Row heights with prefix sums in O(log n); grows as rows are appended. Indices are 0-based. */
export class HeightIndex {
  private heights = new Float64Array(256);
  /** tree[i] (1-based) holds the sum of heights (i − lowbit(i), i]. */
  private tree = new Float64Array(257);
  length = 0;

  push(height: number): void {
    if (this.length + 1 >= this.tree.length) {
      const heights = new Float64Array(this.heights.length * 2);
      heights.set(this.heights);
      this.heights = heights;
      const tree = new Float64Array(this.tree.length * 2);
      tree.set(this.tree);
      this.tree = tree;
    }
    const i = ++this.length;
    this.heights[i - 1] = height;
    let sum = height;
    for (let j = i - 1, stop = i - (i & -i); j > stop; j -= j & -j) sum += this.tree[j]!;
    this.tree[i] = sum;
  }

  height(index: number): number {
    return this.heights[index]!;
  }

  /** Sets row `index`'s height; false when it already had it. */
  set(index: number, height: number): boolean {
    const delta = height - this.heights[index]!;
    if (delta === 0) return false;
    this.heights[index] = height;
    for (let i = index + 1; i <= this.length; i += i & -i) this.tree[i]! += delta;
    return true;
  }

  /** The sum of the first `count` heights: where row `count` starts. */
  top(count: number): number {
    let sum = 0;
    for (let i = Math.min(count, this.length); i > 0; i -= i & -i) sum += this.tree[i]!;
    return sum;
  }

  total(): number {
    return this.top(this.length);
  }

  /** The first row that ends below `y` (its bottom > y); `length` when none does. */
  indexAt(y: number): number {
    let position = 0;
    let rest = y;
    let step = 1;
    while (step * 2 <= this.length) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.length && this.tree[next]! <= rest) {
        position = next;
        rest -= this.tree[next]!;
      }
    }
    return position;
  }
}

/**
 * The rows of entries given in reading order (chronological, lib/timeline/filter.ts's order), with a
 * heading row wherever the year or the month changes, and the estimated heights of rows not yet
 * measured. `append` adds one entry (and its headings); the list re-reads `length` when told to render.
 */
export class TimelineRows<E extends TimelineEvent> {
  readonly rows: TimelineRow<E>[] = [];
  readonly heights = new HeightIndex();
  /** Entries appended (rows less headings). */
  entries = 0;
  private year = '';
  private period = '';

  constructor(private readonly estimate: (row: TimelineRow<E>) => number) {}

  get length(): number {
    return this.rows.length;
  }

  append(event: E): void {
    const { date } = event;
    // Compared in place, cut only when it changes: a search appends 250k entries, and two strings each
    // were garbage for the collector to pause over.
    if (!(this.year && date.startsWith(this.year))) {
      this.year = date.slice(0, 4);
      this.period = '';
      this.push({ kind: 'year', key: `year:${this.year}`, year: this.year });
    }
    const periodLength = date.length >= 7 ? 7 : 4;
    if (this.period.length !== periodLength || !date.startsWith(this.period)) {
      this.period = date.slice(0, periodLength);
      this.push({ kind: 'month', key: `month:${this.period}`, period: this.period });
    }
    this.push(event);
    this.entries++;
  }

  private push(row: TimelineRow<E>): void {
    this.rows.push(row);
    this.heights.push(this.estimate(row));
  }

  indexOf(key: string): number {
    return this.rows.findIndex((row) => row.key === key);
  }
}
