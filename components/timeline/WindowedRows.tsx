/**
 * A long list rendered a window at a time: only the rows near the viewport are in the DOM, the rest is
 * two spacers of the height they would take. Rows differ in height (headings, events with chips, an
 * opened event with its quotes), so each row's height is estimated until it has been shown once and
 * measured. The page itself scrolls (the side panel is a page), so the window follows the document's
 * scroll position. Heights live in a Fenwick tree (lib/timeline/rows.ts): with 500k rows, finding the
 * window and measuring a row must not walk them all. Our own small component rather than a library: decisions, "Side panel at 100k".
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { HeightIndex } from '@/lib/timeline/rows';

/** The rows a windowed list shows, with their heights (lib/timeline/rows.ts): it may grow between renders. */
export interface RowSource<Row> {
  readonly rows: readonly Row[];
  readonly heights: HeightIndex;
  indexOf(key: string): number;
}

export interface WindowedRowsProps<Row> {
  source: RowSource<Row>;
  rowKey(row: Row): string;
  renderRow(row: Row): ComponentChildren;
  /** A row to bring into view (an event opened from the chart); followed when it changes. */
  reveal?: string | undefined;
  /** Rows rendered beyond the viewport on each side, in px of the viewport's height. */
  overscanPx?: number;
  class?: string;
}

export function WindowedRows<Row>({ source, rowKey, renderRow, reveal, overscanPx = 800, class: className }: WindowedRowsProps<Row>) {
  const list = useRef<HTMLDivElement>(null);
  /** Bumped when a measured height changes, so the window is worked out again. */
  const [, setMeasures] = useState(0);
  const [viewport, setViewport] = useState({ top: 0, height: typeof window === 'undefined' ? 1000 : window.innerHeight });
  const { rows, heights } = source;

  // The viewport in the list's own coordinates, at most once a frame.
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const top = list.current ? -list.current.getBoundingClientRect().top : window.scrollY;
      setViewport((v) => (v.top === top && v.height === window.innerHeight ? v : { top, height: window.innerHeight }));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, []);

  // Found in O(log n) (a Fenwick tree of heights): nothing here walks every row.
  const count = Math.min(rows.length, heights.length);
  const total = heights.total();
  const start = Math.min(heights.indexAt(viewport.top - overscanPx), count);
  const end = Math.min(heights.indexAt(viewport.top + viewport.height + overscanPx) + 1, count);
  const before = heights.top(start);
  const after = total - heights.top(end);

  // Measure what was shown; a height that differs from what was assumed moves the rows below it.
  useLayoutEffect(() => {
    let changed = false;
    for (const element of list.current?.querySelectorAll<HTMLElement>(':scope > [data-index]') ?? []) {
      const height = element.offsetHeight;
      if (height > 0 && heights.set(Number(element.dataset.index), height)) changed = true;
    }
    if (changed) setMeasures((n) => n + 1);
  });

  // Bring a row into view: scroll to where it starts, then let the measured window settle.
  useEffect(() => {
    if (reveal === undefined || !list.current) return;
    const index = source.indexOf(reveal);
    if (index < 0) return;
    const rowTop = heights.top(index);
    const listTop = list.current.getBoundingClientRect().top + window.scrollY;
    const inView = rowTop + listTop >= window.scrollY && rowTop + listTop + 40 <= window.scrollY + window.innerHeight;
    if (!inView) window.scrollTo({ top: Math.max(0, listTop + rowTop - 80) });
  }, [reveal, source]);

  return (
    <div ref={list} class={className} data-windowed={`${end - start}/${count}`}>
      <div aria-hidden="true" style={{ height: `${before}px` }} />
      {rows.slice(start, end).map((row, i) => (
        // flow-root: a heading's margins stay inside its row, so the measured height is the height it takes.
        <div key={rowKey(row)} data-row={rowKey(row)} data-index={start + i} style={{ display: 'flow-root' }}>
          {renderRow(row)}
        </div>
      ))}
      <div aria-hidden="true" style={{ height: `${after}px` }} />
    </div>
  );
}
