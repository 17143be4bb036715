/**
 * The side panel (Chrome) / sidebar (Firefox): the whole timeline with filters and a chart, the actor
 * view, and the mentions and the reader's notes on the page in the active tab. Pack data and the
 * reader's notes and followed names are read straight from IndexedDB in a Dexie liveQuery (same
 * extension origin as the background), so pack installs and notes written elsewhere appear live; every
 * write goes through the background ('note:save', 'note:delete', 'note:restore'). The page's actors come
 * from its report in storage.session and follow the active tab.
 */
import { liveQuery } from 'dexie';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ActorCard } from '@/components/card/ActorCard';
import { t, uiLanguage, uiLocale } from '@/components/i18n';
import { request, requestTab } from '@/components/request';
import { readItem, watchItem, watchPageReports, writeItem } from '@/components/storage';
import { focusItem, panelItem } from '@/lib/storage-map';
import { emptyRows, EventList } from '@/components/timeline/EventList';
import { NoteEntry, type NoteActions, type NoteTimelineEntry } from '@/components/timeline/NoteEntry';
import { localized } from '@/lib/i18n/localized';
import { Filters } from '@/components/timeline/Filters';
import { chartModel, TimelineChart } from '@/components/timeline/TimelineChart';
import type { CardReply, PageReport } from '@/lib/messages/protocol';
import { READER_PACK_ID, type NoteRecord } from '@/lib/notes/model';
import { localDay } from '@/lib/pack/dates';
import type { ActorKey } from '@/lib/pack/keys';
import { BackstoryDatabase } from '@/lib/store/database';
import {
  combineTimeline,
  loadTimelineStart,
  packsState,
  readReaderTimeline,
  type PackTimeline,
  type ReaderTimeline,
  type TimelineActor,
  type TimelineData,
  type TimelineEntry,
} from '@/lib/store/timeline';
import { chartSteps, type ChartModel } from '@/lib/timeline/chart';
import { companions, filterEvents, filterSteps, foldAheadSteps, NO_FILTER, type TimelineFilter } from '@/lib/timeline/filter';
import type { TimelineRows } from '@/lib/timeline/rows';
import { nextTask, runInSlices, SlicesAborted } from '@/lib/timeline/slices';
import { notesOfPage, orphanIds } from '@/lib/timeline/notes';
import { readPackTimelineInWorker } from './read-in-worker';
import type { PanelState } from '@/lib/timeline/panel-state';

const db = new BackstoryDatabase();

/**
 * From this many entries on, the search, the list's rows and the chart are worked out a slice at a time
 * (lib/timeline/slices.ts) and painted as they come; below it, at once in the render, as before (a
 * pack of a few thousand events filters in a few milliseconds).
 */
const SLICED_FROM = 5_000;

/** While a search runs, how often the results found so far are painted again, ms. */
const REPAINT_MS = 250;

function useTimeline(): { data?: TimelineData; problem?: string } {
  const [head, setHead] = useState<TimelineData>();
  const [pack, setPack] = useState<PackTimeline>();
  const [reader, setReader] = useState<ReaderTimeline>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    // The first screens from a limited read, then the packs' part page by page, which replaces them. One
    // after the other: started together, the whole read (500k events) held the small one back. The
    // reader's notes are read apart and live: a note saved does not read 500k events again.
    let closed = false;
    let reading: AbortController | undefined;
    let packsWatch: { unsubscribe(): void } | undefined;
    const fail = (error: unknown) => !closed && setProblem(String(error));
    const readerWatch = liveQuery(() => readReaderTimeline(db)).subscribe({ next: (part) => !closed && setReader(part), error: fail });
    const readPacks = () => {
      reading?.abort();
      const controller = (reading = new AbortController());
      readPackTimelineInWorker({ pause: nextTask, signal: controller.signal }).then(
        (part) => !controller.signal.aborted && setPack(part),
        (error: unknown) => !controller.signal.aborted && fail(error),
      );
    };
    // Read again whenever the packs change (installed, updated, switched off, removed).
    const watchPacks = () => {
      if (!closed) packsWatch = liveQuery(() => packsState(db)).subscribe({ next: readPacks, error: fail });
    };
    loadTimelineStart(db, { pause: nextTask }).then(
      (data) => {
        if (!closed) setHead(data);
        // After the first rows are painted, not before: the whole read would hold the frame back.
        requestAnimationFrame(() => setTimeout(watchPacks));
      },
      watchPacks,
    );
    return () => {
      closed = true;
      reading?.abort();
      readerWatch.unsubscribe();
      packsWatch?.unsubscribe();
    };
  }, []);
  const whole = useMemo(() => (pack && reader ? combineTimeline(pack, reader) : undefined), [pack, reader]);
  return { data: whole ?? head, ...(problem && { problem }) };
}

