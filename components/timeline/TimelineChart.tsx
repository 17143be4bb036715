/**
 * The year at a glance: one row per actor, one mark per event on a shared time axis. A day-precise
 * event is a dot, a month- or year-precise one a bar over the period it covers, so a vague date never
 * looks precise. Year chips zoom the axis; every mark is a button that opens its event in the list.
 * The reader's own notes are marks of their own colour, named "Your note: …".
 */
import type { TimelineActor, TimelineEntry } from '@/lib/store/timeline';
import { coveredDays } from '@/lib/pack/dates';
import { chartSteps, type ChartModel } from '@/lib/timeline/chart';
import { runAtOnce } from '@/lib/timeline/slices';
import { t } from '../i18n';
import { localized } from '@/lib/i18n/localized';

export interface ChartProps {
  /** What to draw (lib/timeline/chart.ts): worked out at once for a short list, a task at a time for 500k events. */
  model: ChartModel<TimelineEntry>;
  actors: ReadonlyMap<string, TimelineActor>;
  lang: string;
  locale: string;
  onZoom(zoom: string): void;
  onSelect(eventKey: string): void;
  selected: string | undefined;
}

const WIDTH = 360;
const LABEL = 104;
const ROW = 22;
const TOP = 26;
const DAY_MS = 86_400_000;
const toDay = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

/** The chart of a list short enough to work out in the render. */
export function chartModel(events: readonly TimelineEntry[], zoom: string, pinned: readonly string[], actors: ReadonlyMap<string, TimelineActor>): ChartModel<TimelineEntry> {
  return runAtOnce(chartSteps(events, zoom, pinned, (key) => actors.has(key)));
}

export function TimelineChart({ model, actors, lang, locale, onZoom, onSelect, selected }: ChartProps) {
  const { years, shown, range, rows } = model;
  const start = toDay(range.from);
  const span = toDay(range.to) + 1 - start;
  const x = (day: number) => LABEL + ((day - start) / span) * (WIDTH - LABEL - 6);

  const height = TOP + rows.length * ROW + 8;

  // Month ticks within a single year; year ticks across several.
  const ticks: { day: number; label: string }[] = [];
  const single = range.from.slice(0, 4) === range.to.slice(0, 4);
  const monthLabel = new Intl.DateTimeFormat(locale, { month: 'narrow', timeZone: 'UTC' });
  if (single) {
    for (let m = 0; m < 12; m++) ticks.push({ day: Date.UTC(Number(range.from.slice(0, 4)), m, 1) / DAY_MS, label: monthLabel.format(new Date(Date.UTC(2025, m, 1))) });
  } else {
    const first = Number(range.from.slice(0, 4));
    const last = Number(range.to.slice(0, 4));
    const step = Math.max(1, Math.ceil((last - first + 1) / 8));
    for (let y = first; y <= last; y += step) ticks.push({ day: Date.UTC(y, 0, 1) / DAY_MS, label: String(y) });
  }

  return (
    <figure class="chart">
      <div class="chart-zoom" role="group" aria-label={t('chartZoom')}>
        {['all', ...years].map((year) => (
          <button type="button" key={year} class="chip" aria-pressed={shown === year || (!years.includes(shown) && year === 'all')} onClick={() => onZoom(year)}>
            {year === 'all' ? t('chartAllYears') : year}
          </button>
        ))}
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="group" aria-label={t('chartLabel', String(model.visible))}>
        {ticks.map((tick) => (
          <g key={tick.day} class="tick">
            <line x1={x(tick.day)} x2={x(tick.day)} y1={TOP - 6} y2={height - 4} />
            <text x={x(tick.day) + 2} y={TOP - 10}>
              {tick.label}
            </text>
          </g>
        ))}
        {rows.map(({ key, marks }, row) => {
          const actor = actors.get(key)!;
          const y = TOP + row * ROW + ROW / 2;
          return (
            <g key={key} class={`row row-${actor.kind}${actor.own ? ' row-own' : ''}`}>
              <line class="row-line" x1={LABEL} x2={WIDTH - 4} y1={y} y2={y} />
              <text class="row-label" x={LABEL - 6} y={y + 4} text-anchor="end">
                {truncate(localized(actor.name, lang), 16)}
              </text>
              {marks.map((e) => {
                const days = coveredDays(e.date)!;
                const last = coveredDays(e.end ?? e.date)?.last ?? days.last;
                const x1 = x(Math.max(toDay(days.first), start));
                const x2 = x(Math.min(toDay(last) + 1, start + span));
                const title = `${e.own ? `${t('panelNoteBadge')}: ` : ''}${localized(e.title, lang)} (${e.date})`;
                const props = {
                  class: `mark certainty-${e.certainty} precision-${e.date.length === 4 ? 'year' : e.date.length === 7 ? 'month' : 'day'}${e.own ? ' own' : ''}${selected === e.key ? ' selected' : ''}`,
                  tabIndex: 0,
                  role: 'button' as const,
                  'aria-label': title,
                  'data-event': e.key,
                  onClick: () => onSelect(e.key),
                  onKeyDown: (event: KeyboardEvent) => (event.key === 'Enter' || event.key === ' ') && (event.preventDefault(), onSelect(e.key)),
                };
                return e.date.length === 10 && !e.end ? (
                  <circle key={e.key} cx={x1} cy={y} r={4.5} {...props}>
                    <title>{title}</title>
                  </circle>
                ) : (
                  <rect key={e.key} x={x1} y={e.date.length === 4 ? y - 2 : y - 4} width={Math.max(3, x2 - x1)} height={e.date.length === 4 ? 4 : 8} rx={e.date.length === 4 ? 2 : 4} {...props}>
                    <title>{title}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption class="chart-legend">{t('chartLegend')}</figcaption>
    </figure>
  );
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
