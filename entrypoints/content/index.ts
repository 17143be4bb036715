/**
 * The page side: finds known actors (./mentions.ts) and the reader's notes (./note-anchors.ts), paints
 * both (./painter.ts), keeps them live, opens the note forms (./compose.tsx), and reports the page's
 * context to the background. Thin wiring; the work is in those files and lib/. Where the reader
 * switched highlighting off, it stays silent: no stylesheet adopted, no scan, no report (a note can
 * still be written there: the reader asked for the form).
 */
import './style.css';
import { request, senderKind } from '@/components/request';
import { readItem, readSettings, watchItem, watchSettings } from '@/components/storage';
import { readerChangesItem } from '@/lib/storage-map';
import { highlightsWanted } from '@/lib/settings';
import { highlightCss } from '@/lib/ui/highlight-style';
import { chooseLanguage, uiLanguage } from '@/components/i18n';
import { answers, createRouter, LEXICON_HEAD_PORT, type Handlers, TAB_CHECKS, TAB_SENDER_RULES, type PageTabMessageMap } from '@/lib/messages/protocol';
import { createCards } from './cards';
import { PageMentions } from './mentions';
import { NoteAnchors } from './note-anchors';
import { adoptSheet, dropSheet, Painter } from './painter';
import { watchLiveUpdates } from './live-updates';
import { countActors, readPageContext } from './page-context';
import { headGatherer, type LexiconHead } from '@/lib/match';

/** A lexicon head on its way, with when it was asked for and when it came. */
interface HeadRequest {
  askedAt: number;
  reply: Promise<{ head: LexiconHead; arrivedAt: number }>;
}

function askForHead(): HeadRequest {
  const askedAt = performance.now();
  // By message when the port fails (the worker stopped while it sent): that path reports the error, if any.
  const head = headByPort().catch(() => request('lexicon:head', {}));
  return { askedAt, reply: head.then((head) => ({ head, arrivedAt: performance.now() })) };
}

/**
 * The head on the lexicon port (lib/messages/protocol.ts LEXICON_HEAD_PORT): the background posts it at
 * once, a large filter in pieces, with no round trip per piece. Only our extension's pages and background
 * can answer a content script's port.
 */
function headByPort(): Promise<LexiconHead> {
  return new Promise((resolve, reject) => {
    const port = browser.runtime.connect({ name: LEXICON_HEAD_PORT });
    const gatherer = headGatherer();
    port.onMessage.addListener((message: unknown) => {
      try {
        const head = gatherer.take(message);
        if (!head) return;
        port.disconnect();
        resolve(head);
      } catch (error) {
        port.disconnect();
        reject(error as Error);
      }
    });
    // After the head came this changes nothing; before, the background could not send it.
    port.onDisconnect.addListener(() => reject(new Error('the lexicon port closed before the head came')));
  });
}

/**
 * Until the page's HTML is parsed. Asks the document's own state, which a page cannot forge: a page script
 * can dispatch a fake DOMContentLoaded event, which only makes this look again.
 */
