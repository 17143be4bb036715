/**
 * The page side: scans the page for known actors, paints highlights, keeps them live, and reports
 * the page's context to the background. Thin wiring; the work is in ./highlighter.ts and lib/.
 * Where the reader switched highlighting off, it stays silent: no stylesheet adopted, no scan, no report.
 */
import './style.css';
import { request, senderKind } from '@/components/request';
import { readSettings, watchSettings } from '@/components/storage';
import { highlightsWanted } from '@/lib/settings';
import { highlightCss } from '@/lib/ui/highlight-style';
import { chooseLanguage } from '@/components/i18n';
import { createRouter, TAB_CHECKS, TAB_SENDER_RULES, type TabMessageMap } from '@/lib/messages/protocol';
import { createCards } from './cards';
import { adoptSheet, dropSheet, Highlighter } from './highlighter';
import { watchLiveUpdates } from './live-updates';
import { countActors, readPageContext } from './page-context';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // WXT would otherwise announce every start with window.postMessage(…, '*'): the extension id, to any
  // page script and frame. Its same-world CustomEvent is enough to stop an older copy after an update.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    let highlighter: Highlighter | undefined;
    let cards: ReturnType<typeof createCards> | undefined;
    let live: ReturnType<typeof watchLiveUpdates> | undefined;
    const shadowRoots: ShadowRoot[] = [];
    let settings = await readSettings();
    let wantedBySettings = highlightsWanted(settings, location.hostname);
    // The reader's highlight style, adopted (not inserted, the page's DOM is not touched) while painting only.
    const styleSheet = new CSSStyleSheet();
    styleSheet.replaceSync(highlightCss(settings));
    await chooseLanguage(settings.language);
    /** The keyboard toggle, for this page only; settings changes reset it. */
    let hiddenByUser = false;
    const painting = () => wantedBySettings && !hiddenByUser;
    let reportTimer: ReturnType<typeof setTimeout> | undefined;
    let reported = false;

    const report = () => {
      // Throttled, not debounced: a live page that changes often reports once a second, and still reports.
      if (reportTimer !== undefined) return;
      reportTimer = setTimeout(() => {
        reportTimer = undefined;
        if (!highlighter || ctx.isInvalid) return;
        const actors = countActors(highlighter.mentions());
        reported = true;
        request('page:report', { ...readPageContext(document), actors }).catch(() => undefined);
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
      if (ctx.isInvalid || highlighter || !painting()) return;
      highlighter = created;
      adoptSheet(document, styleSheet);
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
      clearTimeout(reportTimer);
      reportTimer = undefined;
      cards?.dispose();
      cards = undefined;
      live?.disconnect();
      live = undefined;
      highlighter?.dispose();
      highlighter = undefined;
      dropSheet(document, styleSheet);
      // What this page reported while it painted is no longer true: the side panel and popup forget it.
      if (reported && !ctx.isInvalid) request('page:forget', {}).catch(() => undefined);
      reported = false;
    }

    let remakeCards: (() => void) | undefined;
    const apply = () => (painting() && ctx.isValid ? start() : stop());

    const stopWatchingSettings = watchSettings(async (next) => {
      const previous = settings;
      settings = next;
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

    const route = createRouter<Browser.runtime.MessageSender, TabMessageMap>({
      // Only our background and pages can reach a content script (tabs.sendMessage); checked all the same.
      senderOf: senderKind,
      rules: TAB_SENDER_RULES,
      checks: TAB_CHECKS,
      handlers: {
        'page:site': () => ({ host: location.hostname }),
        'highlights:toggle': () => {
          hiddenByUser = !hiddenByUser;
          void apply();
          return { painting: painting() };
        },
        'mention:step': ({ direction }) => ({ actor: cards?.step(direction) ?? null }),
        'mention:reveal': ({ actor }) => ({ found: cards?.reveal(actor) ?? false }),
        'note:compose': () => ({ opened: false, reason: 'no-selection' as const }),
        'note:reveal': () => ({ found: false }),
      },
    });
    const onMessage = (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
      void route(message, sender).then(sendResponse);
      return true;
    };
    browser.runtime.onMessage.addListener(onMessage);

    // Also what a page that forges WXT's start event gets (docs/browser-quirks.md): Backstory off on that page.
    ctx.onInvalidated(() => {
      stopWatchingSettings();
      browser.runtime.onMessage.removeListener(onMessage);
      stop();
    });
    await apply();
  },
});