/** The list the panel shows: the filtered entries, and for a long list their rows, built as they were found. */
interface Shown {
  events: TimelineEntry[];
  rows?: TimelineRows<TimelineEntry>;
  /** false while a search is still looking. */
  complete: boolean;
  /** What it was worked out from. */
  data: TimelineData;
  filter: string;
}

/**
 * The filter applied to a long timeline a slice at a time: a new filter (a key typed) paints its first
 * results after the first slice and more every REPAINT_MS; the same filter over new data (a note saved,
 * a pack installed) keeps the list on screen until the new one is whole, so the reader's place stays.
 * A newer run aborts the one before.
 */
function useSlicedFilter(data: TimelineData | undefined, filter: TimelineFilter | undefined, pageActors: ReadonlySet<string>, onScreen: { current: Shown | undefined }): Shown | undefined {
  const [shown, setShown] = useState<Shown>();
  const filterText = filter && JSON.stringify(filter);
  // A layout effect: the first slice runs in the task of the key that changed the filter, and its results
  // are rendered before that frame is painted (an effect would wait a frame for the first slice).
  useLayoutEffect(() => {
    if (!data || !filter || !filterText || data.events.length < SLICED_FROM) return;
    const controller = new AbortController();
    const events: TimelineEntry[] = [];
    const rows = emptyRows();
    const progressive = onScreen.current?.filter !== filterText;
    const show = (complete: boolean) => setShown({ events, rows, complete, data, filter: filterText });
    let painted = -Infinity;
    const context = { pageActors, actorNames: data.actorNames };
    runInSlices(
      filterSteps(data.events, filter, context, (event) => {
        events.push(event);
        rows.append(event);
      }),
      {
        signal: controller.signal,
        onSlice: () => {
          if (!progressive || performance.now() - painted < REPAINT_MS) return;
          painted = performance.now();
          show(false);
        },
      },
    ).then(
      () => show(true),
      (error: unknown) => {
        if (!(error instanceof SlicesAborted)) throw error;
      },
    );
    return () => controller.abort();
  }, [data, filterText, pageActors]);
  return shown;
}

/** The chart of a long list, worked out a slice at a time once its search is complete; the last one meanwhile. */
function useSlicedChart(shown: Shown | undefined, zoom: string | undefined, pinned: readonly string[] | undefined): ChartModel<TimelineEntry> | undefined {
  const [model, setModel] = useState<ChartModel<TimelineEntry>>();
  const ready = shown?.complete ? shown : undefined;
  const pinnedText = pinned && JSON.stringify(pinned);
  useEffect(() => {
    if (!ready || zoom === undefined || !pinned) return;
    const controller = new AbortController();
    runInSlices(chartSteps(ready.events, zoom, pinned, (key) => ready.data.actorsByKey.has(key)), { signal: controller.signal }).then(setModel, (error: unknown) => {
      if (!(error instanceof SlicesAborted)) throw error;
    });
    return () => controller.abort();
  }, [ready, zoom, pinnedText]);
  return model;
}

