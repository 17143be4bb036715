/**
 * Reading a page's publication date from the places news sites put it. Pure: the content script
 * passes the raw strings it found (meta tags, JSON-LD blocks, <time> attributes) in priority order.
 */

/** "2025-12-03T08:00:00Z" → "2025-12-03"; undefined for anything that is not an ISO-like date. */
export function isoDay(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) ? `${y}-${mo}-${d}` : undefined;
}

/** Finds datePublished in JSON-LD text: a NewsArticle, a @graph, or an array of them. Never throws. */
export function jsonLdDatePublished(json: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  const queue: unknown[] = [data];
  for (let seen = 0; queue.length && seen < 200; seen++) {
    const item = queue.shift();
    if (Array.isArray(item)) queue.push(...item);
    else if (item && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      const day = typeof record.datePublished === 'string' ? isoDay(record.datePublished) : undefined;
      if (day) return day;
      if (record['@graph']) queue.push(record['@graph']);
    }
  }
  return undefined;
}

/** The first candidate that reads as a date, in the caller's priority order. */
export function firstDay(candidates: Iterable<string | null | undefined>): string | undefined {
  for (const candidate of candidates) {
    const day = isoDay(candidate);
    if (day) return day;
  }
  return undefined;
}
