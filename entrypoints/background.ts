/**
 * The background owns the database and answers every message. It is thin on purpose: the store,
 * the router and the request checks are in lib/, tested in Node.
 */
import { firefoxSidebar } from '@/components/firefox-sidebar';
import { builtInPacks as packagedPacks } from '@/data/builtin-packs';
import type { Catalogue } from '@/lib/i18n/catalogue';
import { syntheticPack } from '@/lib/pack/synthetic';
import { createDiagnostics } from '@/lib/diagnostics';
import { anchorQuote } from '@/lib/anchor/anchor';
import { createRouter, LEXICON_HEAD_PORT, mayAsk, SENDER_RULES, type PageReport, type Reply } from '@/lib/messages/protocol';
import { headMessages } from '@/lib/match';
import { requestChecks } from '@/lib/messages/requests';
import { cardFor } from '@/lib/store/card';
import type { BackstoryDatabase } from '@/lib/store/database';
import { localDay } from '@/lib/pack/dates';
import { listPacks } from '@/lib/store/packs';
import { actorKey, type ActorKey } from '@/lib/pack/keys';
import { focusItem, pageReportItem, readerChangesItem } from '@/lib/storage-map';
import { clearNotes, deleteNote, describeActors, followName, importReaderData, notesForPage, readerMatcherActor, restoreNote, saveNote, searchActors, unfollow, updateReaderActor, actorNames } from '@/lib/store/reader';
import { READER_PACK_ID } from '@/lib/notes/model';
import { readItem, removeItem, writeItem } from '@/components/storage';
import { requestTab, senderKind } from '@/components/request';
import { createStore, describe, storeStatus, StoreUnavailableError } from '@/lib/store/service';
import { createLexiconStore } from '@/lib/store/lexicon-store';