/**
 * The page in the active tab, followed as the reader switches tabs or the page reports again. A panel
 * opened as a window of its own (Firefox's fallback) or as a page is told its tab instead (`?tab=`).
 */
function useActivePage(fixedTab: number | undefined): { tabId?: number; page: PageReport | null } {
  const [state, setState] = useState<{ tabId?: number; page: PageReport | null }>({ page: null });
  useEffect(() => {
    let current = true;
    const refresh = async () => {
      const tabId = fixedTab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      const page = tabId === undefined ? null : await request('page:get', { tabId }).catch(() => null);
      if (current) setState({ ...(tabId !== undefined && { tabId }), page });
    };
    void refresh();
    const stopWatchingReports = watchPageReports(() => void refresh());
    const onActivated = () => void refresh();
    browser.tabs.onActivated.addListener(onActivated);
    browser.windows.onFocusChanged.addListener(onActivated);
    return () => {
      current = false;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.windows.onFocusChanged.removeListener(onActivated);
      stopWatchingReports();
    };
  }, [fixedTab]);
  return state;
}

/** The panel's status line: what came of a note action, with Undo after a delete. */
interface PanelStatus {
  text: string;
  /** The deleted note, for Undo. */
  undo?: NoteRecord;
  problem?: boolean;
}

/** How long Undo is offered after a delete, and how long other messages stay. */
const UNDO_MS = 10_000;
const STATUS_MS = 6_000;

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The note actions the lists use, and the status line they report to. The line stays while the keyboard
 * is in it (Undo focused), and goes once focus leaves after its time is up.
 */
function useNoteActions(tabId: number | undefined) {
  const [status, setStatus] = useState<PanelStatus>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const expired = useRef(false);
  const line = useRef<HTMLDivElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);

  const show = (next: PanelStatus | undefined, ms = STATUS_MS) => {
    clearTimeout(timer.current);
    expired.current = false;
    setStatus(next);
    if (next)
      timer.current = setTimeout(() => {
        if (line.current?.contains(document.activeElement)) expired.current = true;
        else setStatus(undefined);
      }, ms);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  // The deleted note's row is gone with the focus it had: Undo takes it.
  useEffect(() => {
    if (status?.undo) undoButton.current?.focus();
  }, [status]);

  const actions = useMemo<NoteActions>(
    () => ({
      save: (draft) => request('note:save', { note: draft }),
      remove: (note) => {
        request('note:delete', { id: note.id }).then(
          (removed) => removed && show({ text: t('panelNoteDeleted'), undo: removed }, UNDO_MS),
          (error: unknown) => show({ text: `${t('panelNoteDeleteFailed')} ${reason(error)}`, problem: true }),
        );
      },
      reveal: (id) => {
        const notFound = () => show({ text: t('panelNoteNotFound') });
        if (tabId === undefined) return notFound();
        // Found: the page shows it. A pending Undo stays; an older message goes.
        requestTab(tabId, 'note:reveal', { id }).then(({ found }) => (found ? setStatus((s) => (s?.undo ? s : undefined)) : notFound()), notFound);
      },
    }),
    [tabId],
  );

  const undo = (note: NoteRecord) => {
    request('note:restore', { note }).then(
      () => {
        show({ text: t('panelNoteRestored') });
        line.current?.focus();
      },
      (error: unknown) => show({ text: `${t('panelNoteRestoreFailed')} ${reason(error)}`, problem: true }),
    );
  };

  const statusLine = (
    <div
      ref={line}
      class={`panel-status${status ? ' shown' : ''}${status?.problem ? ' problem' : ''}`}
      role="status"
      tabIndex={-1}
      onFocusOut={(event) => {
        if (expired.current && !line.current?.contains(event.relatedTarget as Node | null)) show(undefined);
      }}
    >
      {status && (
        <>
          <span>{status.text}</span>
          {status.undo && (
            <button type="button" ref={undoButton} class="link" onClick={() => undo(status.undo!)}>
              {t('panelNoteUndo')}
            </button>
          )}
        </>
      )}
    </div>
  );
  return { actions, statusLine };
}

