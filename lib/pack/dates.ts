/**
 * Partial dates: "2018", "2025-03", "2025-12-02". The text's length is its precision, so a
 * month-precise event is never shown as if it happened on the 1st. Pure functions, no Date parsing
 * of local time: every comparison is done on the covered UTC day range.
 */
export type Precision = 'year' | 'month' | 'day';

export interface PartialDateParts {
  year: number;
  month?: number;
  day?: number;
  precision: Precision;
}

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parses and checks the calendar (no 2025-02-30); undefined for anything else. */
export function parsePartialDate(text: string): PartialDateParts | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] === undefined) return { year, precision: 'year' };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined) return { year, month, precision: 'month' };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day, precision: 'day' };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First and last day covered, as "YYYY-MM-DD" (sortable as text). */
export function coveredDays(text: string): { first: string; last: string } | undefined {
  const d = parsePartialDate(text);
  if (!d) return undefined;
  const y = String(d.year).padStart(4, '0');
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d.precision === 'year') return { first: `${y}-01-01`, last: `${y}-12-31` };
  if (d.precision === 'month') {
    const m = pad(d.month!);
    return { first: `${y}-${m}-01`, last: `${y}-${m}-${pad(daysInMonth(d.year, d.month!))}` };
  }
  const day = `${y}-${pad(d.month!)}-${pad(d.day!)}`;
  return { first: day, last: day };
}

/**
 * Whether `a` can be before or on `b`, given their precision: "2025-02" vs "2025-02-10" is
 * possible (the month contains the day), "2025-03" vs "2025-02-10" is not.
 */
export function canBeOnOrBefore(a: string, b: string): boolean {
  const ra = coveredDays(a);
  const rb = coveredDays(b);
  return !!ra && !!rb && ra.first <= rb.last;
}

/** Chronological order by first covered day, coarser precision first on ties ("2025" before "2025-01-01"). */
export function comparePartialDates(a: string, b: string): number {
  const ra = coveredDays(a)?.first ?? a;
  const rb = coveredDays(b)?.first ?? b;
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.length - b.length;
}

/**
 * A partial date in the reader's language at its own precision: "2 December 2025", "February 2025",
 * "2025"; a range when `end` is given. UTC throughout, so a day never slips across a time zone.
 */
const FORMAT_OPTIONS: Record<Precision, Intl.DateTimeFormatOptions> = {
  day: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
  month: { month: 'long', year: 'numeric', timeZone: 'UTC' },
  year: { year: 'numeric', timeZone: 'UTC' },
};
/** Building an Intl formatter costs far more than using one (tens of ms the first time): one per locale and precision. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (locale: string, precision: Precision) => {
  const key = `${locale}|${precision}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, FORMAT_OPTIONS[precision])));
  return formatter;
};

export function formatPartialDate(text: string, locale: string, end?: string): string {
  const one = (value: string) => {
    const d = parsePartialDate(value);
    if (!d) return value;
    return formatterFor(locale, d.precision).format(new Date(Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1)));
  };
  return end && end !== text ? `${one(text)} – ${one(end)}` : one(text);
}

/** Today in the reader's time zone, "YYYY-MM-DD". */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
