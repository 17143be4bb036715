/**
 * The page side: scans the page for known actors, paints highlights, keeps them live, and reports
 * the page's context to the background. Thin wiring; the work is in ./highlighter.ts and lib/.
 */
import './style.css';
import { request } from '@/components/request';
import { highlightsWanted, parseSettings, SETTINGS_KEY } from '@/lib/settings';
import { highlightCss } from '@/lib/ui/highlight-style';
import { chooseLanguage } from '@/components/i18n';
import type { TabMessageMap } from '@/lib/messages/protocol';
import { createCards } from './cards';
import { adoptSheet, Highlighter } from './highlighter';
import { watchLiveUpdates } from './live-updates';
import { countActors, readPageContext } from './page-context';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // WXT would otherwise post a window message every page can read: the page must not learn we are here.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    let highlighter: Highlighter | undefined;
    let cards: ReturnType<typeof createCards> | undefined;
    let live: ReturnType<typeof watchLiveUpdates> | undefined;
    const shadowRoots: ShadowRoot[] = [];
    let settings = parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
    let wantedBySettings = highlightsWanted(settings, location.hostname);
    // The reader's highlight style, adopted (not inserted): the page's DOM is not touched.
    const styleSheet = new CSSStyleSheet();
    styleSheet.replaceSync(highlightCss(settings));
    adoptSheet(document, styleSheet);
    await chooseLanguage(settings.language);
    /** The keyboard toggle, for this page only; settings changes reset it. */
    let hiddenByUser = false;
    let reportTimer: ReturnType<typeof setTimeout> | undefined;

    const report = () => {
      // Coalesced: a live page that changes often reports at most once a second. Not pushed back by
      // later calls: a page that changes more often than that (a ticking clock) must still report.
      if (reportTimer !== undefined) return;
      reportTimer = setTimeout(() => {
        reportTimer = undefined;
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
        styleSheet,
      );
      created.setKinds(settings.kinds);
      if (ctx.isInvalid || highlighter || !wantedBySettings || hiddenByUser) return;
      highlighter = created;
      await highlighter.scan([document.body]);
      report();
      const { published } = readPageContext(document);
      const makeCards = () => createCards({ highlighter: () => highlighter, published: () => published, dwellMs: () => settings.dwellMs, graceMs: 300 });
      cards = makeCards();
      remakeCards = () => {
        cards?.dispose();
        cards = highlighter ? makeCards() : undefined;
      };
      live = watchLiveUpdates(document.body, async (roots, removedOnly) => {
        const current = highlighter;
        if (!current) return;
        if (removedOnly) {
          current.dropDisconnected();
          current.repaint();
        } else {
          await current.scan(roots);
          await current.scanComponents(roots);
        }
        cards?.invalidate();
        report();
      });
      for (const shadow of shadowRoots.splice(0)) live.observe(shadow);
      // After the first paint: components whose text lives only in their shadow tree (highlighter.ts).
      await created.scanComponents([document.body]);
      if (highlighter !== created) return;
      cards.invalidate();
      report();
    }

    function stop() {
      cards?.dispose();
      cards = undefined;
      live?.disconnect();
      live = undefined;
      highlighter?.dispose();
      highlighter = undefined;
    }

    let remakeCards: (() => void) | undefined;
    const apply = () => (wantedBySettings && !hiddenByUser ? start() : stop());

    browser.storage.onChanged.addListener(async (changes, area) => {
      if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
      const previous = settings;
      settings = parseSettings(changes[SETTINGS_KEY]!.newValue);
      styleSheet.replaceSync(highlightCss(settings));
      highlighter?.setKinds(settings.kinds);
      if (settings.language !== previous.language) {
        await chooseLanguage(settings.language);
        remakeCards?.();
      }
      const wanted = highlightsWanted(settings, location.hostname);
      if (wanted !== wantedBySettings) hiddenByUser = false;
      wantedBySettings = wanted;
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