const NO_ACTORS: ReadonlyMap<string, TimelineActor> = new Map();

export function SidePanel({ initialActor, fixedTab }: { initialActor?: ActorKey; fixedTab?: number }) {
  const lang = uiLanguage();
  const locale = uiLocale();
  const { data, problem } = useTimeline();
  const { tabId, page } = useActivePage(fixedTab);
  const [state, setState] = useState<PanelState>();
  const { actions: noteActions, statusLine } = useNoteActions(tabId);

  // The last state (filters, view, chart zoom) comes back when the panel reopens; a focus set by a
  // hover card after that wins.
  useEffect(() => {
    void Promise.all([readItem(panelItem), readItem(focusItem)]).then(([saved, focus]) => {
      const actor = initialActor ?? (focus && focus.at > saved.at ? focus.actor : saved.actor);
      setState({ ...saved, ...(actor && { actor, view: 'actor' as const }) });
    });
    return watchItem(focusItem, (focus) => {
      if (focus) setState((s) => s && { ...s, actor: focus.actor, view: 'actor' });
    });
  }, [initialActor]);

  useEffect(() => {
    if (state) void writeItem(panelItem, { ...state, at: Date.now() });
  }, [state]);

  const actors = data?.actorsByKey ?? NO_ACTORS;
  const pageActors = useMemo(() => new Set(page?.actors.map((a) => a.actor) ?? []), [page]);
  const orphans = useMemo(() => orphanIds(page), [page]);
  const sliced = !!data && data.events.length >= SLICED_FROM;
  // Fold the actors' names and every event's search text a slice at a time once the whole timeline is here, before the first keystroke needs them.
  useEffect(() => {
    if (!data || data.partial || !sliced) return;
    const controller = new AbortController();
    runInSlices(foldAheadSteps(data.events, { actorNames: data.actorNames }), { signal: controller.signal }).catch(() => undefined);
    return () => controller.abort();
  }, [data, sliced]);
  // A short timeline: filtered in the render, as it always was.
  const atOnce = useMemo<Shown | undefined>(() => {
    if (!data || !state || sliced) return undefined;
    const context = { pageActors, actorNames: data.actorNames };
    return { events: filterEvents(data.events, state.filter, context), complete: true, data, filter: JSON.stringify(state.filter) };
  }, [data, state?.filter, pageActors, sliced]);
  // What is on screen: the list of this data, else the last one shown until the new one is ready (the head
  // while the whole timeline is read and its rows are built).
  const lastShown = useRef<Shown>();
  const slicedList = useSlicedFilter(sliced ? data : undefined, state?.filter, pageActors, lastShown);
  const shown = atOnce ?? (slicedList?.data === data ? slicedList : undefined) ?? lastShown.current;
  lastShown.current = shown;
  const chartAtOnce = useMemo(
    () => (shown && state && !shown.rows ? chartModel(shown.events, state.zoom, state.filter.actors, shown.data.actorsByKey) : undefined),
    [shown?.events, shown?.rows, state?.zoom, state?.filter.actors],
  );
  const chartSliced = useSlicedChart(shown?.rows ? shown : undefined, state?.zoom, state?.filter.actors);
  const chart = chartAtOnce ?? chartSliced;

  if (problem) return <main class="page sidepanel"><p class="problem">{t('cardLoadFailed', problem)}</p></main>;
  if (!data || !state) return <main class="page sidepanel"><p class="store-state">{t('storeLoading')}</p></main>;

  const update = (patch: Partial<PanelState>) => setState({ ...state, ...patch });
  const setFilter = (filter: TimelineFilter) => update({ filter });
  const openActor = (actor: ActorKey) => {
    const { expanded: _closed, ...rest } = state;
    setState({ ...rest, actor, view: 'actor' });
    window.scrollTo({ top: 0 });
  };
  /** What the page and actor views pass on to their lists. */
  const listProps: ViewListProps = {
    data,
    actors,
    lang,
    locale,
    expanded: state.expanded,
    onExpand: (expanded) => update({ expanded }),
    onActor: openActor,
    notes: noteActions,
  };

  return (
    <main class="page sidepanel">
      <nav class="panel-tabs" aria-label={t('sidepanelTitle')}>
        {(['timeline', 'page', ...(state.actor ? (['actor'] as const) : [])] as const).map((view) => (
          <button type="button" key={view} aria-pressed={state.view === view} onClick={() => update({ view })}>
            {view === 'timeline' ? t('tabTimeline') : view === 'page' ? t('tabOnPage', String(page?.actors.length ?? 0)) : localized(actors.get(state.actor!)?.name, lang) || state.actor}
          </button>
        ))}
      </nav>

      {state.view === 'timeline' && (
        <>
          <Filters filter={state.filter} onChange={setFilter} actors={data.actors} tags={data.tags} lang={lang} pageActorCount={pageActors.size} />
          {chart && (
            <TimelineChart
              model={chart}
              actors={actors}
              lang={lang}
              locale={locale}
              onZoom={(zoom) => update({ zoom })}
              onSelect={(expanded) => update({ expanded })}
              selected={state.expanded}
            />
          )}
          <p class="count" role="status" aria-busy={!shown?.complete}>
            {data.partial || !shown || shown.data !== data ? t('timelineReading') : t('timelineCount', String(shown.events.length), String(data.events.length))}
          </p>
          <EventList
            events={shown?.events ?? []}
            {...(shown?.rows && { rows: shown.rows })}
            complete={shown?.complete ?? false}
            actors={actors}
            lang={lang}
            locale={locale}
            expanded={state.expanded}
            onExpand={(expanded) => update({ expanded })}
            onActor={openActor}
            notes={noteActions}
            orphans={orphans}
          />
        </>
      )}

      {state.view === 'page' && <OnThisPage page={page} {...(tabId !== undefined && { tabId })} {...listProps} />}

      {state.view === 'actor' && state.actor && <ActorView actor={state.actor} page={page} {...listProps} orphans={orphans} />}
      {statusLine}
    </main>
  );
}

