/**
 * A long list rendered a window at a time: only the rows near the viewport are in the DOM, the rest is
 * two spacers of the height they would take. Rows differ in height (headings, events with chips, an
 * opened event with its quotes), so each row's height is estimated until it has been shown once and
 * measured. The page itself scrolls (the side panel is a page), so the window follows the document's
 * scroll position. Our own small component rather than a library: decisions, "Side panel at 100k".
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

export interface WindowedRowsProps<Row> {
  rows: readonly Row[];
  rowKey(row: Row): string;
  /** The height a row is taken to have before it was measured, px. */
  estimate(row: Row): number;
  renderRow(row: Row): ComponentChildren;
  /** A row to bring into view (an event opened from the chart); followed when it changes. */
  reveal?: string | undefined;
  /** Rows rendered beyond the viewport on each side, in px of the viewport's height. */
  overscanPx?: number;
  class?: string;
}

/** The first index whose row ends after `y` in `ends` (rows' bottom edges, ascending). */
function firstEndingAfter(ends: Float64Array, y: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ends[mid]! <= y) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function WindowedRows<Row>({ rows, rowKey, estimate, renderRow, reveal, overscanPx = 800, class: className }: WindowedRowsProps<Row>) {
  const list = useRef<HTMLDivElement>(null);
  const measured = useRef(new Map<string, number>());
  /** Bumped when a measured height changes, so the offsets are summed again. */
  const [measures, setMeasures] = useState(0);
  const [viewport, setViewport] = useState({ top: 0, height: typeof window === 'undefined' ? 1000 : window.innerHeight });

  const ends = useMemo(() => {
    const out = new Float64Array(rows.length);
    let y = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      y += measured.current.get(rowKey(row)) ?? estimate(row);
      out[i] = y;
    }
    return out;
  }, [rows, measures]);

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

  const total = ends.length ? ends[ends.length - 1]! : 0;
  const start = Math.min(firstEndingAfter(ends, viewport.top - overscanPx), rows.length);
  const end = Math.min(firstEndingAfter(ends, viewport.top + viewport.height + overscanPx) + 1, rows.length);
  const before = start > 0 ? ends[start - 1]! : 0;
  const after = total - (end > 0 ? ends[end - 1]! : 0);

  // Measure what was shown; a height that differs from what was assumed moves the rows below it.
  useLayoutEffect(() => {
    let changed = false;
    for (const element of list.current?.querySelectorAll<HTMLElement>(':scope > [data-row]') ?? []) {
      const key = element.dataset.row!;
      const height = element.offsetHeight;
      if (height > 0 && measured.current.get(key) !== height) {
        measured.current.set(key, height);
        changed = true;
      }
    }
    if (changed) setMeasures((n) => n + 1);
  });

  // Bring a row into view: scroll to where it starts, then let the measured window settle.
  useEffect(() => {
    if (reveal === undefined || !list.current) return;
    const index = rows.findIndex((row) => rowKey(row) === reveal);
    if (index < 0) return;
    const rowTop = index > 0 ? ends[index - 1]! : 0;
    const listTop = list.current.getBoundingClientRect().top + window.scrollY;
    const inView = rowTop + listTop >= window.scrollY && rowTop + listTop + 40 <= window.scrollY + window.innerHeight;
    if (!inView) window.scrollTo({ top: Math.max(0, listTop + rowTop - 80) });
  }, [reveal, rows]);

  return (
    <div ref={list} class={className} data-windowed={`${end - start}/${rows.length}`}>
      <div aria-hidden="true" style={{ height: `${before}px` }} />
      {rows.slice(start, end).map((row) => (
        // flow-root: a heading's margins stay inside its row, so the measured height is the height it takes.
        <div key={rowKey(row)} data-row={rowKey(row)} style={{ display: 'flow-root' }}>
          {renderRow(row)}
        </div>
      ))}
      <div aria-hidden="true" style={{ height: `${after}px` }} />
    </div>
  );
}
