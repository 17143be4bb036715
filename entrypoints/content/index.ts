/**
 * The page side: scans the page for known actors, paints highlights, keeps them live, and reports
 * the page's context to the background. Thin wiring; the work is in ./highlighter.ts and lib/.
 */
import './style.css';
import { request } from '@/components/request';
import { highlightsWanted, parseSettings, SETTINGS_KEY } from '@/lib/settings';
import type { TabMessageMap } from '@/lib/messages/protocol';
import { createCards } from './cards';
import { Highlighter } from './highlighter';
import { watchLiveUpdates } from './live-updates';
import { countActors, readPageContext } from './page-context';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    let highlighter: Highlighter | undefined;
    let cards: ReturnType<typeof createCards> | undefined;
    let live: ReturnType<typeof watchLiveUpdates> | undefined;
    const shadowRoots: ShadowRoot[] = [];
    let wantedBySettings = highlightsWanted(parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]), location.hostname);
    /** The keyboard toggle, for this page only; settings changes reset it. */
    let hiddenByUser = false;
    let reportTimer: ReturnType<typeof setTimeout> | undefined;

    const report = () => {
      clearTimeout(reportTimer);
      // Coalesced: a live page that changes often reports at most once a second.
      reportTimer = setTimeout(() => {
        if (!highlighter || ctx.isInvalid) return;
        const payload = { ...readPageContext(document), actors: countActors(highlighter.mentions()) };
        request('page:report', payload).catch(() => undefined);
      }, 1_000);
    };

    async function start() {
      if (highlighter || !document.body) return;
      const { index, kinds } = await request('matcher:get', {});
      if (ctx.isInvalid || highlighter) return;
      const created = await Highlighter.create(
        index,
        (actor) => kinds[actor] ?? 'person',
        (shadow) => (live ? live.observe(shadow) : shadowRoots.push(shadow)),
      );
      if (ctx.isInvalid || highlighter || !wantedBySettings || hiddenByUser) return;
      highlighter = created;
      await highlighter.scan([document.body]);
      report();
      const { published } = readPageContext(document);
      cards = createCards({ highlighter: () => highlighter, published: () => published, dwellMs: 150, graceMs: 300 });
      live = watchLiveUpdates(document.body, async (roots, removedOnly) => {
        if (!highlighter) return;
        if (removedOnly) {
          highlighter.dropDisconnected();
          highlighter.repaint();
        } else await highlighter.scan(roots);
        cards?.invalidate();
        report();
      });
      for (const shadow of shadowRoots.splice(0)) live.observe(shadow);
    }

    function stop() {
      cards?.dispose();
      cards = undefined;
      live?.disconnect();
      live = undefined;
      highlighter?.dispose();
      highlighter = undefined;
    }

    const apply = () => (wantedBySettings && !hiddenByUser ? start() : stop());

    browser.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
      wantedBySettings = highlightsWanted(parseSettings(changes[SETTINGS_KEY]!.newValue), location.hostname);
      hiddenByUser = false;
      void apply();
    });

    const tabHandlers: { [K in keyof TabMessageMap]: (payload: TabMessageMap[K]['request']) => TabMessageMap[K]['response'] } = {
      'highlights:toggle': () => {
        hiddenByUser = !hiddenByUser;
        void apply();
        return { painting: wantedBySettings && !hiddenByUser };
      },
      'mention:step': ({ direction }) => ({ actor: cards?.step(direction === -1 ? -1 : 1) ?? null }),
      'mention:reveal': ({ actor }) => ({ found: typeof actor === 'string' && (cards?.reveal(actor) ?? false) }),
    };

    browser.runtime.onMessage.addListener((message: { type?: string; payload?: unknown }, _sender, sendResponse) => {
      const type = message?.type as keyof TabMessageMap;
      if (!Object.hasOwn(tabHandlers, type)) return;
      const handler = tabHandlers[type] as (payload: unknown) => unknown;
      sendResponse({ ok: true, value: handler(message.payload ?? {}) });
    });

    ctx.onInvalidated(stop);
    await apply();
  },
});