/** The props the page and actor views share: the timeline, the lists' state and the note actions. */
interface ViewListProps {
  data: TimelineData;
  actors: ReadonlyMap<string, TimelineActor>;
  lang: string;
  locale: string;
  expanded: string | undefined;
  onExpand(key: string | undefined): void;
  onActor(key: string): void;
  notes: NoteActions;
}

function OnThisPage({ page, tabId, data, actors, lang, locale, expanded, onExpand, onActor, notes }: ViewListProps & {
  page: PageReport | null;
  tabId?: number;
}) {
  const mine = useMemo(() => (page ? notesOfPage(data.notes, page) : []), [data, page]);
  if (!page) return <p class="empty">{t('onPageNone')}</p>;
  const reveal = (actor: ActorKey) => {
    if (tabId !== undefined) requestTab(tabId, 'mention:reveal', { actor }).catch(() => undefined);
  };
  return (
    <section aria-label={t('tabOnPage', String(page.actors.length))}>
      <p class="page-title">{page.title}</p>
      {page.actors.length === 0 ? (
        <p class="empty">{t('onPageNone')}</p>
      ) : (
        <ul class="on-page">
          {page.actors.map(({ actor, count }) => (
            <li key={actor} class={`kind-${actors.get(actor)?.kind ?? 'person'}`}>
              <button type="button" class="reveal" onClick={() => reveal(actor)} title={t('onPageReveal', localized(actors.get(actor)?.name, lang), String(count))}>
                <span class="name">{localized(actors.get(actor)?.name, lang) || actor}</span>
                <span class="count-badge">{count}</span>
              </button>
              <button type="button" class="link" onClick={() => onActor(actor)}>
                {t('onPageTimeline')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {mine.length > 0 && (
        <section class="page-notes" aria-labelledby="page-notes-heading">
          <h2 id="page-notes-heading">
            {t('onPageYourNotes')} <span class="count-badge">{mine.length}</span>
          </h2>
          <ol class="events">
            {mine.map(({ entry, orphaned }) => (
              <li key={entry.key}>
                <NoteEntry
                  entry={entry as NoteTimelineEntry}
                  actors={actors}
                  lang={lang}
                  locale={locale}
                  open={expanded === entry.key}
                  onToggle={() => onExpand(expanded === entry.key ? undefined : entry.key)}
                  onActor={onActor}
                  actions={notes}
                  orphaned={orphaned}
                />
              </li>
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}

function ActorView({ actor, data, actors, page, lang, locale, expanded, onExpand, onActor, notes, orphans }: ViewListProps & {
  actor: ActorKey;
  page: PageReport | null;
  orphans: ReadonlySet<string>;
}) {
  const [card, setCard] = useState<CardReply | null>();
  useEffect(() => {
    let current = true;
    request('card:get', {
      actor,
      lang,
      today: localDay(),
      pageActors: page?.actors.map((a) => a.actor) ?? [],
      limit: 3,
      ...(page?.published && { published: page.published }),
    }).then((reply) => current && setCard(reply), () => current && setCard(null));
    return () => {
      current = false;
    };
    // `data` too: a note edited or deleted, or a followed name renamed, changes the card.
  }, [actor, page, data]);
  // A followed name ("reader/…") is named by the reader's notes only: its list is those notes.
  const sliced = data.events.length >= SLICED_FROM;
  const atOnce = useMemo(() => (sliced ? undefined : data.events.filter((e) => e.actors.includes(actor))), [data, actor, sliced]);
  // With 500k events, the actor's are looked for a slice at a time, as the timeline's search does.
  const [found, setFound] = useState<{ data: TimelineData; actor: string; events: TimelineEntry[] }>();
  useEffect(() => {
    if (!sliced) return;
    const controller = new AbortController();
    const events: TimelineEntry[] = [];
    const filter = { ...NO_FILTER, actors: [actor] };
    runInSlices(filterSteps(data.events, filter, { pageActors: new Set(), actorNames: data.actorNames }, (e) => events.push(e)), { signal: controller.signal }).then(
      () => setFound({ data, actor, events }),
      () => undefined,
    );
    return () => controller.abort();
  }, [data, actor, sliced]);
  const involved = useMemo(() => atOnce ?? (found?.data === data && found.actor === actor ? found.events : []), [atOnce, found, data, actor]);
  // Only the actor's own events name its companions: counted over those, not over every event.
  const often = useMemo(() => companions(involved, actor), [involved, actor]);
  const followed = actor.startsWith(`${READER_PACK_ID}/`);
  return (
    <section class="actor-view">
      {card && <ActorCard card={card} locale={locale} />}
      {often.length > 0 && (
        <div class="often">
          <h2>{t('actorOftenWith')}</h2>
          <p class="chips">
            {often.map((c) => (
              <button type="button" key={c.actor} class={`chip chip-${actors.get(c.actor)?.kind ?? 'person'}${actors.get(c.actor)?.own ? ' chip-own' : ''}`} onClick={() => onActor(c.actor)}>
                {localized(actors.get(c.actor)?.name, lang)} · {c.events}
              </button>
            ))}
          </p>
        </div>
      )}
      <h2>{followed ? `${t('actorYourNotes')} (${involved.length})` : t('actorAllEvents', String(involved.length))}</h2>
      <EventList events={involved} actors={actors} lang={lang} locale={locale} expanded={expanded} onExpand={onExpand} onActor={onActor} notes={notes} orphans={orphans} />
    </section>
  );
}