export default defineBackground(() => {
  const diagnostics = createDiagnostics();
  self.addEventListener('error', (event) => diagnostics.record(event.error ?? event.message));
  self.addEventListener('unhandledrejection', (event) => diagnostics.record(event.reason));

  // `npm run bench` builds in "bench" mode to measure a 100k-actor pack; production builds drop this branch.
  // Generated only when it must be installed: at 100k actors that takes seconds, not something every wake-up should pay.
  const shipped = packagedPacks((path) => browser.runtime.getURL(path as never));
  const builtInPacks = import.meta.env.MODE === 'bench' ? [...shipped, { id: 'synthetic-100000', version: '1.0.0', read: async () => syntheticPack(100_000) }] : shipped;
  // A pack installed by a retry (after a failed update) changes the names: the next page gets a new index.
  const store = createStore({ builtInPacks, onRecovered: () => dropIndex() });

  // The names of every installed pack and the reader's followed names, cut so that a page loads only
  // what its words reach (lib/match/lexicon.ts); kept across worker restarts. Following a name drops
  // it, and every tab starts again.
  const lexicon = createLexiconStore({
    database: () => store.database(),
    onBuilt: (actor) => {
      if (actor) void store.database().then((db) => readyCardPath(db, actor));
    },
  });
  const dropIndex = () => lexicon.drop();

  /**
   * A worker's first card opens the event and source stores and runs the ranking cold: in a fresh
   * Firefox that took longer than the dwell, so the reader's first card came late (browser-quirks #29;
   * the figures are in docs/bench.md).
   * One card read and thrown away once the index is built, before anyone can hover, pays that instead.
   */
  function readyCardPath(db: BackstoryDatabase, actor: ActorKey) {
    setTimeout(() => cardFor(db, { actor, lang: 'en', today: localDay(), pageActors: [], limit: 1 }).catch(() => undefined));
  }

  // Per-tab page reports: in memory for speed, in storage.session so a restarted worker (and the side
  // panel, which follows the active tab through storage.onChanged) still has them.
  const pages = new Map<number, PageReport>();
  const forgetPage = (tabId: number) => {
    pages.delete(tabId);
    return removeItem(pageReportItem(tabId));
  };
  browser.tabs.onRemoved.addListener((tabId) => void forgetPage(tabId));
  // A report describes one document: when the tab starts loading another, it is stale until the new
  // page reports (a page where highlighting is off never does). Only the status is told: without the
  // "tabs" permission the browser never tells Backstory the URL.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void forgetPage(tabId);
  });

  /** After a write to the reader's data: every open tab re-anchors its notes or rebuilds its names. */
  async function readerChanged(what: 'notes' | 'actors') {
    if (what === 'actors') dropIndex();
    const now = Date.now();
    const last = await readItem(readerChangesItem);
    await writeItem(readerChangesItem, what === 'notes' ? { ...last, notesAt: now } : { ...last, actorsAt: now });
  }
  /**
   * A pack was imported, switched on or off, removed or brought back: its rows changed, so the name index
   * is built again and every open tab scans again, as after following a name (the side panel and the
   * options page read the database live).
   */
  const packsChanged = () => readerChanged('actors');

  /**
   * The UI catalogues are the extension's own _locales files, read when a page first asks: carried in
   * this script as object literals they cost every worker start their evaluation (42 kB of the bundle).
   */
  const catalogues = new Map<'en' | 'it', Promise<Catalogue>>();
  function catalogue(lang: 'en' | 'it'): Promise<Catalogue> {
    let read = catalogues.get(lang);
    if (!read) {
      read = fetch(browser.runtime.getURL(`/_locales/${lang}/messages.json`)).then((response) => {
        if (!response.ok) throw new Error(`the ${lang} catalogue could not be read (${response.status})`);
        return response.json() as Promise<Catalogue>;
      });
      read.catch(() => catalogues.delete(lang));
      catalogues.set(lang, read);
    }
    return read;
  }

  /** How many actors a new note starts with at most, unless the selection names more. */
  const PREFILLED_ACTORS = 3;
  const newNoteId = () => `urn:uuid:${crypto.randomUUID()}`;
  const randomSuffix = () => Math.random().toString(36).slice(2, 6);

  const route = createRouter<Browser.runtime.MessageSender>({
    senderOf: senderKind,
    rules: SENDER_RULES,
    checks: requestChecks,
    handlers: {
      'status:get': async () => {
        const known = lexicon.status();
        return { ...(await storeStatus(store)), ...(known && { lexicon: known }) };
      },
      'packs:list': async () => listPacks(await store.database()),
      'pack:written': async () => {
        await packsChanged();
        return null;
      },
      'lexicon:head': () => lexicon.head(),
      'lexicon:parts': async ({ stamp, asks }) => {
        const part = await lexicon.parts(stamp, asks);
        return part === 'stale' ? { stale: true } : { part };
      },
      'page:report': async (report, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined) return null;
        pages.set(tabId, report);
        await writeItem(pageReportItem(tabId), report);
        return null;
      },
      'page:forget': async (_payload, sender) => {
        if (sender.tab?.id !== undefined) await forgetPage(sender.tab.id);
        return null;
      },
      'page:get': async ({ tabId }) => {
        const id = tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
        if (id === undefined) return null;
        const known = pages.get(id);
        if (known) return known;
        const stored = await readItem(pageReportItem(id));
        if (stored) pages.set(id, stored);
        return stored ?? null;
      },
      'diagnostics:get': () => ({ errors: diagnostics.list() }),
      'card:get': async (request) => cardFor(await store.database(), request),
      'timeline:open': (request, sender) => openTimeline(request.actor, sender),
      'i18n:catalogue': ({ lang }) => catalogue(lang),
      'notes:page': async ({ urls, lang }) => {
        const db = await store.database();
        const notes = await notesForPage(db, urls);
        const names = await actorNames(db, [...new Set(notes.flatMap((n) => n.actorIds))], lang);
        return notes.map((note) => ({ ...note, actorNames: note.actorIds.flatMap((key) => names.get(key) ?? []) }));
      },
      'notes:anchor': async ({ urls, text }) => {
        const notes = await notesForPage(await store.database(), urls);
        return notes.flatMap((note) => {
          const found = note.target && anchorQuote(text, { quote: note.target.quote, ...(note.target.position && { position: note.target.position }) });
          return found ? [{ id: note.id, start: found.start, end: found.end, method: found.method }] : [];
        });
      },
      'note:prefill': async ({ text, lang }, sender) => {
        const inSelection = (await lexicon.matcherFor(text)).findMentions(text).map((m) => m.actor);
        const report = sender.tab?.id === undefined ? undefined : pages.get(sender.tab.id);
        const onPage = report?.actors.map((a) => a.actor) ?? [];
        const named = new Set(inSelection);
        const keys = [...new Set([...named, ...onPage])].slice(0, Math.max(named.size, PREFILLED_ACTORS));
        return { named: named.size, actors: await describeActors(await store.database(), keys, lang) };
      },
      'compose:open': ({ tabId, mode }) => composeInTab(tabId, mode),
      'card-ui:load': (_payload, sender) => loadCardUi(sender),
      'note:save': async ({ note }) => {
        const saved = await saveNote(await store.database(), note, Date.now(), newNoteId);
        await readerChanged('notes');
        return saved;
      },
      'note:delete': async ({ id }) => {
        const deleted = await deleteNote(await store.database(), id);
        if (deleted) await readerChanged('notes');
        return deleted ?? null;
      },
      'note:restore': async ({ note }) => {
        await restoreNote(await store.database(), note);
        await readerChanged('notes');
        return null;
      },
      'notes:import': async ({ notes, actors }) => {
        const outcome = await importReaderData(await store.database(), notes, actors);
        await readerChanged('notes');
        if (outcome.actorsAdded > 0) await readerChanged('actors');
        return outcome;
      },
      'notes:clear': async () => {
        const removed = await clearNotes(await store.database());
        await readerChanged('notes');
        return { removed };
      },
      'actors:search': async ({ query, lang, limit }) => searchActors(await store.database(), query, lang, limit),
      'actors:describe': async ({ keys, lang }) => describeActors(await store.database(), keys, lang),
      'actor:follow': async (request) => {
        const actor = await followName(await store.database(), request, Date.now(), randomSuffix);
        await readerChanged('actors');
        return { actor: actorKey(READER_PACK_ID, actor.id) };
      },
      'actor:update': async ({ id, ...request }) => {
        const actor = await updateReaderActor(await store.database(), id, request, Date.now());
        if (actor) await readerChanged('actors');
        return actor ?? null;
      },
      'actor:unfollow': async ({ id }) => {
        const actor = await unfollow(await store.database(), id);
        if (actor) await readerChanged('actors');
        return actor ?? null;
      },
    },
    toErrorReply: (error): Reply<never> => {
      diagnostics.record(error);
      const code = error instanceof StoreUnavailableError ? 'store-unavailable' : 'internal';
      return { ok: false, error: { code, message: describe(error) } };
    },
  });

  // sendResponse + `return true` rather than a returned promise: the one form both browsers honour.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void route(message, sender).then(sendResponse);
    return true;
  });

  // A content script's start: the lexicon's head sent on its port, a large filter in pieces posted at once
  // (lib/match/lexicon.ts headMessages). Checked as `lexicon:head` is; the port carries nothing else.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LEXICON_HEAD_PORT) return;
    if (!port.sender || !mayAsk('lexicon:head', senderKind(port.sender))) {
      port.disconnect();
      return;
    }
    lexicon.head().then(
      (head) => {
        try {
          for (const message of headMessages(head)) port.postMessage(message);
        } catch {
          // The page went away meanwhile: its port is closed, nobody waits.
        }
      },
      // The page asks again by message, which reports the error.
      () => port.disconnect(),
    );
  });

  /**
   * Must stay synchronous up to the open call: Chrome keeps the content script's user gesture only
   * through a handler that has not awaited yet. Firefox never passes a page's gesture on to the
   * background (docs/browser-quirks.md #19), so there a closed sidebar gives way to a small window.
   */
  function openTimeline(actor: ActorKey, sender: Browser.runtime.MessageSender) {
    const focus = writeItem(focusItem, { actor, at: Date.now() });
    const tabId = sender.tab?.id;
    const opening: Promise<'side-panel' | 'sidebar'> = import.meta.env.FIREFOX
      ? openFirefoxSidebar(sender.tab?.windowId)
      : tabId !== undefined
        ? browser.sidePanel.open({ tabId }).then(() => 'side-panel' as const)
        : Promise.reject(new Error('no tab to open the side panel in'));
    return opening
      .catch(async () => {
        await browser.windows.create({ url: browser.runtime.getURL(`/sidepanel.html?actor=${encodeURIComponent(actor)}${tabId !== undefined ? `&tab=${tabId}` : ''}`), type: 'popup', width: 420, height: 720 });
        return 'window' as const;
      })
      .then(async (opened) => (await focus, { opened }));
  }

  /** An open sidebar follows the focus by itself; a closed one can only be opened by a user action. */
  async function openFirefoxSidebar(windowId: number | undefined): Promise<'sidebar'> {
    const sidebarAction = firefoxSidebar();
    if (!(await sidebarAction.isOpen(windowId === undefined ? {} : { windowId }))) await sidebarAction.open();
    return 'sidebar';
  }

  /**
   * The note forms live in the composer (entrypoints/composer), loaded into the tab's top frame when the
   * reader asks for a form rather than carried by every page's content script (decisions §21).
   */
  async function composeInTab(tabId: number, mode: 'note' | 'follow') {
    await injectIntoTopFrame(tabId, '/composer.js');
    return requestTab(tabId, 'note:compose', { mode });
  }

  /**
   * The hover card's UI (entrypoints/card-ui), loaded into the asking content script's own tab when its
   * first card is about to be needed rather than carried by every page's content script (decisions §32).
   * Only a content script in a top frame may ask (SENDER_RULES); Chrome names its document, so a page
   * that has meanwhile navigated away does not receive it.
   */
  async function loadCardUi(sender: Browser.runtime.MessageSender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Error('the card UI loads into a tab');
    await injectIntoTopFrame(tabId, '/card-ui.js', sender.documentId);
    return null;
  }

  /** Runs one of our unlisted scripts in a tab's top frame (the document `documentId`, where the browser tells it). */
  async function injectIntoTopFrame(tabId: number, file: '/composer.js' | '/card-ui.js', documentId?: string) {
    if (import.meta.env.MANIFEST_VERSION === 2) await browser.tabs.executeScript(tabId, { file, frameId: 0 });
    else await browser.scripting.executeScript({ target: documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] }, files: [file] });
  }

  /** The keyboard commands (wxt.config.ts), each one question to the active tab's content script. */
  const TAB_COMMANDS: Record<string, (tabId: number) => Promise<unknown>> = {
    'toggle-highlights': (tabId) => requestTab(tabId, 'highlights:toggle', {}),
    'next-mention': (tabId) => requestTab(tabId, 'mention:step', { direction: 1 }),
    'previous-mention': (tabId) => requestTab(tabId, 'mention:step', { direction: -1 }),
    'add-note': (tabId) => composeInTab(tabId, 'note'),
  };

  // The selection's context menu: the same forms as the keyboard command, in the tab's top frame.
  const MENU: Record<string, 'note' | 'follow'> = { 'backstory-add-note': 'note', 'backstory-follow-name': 'follow' };
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.removeAll().then(() => {
      browser.contextMenus.create({ id: 'backstory-add-note', title: browser.i18n.getMessage('menuAddNote'), contexts: ['selection'] });
      browser.contextMenus.create({ id: 'backstory-follow-name', title: browser.i18n.getMessage('menuFollowName'), contexts: ['selection'] });
    }, (error: unknown) => diagnostics.record(error));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const mode = Object.hasOwn(MENU, String(info.menuItemId)) ? MENU[String(info.menuItemId)] : undefined;
    // Sub-frames have no content script (top frame only): nothing to open there.
    if (!mode || tab?.id === undefined || (info.frameId ?? 0) !== 0) return;
    composeInTab(tab.id, mode).catch((error: unknown) => diagnostics.record(error));
  });

  browser.commands.onCommand.addListener(async (command) => {
    const send = Object.hasOwn(TAB_COMMANDS, command) ? TAB_COMMANDS[command] : undefined;
    if (!send) return;
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    // A tab without our content script (a browser page, a page loaded before the install) has nothing to do.
    if (tab?.id !== undefined) send(tab.id).catch(() => undefined);
  });

  // Install or update: write the built-in pack now rather than on the first request.
  browser.runtime.onInstalled.addListener(() => {
    store.database().catch((error: unknown) => diagnostics.record(error));
  });
});