async function documentParsed(): Promise<void> {
  while (document.readyState === 'loading') await new Promise((resolve) => document.addEventListener('readystatechange', resolve, { once: true }));
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'], // the same as wxt.config.ts's PAGES
  // At the start, so the lexicon's head is asked for while the page loads: at 100k actors it takes
  // 0.1–0.4 s to come, which a first scan at document_idle waited for (docs/decisions.md §34). The scan
  // itself waits until the page's HTML is parsed.
  runAt: 'document_start',
  // WXT would otherwise announce every start with window.postMessage(…, '*'): the extension id, to any
  // page script and frame. Its same-world CustomEvent is enough to stop an older copy after an update.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    let highlighter: PageMentions | undefined;
    let painter: Painter | undefined;
    let notes: NoteAnchors | undefined;
    let cards: ReturnType<typeof createCards> | undefined;
    let live: ReturnType<typeof watchLiveUpdates> | undefined;
    const shadowRoots: ShadowRoot[] = [];
    let settings = await readSettings();
    let wantedBySettings = highlightsWanted(settings, location.hostname);
    /** The head asked for at the start, taken by the first scan (a later start asks again: the packs may have changed). */
    let earlyHead = wantedBySettings ? askForHead() : undefined;
    earlyHead?.reply.catch(() => undefined); // a failure is met, and reported, by the start that takes it
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
        request('page:report', { ...readPageContext(document), actors, notes: notes?.states() ?? [] }).catch(() => undefined);
      }, 1_000);
    };

    /** The reader's notes made on this page, anchored after the mentions' first paint. */
    let lastNotesAnchoredAt = 0;
    async function anchorNotes() {
      const current = notes;
      if (!current) return;
      const { canonical } = readPageContext(document);
      const urls = [location.href, ...(canonical ? [canonical] : [])];
      const found = await request('notes:page', { urls, lang: uiLanguage() }).catch(() => []);
      if (notes !== current) return;
      lastNotesAnchoredAt = performance.now();
      await current.anchor(found, urls);
      report();
    }

    async function start() {
      const headRequest = earlyHead ?? askForHead();
      earlyHead = undefined;
      await documentParsed();
      if (highlighter || !document.body) return;
      const { head, arrivedAt } = await headRequest.reply;
      if (ctx.isInvalid || highlighter) return;
      // Only the stamp is kept past this point: the filter's base64 (0.7 MB at 100k actors) must not outlive it.
      const { stamp } = head;
      const createdPainter = new Painter(styleSheet);
      const created = await PageMentions.create(
        head,
        { askedAt: headRequest.askedAt, arrivedAt },
        async (asks) => {
          const reply = await request('lexicon:parts', { stamp, asks });
          if ('part' in reply) return reply.part;
          // The packs changed since this page started: it starts again with the new lexicon.
          if (highlighter === created) {
            stop(false);
            void apply();
          }
          return undefined;
        },
        (shadow) => (live ? live.observe(shadow) : shadowRoots.push(shadow)),
        createdPainter,
      );
      created.setKinds(settings.kinds);
      if (ctx.isInvalid || highlighter || !painting()) {
        createdPainter.dispose();
        return;
      }
      highlighter = created;
      painter = createdPainter;
      notes = new NoteAnchors(createdPainter);
      adoptSheet(document, styleSheet);
      await highlighter.scan([document.body]);
      report();
      const { published } = readPageContext(document);
      const makeCards = () =>
        createCards({ highlighter: () => highlighter, notes: () => notes, published: () => published, dwellMs: () => settings.dwellMs, graceMs: 300 });
      cards = makeCards();
      remakeCards = () => {
        cards?.dispose();
        cards = highlighter ? makeCards() : undefined;
        warmCardsWhenIdle();
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
        // A changed page may have moved a noted passage, or brought back an orphan's: anchored again,
        // at most every two seconds on a page that changes all the time.
        if (notes?.stale() && performance.now() - lastNotesAnchoredAt > 2_000) await anchorNotes();
        report();
      });
      for (const shadow of shadowRoots.splice(0)) live.observe(shadow);
      // After the first paint: the reader's notes, then components whose text lives only in their shadow tree (mentions.ts).
      await anchorNotes();
      if (highlighter !== created) return;
      await created.scanComponents([document.body]);
      if (highlighter !== created) return;
      cards.invalidate();
      report();
      warmCardsWhenIdle();
    }

    /** The most-named actors' cards, fetched when the page is idle (cards.ts warm): not after every live change, which would keep the background awake. */
    function warmCardsWhenIdle() {
      const warming = cards;
      requestIdleCallback(() => void (warming === cards && warming?.warm()), { timeout: 2_000 });
    }

    /** Stops painting; `forget` also tells the background to drop what this page reported. */
    function stop(forget = true) {
      clearTimeout(reportTimer);
      reportTimer = undefined;
      cards?.dispose();
      cards = undefined;
      live?.disconnect();
      live = undefined;
      highlighter?.dispose();
      highlighter = undefined;
      notes?.dispose();
      notes = undefined;
      painter?.dispose();
      painter = undefined;
      dropSheet(document, styleSheet);
      // What this page reported while it painted is no longer true: the side panel and popup forget it.
      if (forget && reported && !ctx.isInvalid) request('page:forget', {}).catch(() => undefined);
      if (forget) reported = false;
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

    // The reader wrote a note or followed a name (here or in another tab): notes are anchored again;
    // a new name needs the new index, so the page is scanned again from the start.
    let readerChanges = await readItem(readerChangesItem);
    const stopWatchingReader = watchItem(readerChangesItem, (next) => {
      const previous = readerChanges;
      readerChanges = next;
      if (next.actorsAt !== previous.actorsAt && highlighter) {
        stop(false);
        void apply();
      } else if (next.notesAt !== previous.notesAt) {
        // A card shows the reader's notes on its actor: the cached ones are fetched again.
        cards?.invalidate();
        void anchorNotes();
        warmCardsWhenIdle();
      }
    });

    const handlers: Handlers<Browser.runtime.MessageSender, PageTabMessageMap> = {
      'page:site': () => ({ host: location.hostname }),
      'highlights:toggle': () => {
        hiddenByUser = !hiddenByUser;
        void apply();
        return { painting: painting() };
      },
      'mention:step': ({ direction }) => ({ actor: cards?.step(direction) ?? null }),
      'mention:reveal': ({ actor }) => ({ found: cards?.reveal(actor) ?? false }),
      'note:reveal': ({ id }) => ({ found: cards?.revealNote(id) ?? false }),
    };
    const route = createRouter<Browser.runtime.MessageSender, PageTabMessageMap>({
      // Only our background and pages can reach a content script (tabs.sendMessage); checked all the same.
      senderOf: senderKind,
      rules: TAB_SENDER_RULES,
      checks: TAB_CHECKS,
      handlers,
    });
    const onMessage = (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
      if (!answers(handlers, message)) return false; // the composer's, when it is loaded
      void route(message, sender).then(sendResponse);
      return true;
    };
    browser.runtime.onMessage.addListener(onMessage);

    // Also what a page that forges WXT's start event gets (docs/browser-quirks.md): Backstory off on that page.
    ctx.onInvalidated(() => {
      stopWatchingSettings();
      stopWatchingReader();
      browser.runtime.onMessage.removeListener(onMessage);
      stop();
    });
    await apply();
  },
});
