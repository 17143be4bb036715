/**
 * The side panel (Chrome) / sidebar (Firefox): the whole timeline with filters and a chart, the actor
 * view, and the mentions on the page in the active tab. Pack data is read straight from IndexedDB in a
 * Dexie liveQuery (same extension origin as the background), so pack installs appear live; the
 * page's actors come from its report in storage.session and follow the active tab.
 */
import { liveQuery } from 'dexie';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ActorCard } from '@/components/card/ActorCard';
import { t, uiLanguage, uiLocale } from '@/components/i18n';
import { request, requestTab } from '@/components/request';
import { readItem, watchItem, watchPageReports, writeItem } from '@/components/storage';
import { focusItem, panelItem } from '@/lib/storage-map';
import { EventList } from '@/components/timeline/EventList';
import { localized } from '@/lib/i18n/localized';
import { Filters } from '@/components/timeline/Filters';
import { TimelineChart } from '@/components/timeline/TimelineChart';
import type { CardReply, PageReport } from '@/lib/messages/protocol';
import { localDay } from '@/lib/pack/dates';
import type { ActorKey } from '@/lib/pack/keys';
import { BackstoryDatabase } from '@/lib/store/database';
import { loadTimeline, type TimelineActor, type TimelineData } from '@/lib/store/timeline';
import { companions, filterEvents, type TimelineFilter } from '@/lib/timeline/filter';
import type { PanelState } from '@/lib/timeline/panel-state';

const db = new BackstoryDatabase();

function useTimeline(): { data?: TimelineData; problem?: string } {
  const [state, setState] = useState<{ data?: TimelineData; problem?: string }>({});
  useEffect(() => {
    const subscription = liveQuery(() => loadTimeline(db)).subscribe({
      next: (data) => setState({ data }),
      error: (error: unknown) => setState({ problem: String(error) }),
    });
    return () => subscription.unsubscribe();
  }, []);
  return state;
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

export function SidePanel({ initialActor, fixedTab }: { initialActor?: ActorKey; fixedTab?: number }) {
  const lang = uiLanguage();
  const locale = uiLocale();
  const { data, problem } = useTimeline();
  const { tabId, page } = useActivePage(fixedTab);
  const [state, setState] = useState<PanelState>();

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

  const actors = useMemo(() => new Map((data?.actors ?? []).map((a) => [a.key, a])), [data]);
  const pageActors = useMemo(() => new Set(page?.actors.map((a) => a.actor) ?? []), [page]);
  const filtered = useMemo(() => {
    if (!data || !state) return [];
    const actorNames = new Map(data.actors.map((a) => [a.key, a.searchNames]));
    return filterEvents(data.events, state.filter, { pageActors, actorNames });
  }, [data, state?.filter, pageActors]);

  if (problem) return <main class="page sidepanel"><p class="problem">{t('cardLoadFailed', problem)}</p></main>;
  if (!data || !state) return <main class="page sidepanel"><p class="store-state">{t('storeLoading')}</p></main>;

  const update = (patch: Partial<PanelState>) => setState({ ...state, ...patch });
  const setFilter = (filter: TimelineFilter) => update({ filter });
  const openActor = (actor: ActorKey) => {
    const { expanded: _closed, ...rest } = state;
    setState({ ...rest, actor, view: 'actor' });
    window.scrollTo({ top: 0 });
  };

  return (
    <main class="page sidepanel">
      <nav class="panel-tabs" aria-label={t('sidepanelTitle')}>
        {(['timeline', 'page', ...(state.actor ? (['actor'] as const) : [])] as const).map((view) => (
          <button type="button" key={view} aria-pressed={state.view === view} onClick={() => update({ view })}>
            {view === 'timeline' ? t('tabTimeline') : view === 'page' ? t('tabOnPage', String(page?.actors.length ?? 0)) : localized(actors.get(state.actor!)?.name, lang)}
          </button>
        ))}
      </nav>

      {state.view === 'timeline' && (
        <>
          <Filters filter={state.filter} onChange={setFilter} actors={data.actors} tags={data.tags} lang={lang} pageActorCount={pageActors.size} />
          <TimelineChart
            events={filtered}
            actors={actors}
            lang={lang}
            locale={locale}
            zoom={state.zoom}
            onZoom={(zoom) => update({ zoom })}
            onSelect={(expanded) => update({ expanded })}
            selected={state.expanded}
            pinned={state.filter.actors}
          />
          <p class="count" role="status">{t('timelineCount', String(filtered.length), String(data.events.length))}</p>
          <EventList events={filtered} actors={actors} lang={lang} locale={locale} expanded={state.expanded} onExpand={(expanded) => update({ expanded })} onActor={openActor} />
        </>
      )}

      {state.view === 'page' && <OnThisPage page={page} tabId={tabId} actors={actors} lang={lang} onActor={openActor} />}

      {state.view === 'actor' && state.actor && (
        <ActorView
          actor={state.actor}
          data={data}
          actors={actors}
          page={page}
          lang={lang}
          locale={locale}
          expanded={state.expanded}
          onExpand={(expanded) => update({ expanded })}
          onActor={openActor}
        />
      )}
    </main>
  );
}

function OnThisPage({ page, tabId, actors, lang, onActor }: {
  page: PageReport | null;
  tabId?: number;
  actors: ReadonlyMap<string, TimelineActor>;
  lang: string;
  onActor(key: string): void;
}) {
  if (!page || page.actors.length === 0) return <p class="empty">{t('onPageNone')}</p>;
  const reveal = (actor: ActorKey) => {
    if (tabId !== undefined) requestTab(tabId, 'mention:reveal', { actor }).catch(() => undefined);
  };
  return (
    <section aria-label={t('tabOnPage', String(page.actors.length))}>
      <p class="page-title">{page.title}</p>
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
    </section>
  );
}

function ActorView({ actor, data, actors, page, lang, locale, expanded, onExpand, onActor }: {
  actor: ActorKey;
  data: TimelineData;
  actors: ReadonlyMap<string, TimelineActor>;
  page: PageReport | null;
  lang: string;
  locale: string;
  expanded: string | undefined;
  onExpand(key: string | undefined): void;
  onActor(key: string): void;
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
  }, [actor, page]);
  const own = data.events.filter((e) => e.actors.includes(actor));
  const often = companions(data.events, actor);
  return (
    <section class="actor-view">
      {card && <ActorCard card={card} locale={locale} />}
      {often.length > 0 && (
        <div class="often">
          <h2>{t('actorOftenWith')}</h2>
          <p class="chips">
            {often.map((c) => (
              <button type="button" key={c.actor} class={`chip chip-${actors.get(c.actor)?.kind ?? 'person'}`} onClick={() => onActor(c.actor)}>
                {localized(actors.get(c.actor)?.name, lang)} · {c.events}
              </button>
            ))}
          </p>
        </div>
      )}
      <h2>{t('actorAllEvents', String(own.length))}</h2>
      <EventList events={own} actors={actors} lang={lang} locale={locale} expanded={expanded} onExpand={onExpand} onActor={onActor} />
    </section>
  );
}


