/**
 * The typed message maps, one per direction: content scripts and extension pages ask the background
 * (MessageMap), the background and extension pages ask a tab's content script (TabMessageMap). A message
 * that is not in its map does not compile; each type has a sender rule (who may ask) and a payload check,
 * and one that arrives from the wrong sender or malformed anyway (another version of the extension, a
 * bug, another extension) gets a clear error reply. No zod here: content scripts import this file, and
 * zod stays in the background (see ./requests.ts).
 */
import type { Catalogue } from '../i18n/catalogue';
import { isActorKey, type ActorKey } from '../pack/keys';
import type { LexiconHead, LexiconPart, PartAsk } from '../match';
import type { LexiconStatus } from '../store/lexicon-store';
import type { ActorKind, Certainty, RelationType } from '../pack/schema';
import type { InstallResult, PackSummary } from '../store/packs';
import type { PackProblem } from '../store/service';
import type { NoteRecord, ReaderActorRecord } from '../notes/model';
import type { ActorSuggestion, FollowRequest, NoteDraft } from '../store/reader';

export interface StatusReply {
  /** "degraded": the database is open and serving what it holds, but a built-in pack failed to install. */
  store: 'ready' | 'degraded' | 'unavailable';
  /** Why the store is unavailable, in words a person can act on. */
  problem?: string;
  /** When an unavailable store will next try to open the database (epoch ms). */
  retryAt?: number;
  packs: PackSummary[];
  lastInstall: readonly InstallResult[];
  /** Built-in packs failing to install, each with what is served meanwhile and when it is retried. */
  problems?: PackProblem[];
  /** The name lexicon of this worker life, once ready (lib/store/lexicon-store.ts). */
  lexicon?: LexiconStatus;
}

export interface DiagnosticEntry {
  at: number;
  message: string;
}

/**
 * At most this many distinct actors travel in a page report or a card request (the most mentioned
 * first): a long page names a few dozen; the cap bounds what the background stores per tab.
 */
export const MAX_PAGE_ACTORS = 2_000;

/** What a content script learned about its page: for ranking (hover card) and the side panel. */
export interface PageReport {
  url: string;
  title: string;
  /** The page's declared language ("" when it declares none). */
  lang: string;
  /** Publication day "YYYY-MM-DD", when the page says. */
  published?: string;
  canonical?: string;
  /** Actors found, with their mention counts, most mentioned first. */
  actors: { actor: ActorKey; count: number }[];
  /**
   * The reader's notes of this page and whether each one's passage was found (anchored) on it; the side
   * panel shows one that was not as orphaned, never drops it. Absent until the content script has tried.
   */
  notes?: { id: string; anchored: boolean }[];
}

/** What the hover card asks: an actor, and what the page tells about itself for ranking. */
export interface CardRequest {
  actor: ActorKey;
  /** The UI language: pack texts come back in it (English when the pack lacks it). */
  lang: string;
  /** The page's publication day, when it says; otherwise `today` (the reader's local day) is used. */
  published?: string;
  today: string;
  /** Actors named on the page. */
  pageActors: ActorKey[];
  /** How many events the card shows (the side panel shows all). */
  limit: number;
}

export interface CardSource {
  outlet: string;
  title: string;
  published: string;
  url?: string;
  /** The outlet this source relays, when it is a relay or translation. */
  via?: string;
  /** Verbatim evidence, at most 25 words, in the source's language; absent when the source is cited without a quote. */
  quote?: string;
  quoteLang: string;
}

export interface CardEvent {
  key: string;
  date: string;
  end?: string;
  title: string;
  summary: string;
  certainty: Certainty;
  /** Starts after the page's day: the article could not know it. */
  later: boolean;
  /** Names of the event's other actors that the page names too. */
  shared: string[];
  sources: CardSource[];
  /** The title of the pack the event comes from, when the card shows the same person from several packs. */
  pack?: string;
}

export interface CardActor {
  key: string;
  kind: ActorKind;
  name: string;
  /** What the pack's sources say this actor is. */
  role: string;
  /** What the pack knows from elsewhere, and when that was last true: the card shows it as such. */
  background?: { text: string; asOf: string };
  /** ISO 3166-1 alpha-2, or INT. */
  country: string;
  relations: { type: RelationType; actor: string; name: string; note?: string }[];
  /** A name the reader follows (no pack knows it): no role, no country, only the reader's notes. */
  own?: boolean;
}

/** One of the reader's notes as a card shows it. */
export interface CardNote {
  id: string;
  title: string;
  body: string;
  date?: string;
  certainty: Certainty;
  quote?: string;
  /** The page it was made on. */
  source?: string;
  pageTitle?: string;
}

/** A note of this page, with the names of its actors, for the content script to anchor and show. */
export interface PageNote extends NoteRecord {
  actorNames: string[];
}

/** Where a note's passage is in the page text the content script sent, and how it was found. */
export interface PageAnchor {
  id: string;
  start: number;
  end: number;
  method: 'exact' | 'position' | 'fuzzy';
}

/** What an import did: notes added, notes replaced by a newer copy, and notes kept because ours was newer. */
export interface ImportOutcome {
  added: number;
  updated: number;
  /** Ids whose stored copy was as new or newer than the file's: the stored one was kept. */
  keptNewer: string[];
  actorsAdded: number;
}

export interface CardReply {
  actor: CardActor;
  /** The day events were ranked against, and whether it is the page's own (else: today). */
  pageDay: string;
  pageDayKnown: boolean;
  /** The most relevant events, best first. */
  events: CardEvent[];
  /** How many events the actor has in all. */
  total: number;
  /** The latest event after the page's day, when the shown ones do not include it. */
  since?: CardEvent;
  /** How many of the actor's events are later than the page. */
  laterCount: number;
  /** The reader's own notes that name this actor, most recently edited first. */
  notes: CardNote[];
}

export interface MessageMap {
  /** The lexicon's head (lib/match/lexicon.ts): the filter a content script sieves its page with. */
  'lexicon:head': { request: Record<string, never>; response: LexiconHead };
  /** The lexicon's parts for the candidate words a page found; `stale` when its head is no longer current. */
  'lexicon:parts': { request: { stamp: string; asks: PartAsk[] }; response: { part: LexiconPart } | { stale: true } };
  /** A content script's page context and found actors; kept per tab. */
  'page:report': { request: PageReport; response: null };
  /** The content script's page stopped painting (switched off): forget what it reported. */
  'page:forget': { request: Record<string, never>; response: null };
  /** The last report of a tab (the active one when tabId is omitted). */
  'page:get': { request: { tabId?: number }; response: PageReport | null };
  /** Health of the background: is the database open, which packs are stored. */
  'status:get': { request: Record<string, never>; response: StatusReply };
  /** The installed packs with their counts, for the about/data section. */
  'packs:list': { request: Record<string, never>; response: PackSummary[] };
  /**
   * The options page's pack worker changed this pack (lib/store/pack-import-worker.ts: an import, a switch,
   * a removal, an undo): the background drops its name index and open tabs scan again. Changes nothing in
   * the database.
   */
  'pack:written': { request: { id: string }; response: null };
  /** The hover card's content: the actor and their events ranked for the page (null: unknown actor). */
  'card:get': { request: CardRequest; response: CardReply | null };
  /** Opens the side panel (Chrome) or sidebar (Firefox) on an actor's timeline; says how it was opened. */
  'timeline:open': { request: { actor: ActorKey }; response: { opened: 'side-panel' | 'sidebar' | 'window' } };
  /** Backstory's own texts in one language, for a language chosen in the options (browser.i18n cannot switch). */
  'i18n:catalogue': { request: { lang: 'en' | 'it' }; response: Catalogue };
  /** Errors the background caught since it started (uncaught errors and rejections included). */
  'diagnostics:get': { request: Record<string, never>; response: { errors: DiagnosticEntry[] } };
  /** The reader's notes made on a page (its URL and canonical URL), to anchor and paint. */
  'notes:page': { request: { urls: string[]; lang: string }; response: PageNote[] };
  /**
   * Finds the page's notes in its text (lib/anchor): here, not in the page, so the approximate search
   * neither weighs on the content script nor blocks the page. Orphaned notes are left out.
   */
  'notes:anchor': { request: { urls: string[]; text: string }; response: PageAnchor[] };
  /** The note form's starting actors: those named in the selected text, then the tab's most named. */
  'note:prefill': { request: { text: string; lang: string }; response: { named: number; actors: ActorSuggestion[] } };
  /**
   * Opens the note form (or the follow form) over a tab's selection: loads the composer into the tab's
   * top frame, then asks it (`note:compose`). The context menu and the keyboard command do the same.
   */
  'compose:open': { request: { tabId: number; mode: 'note' | 'follow' }; response: { opened: boolean; reason?: 'no-selection' } };
  /**
   * The content script's first card is about to be needed: load the card UI (entrypoints/card-ui) into
   * the sender's own tab and top frame. Resolves once it has run there.
   */
  'card-ui:load': { request: Record<string, never>; response: null };
  /** Creates a note, or replaces the one with the draft's id. */
  'note:save': { request: { note: NoteDraft }; response: NoteRecord };
  /** Deletes a note and returns it (null: there was none), for undo. */
  'note:delete': { request: { id: string }; response: NoteRecord | null };
  /** Undo of a delete. */
  'note:restore': { request: { note: NoteRecord }; response: null };
  /** Imports notes and followed names in one transaction (already parsed from a file by the options page). */
  'notes:import': { request: { notes: NoteRecord[]; actors: ReaderActorRecord[] }; response: ImportOutcome };
  /** Deletes every note (the options page asks first); returns how many. */
  'notes:clear': { request: Record<string, never>; response: { removed: number } };
  /** Actors whose name or alias starts with the typed text, case- and accent-blind. */
  'actors:search': { request: { query: string; lang: string; limit: number }; response: ActorSuggestion[] };
  /** Names and kinds of actors by key (the note form's prefilled actors); unknown keys are left out. */
  'actors:describe': { request: { keys: ActorKey[]; lang: string }; response: ActorSuggestion[] };
  /** Follows a name: a new actor of the reader's own, highlighted on every page at once. */
  'actor:follow': { request: FollowRequest; response: { actor: ActorKey } };
  /** Edits a followed name (name, kind, other spellings). */
  'actor:update': { request: FollowRequest & { id: string }; response: ReaderActorRecord | null };
  /** Stops following a name; returns it for undo (null: there was none). */
  'actor:unfollow': { request: { id: string }; response: ReaderActorRecord | null };
}

/** Messages the background and extension pages send to a tab's content script (the other direction). */
export interface TabMessageMap {
  /** The popup: which site this tab shows (the content script runs on http/https pages only). */
  'page:site': { request: Record<string, never>; response: { host: string } };
  /** The keyboard command: show or hide this page's highlights. */
  'highlights:toggle': { request: Record<string, never>; response: { painting: boolean } };
  /** The keyboard commands: move to the next or previous mention and open its card, focus inside. */
  'mention:step': { request: { direction: 1 | -1 }; response: { actor: ActorKey | null } };
  /** The side panel's "on this page" list: scroll to the actor's next mention and flash it. */
  'mention:reveal': { request: { actor: ActorKey }; response: { found: boolean } };
  /**
   * The context menu and the keyboard command: open the note form (or the follow form) on the page's
   * current selection. `opened` false with the reason when there is nothing selected to write about.
   */
  'note:compose': { request: { mode: 'note' | 'follow' }; response: { opened: boolean; reason?: 'no-selection' } };
  /** The side panel's "show on page": scroll to a note's passage and flash it (false: orphaned or not here). */
  'note:reveal': { request: { id: string }; response: { found: boolean } };
}

/** What the content script answers in a tab; the rest is the composer's (entrypoints/composer), loaded on demand. */
export type PageTabMessageMap = Omit<TabMessageMap, 'note:compose'>;
export type ComposerTabMessageMap = Pick<TabMessageMap, 'note:compose'>;

/**
 * Whether a message is one `handlers` answer. Two of our scripts can listen in one page (the content
 * script and the composer): each leaves the other's messages unanswered instead of replying "unknown".
 */
export function answers(handlers: object, message: unknown): boolean {
  return typeof message === 'object' && message !== null && typeof (message as Envelope).type === 'string' && Object.hasOwn(handlers, (message as Envelope).type);
}

/** A message map: each type's request and response. */
type MapShape<M> = { [K in keyof M]: { request: unknown; response: unknown } };

export type MessageType = keyof MessageMap & string;
export type TabMessageType = keyof TabMessageMap & string;
export type RequestOf<K extends MessageType> = MessageMap[K]['request'];
export type ResponseOf<K extends MessageType> = MessageMap[K]['response'];

export interface Envelope<K extends string = string> {
  type: K;
  payload: unknown;
}

export type ErrorCode = 'bad-request' | 'unknown-type' | 'forbidden' | 'store-unavailable' | 'internal' | 'no-reply';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export class MessageError extends Error {
  override name = 'MessageError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Who sent a message, as the browser vouches for it (never as the message says): one of our extension
 * pages (popup, options, side panel, background), our content script in a tab's top frame, or anyone
 * else (another extension, a sub-frame, a context we cannot place), which is refused everything.
 */
export type SenderKind = 'extension-page' | 'top-frame' | 'other';
export type SenderRule = 'extension-page' | 'top-frame' | 'extension-page-or-top-frame';

/** The parts of runtime.MessageSender the rules read. */
export interface SenderFacts {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/** `ours`: our extension id and origin ("chrome-extension://<id>/", "moz-extension://<uuid>/"). */
export function classifySender(sender: SenderFacts, ours: { id: string; origin: string }): SenderKind {
  if (sender.id !== ours.id) return 'other';
  // Content scripts always come with their tab; a context of ours without a tab is a page or the background.
  if (sender.url?.startsWith(ours.origin) || sender.tab === undefined) return 'extension-page';
  if (sender.tab?.id !== undefined && sender.frameId === 0) return 'top-frame';
  return 'other';
}

/** Who may ask the background what. Keyed by the map: a new message type without a rule fails to compile. */
export const SENDER_RULES: { [K in MessageType]: SenderRule } = {
  'lexicon:head': 'extension-page-or-top-frame',
  'lexicon:parts': 'extension-page-or-top-frame',
  'card:get': 'extension-page-or-top-frame',
  'i18n:catalogue': 'extension-page-or-top-frame',
  'page:report': 'top-frame',
  'page:forget': 'top-frame',
  'timeline:open': 'top-frame',
  'page:get': 'extension-page',
  'status:get': 'extension-page',
  'packs:list': 'extension-page',
  'diagnostics:get': 'extension-page',
  // Packs change what every page shows: only Backstory's own pages (the options page) may change them.
  'pack:written': 'extension-page',
  'notes:page': 'extension-page-or-top-frame',
  'notes:anchor': 'top-frame',
  'note:prefill': 'top-frame',
  'compose:open': 'extension-page',
  'card-ui:load': 'top-frame',
  'note:save': 'extension-page-or-top-frame',
  'actors:search': 'extension-page-or-top-frame',
  'actors:describe': 'extension-page-or-top-frame',
  'actor:follow': 'extension-page-or-top-frame',
  'note:delete': 'extension-page',
  'note:restore': 'extension-page',
  'notes:import': 'extension-page',
  'notes:clear': 'extension-page',
  'actor:update': 'extension-page',
  'actor:unfollow': 'extension-page',
};

/** A tab hears only our own extension pages and background. */
export const TAB_SENDER_RULES: { [K in TabMessageType]: SenderRule } = {
  'page:site': 'extension-page',
  'highlights:toggle': 'extension-page',
  'mention:step': 'extension-page',
  'mention:reveal': 'extension-page',
  'note:compose': 'extension-page',
  'note:reveal': 'extension-page',
};

/** The content script's checks of what it is asked (no zod on the page side: see the file's header). */
export const TAB_CHECKS: { [K in TabMessageType]: PayloadCheck } = {
  'page:site': isEmpty,
  'highlights:toggle': isEmpty,
  'mention:step': (payload) => {
    const direction = (payload as { direction?: unknown } | undefined)?.direction;
    return direction === 1 || direction === -1 ? { ok: true, value: { direction } } : { ok: false, message: 'direction must be 1 or -1' };
  },
  'mention:reveal': (payload) => {
    const actor = (payload as { actor?: unknown } | undefined)?.actor;
    return isActorKey(actor) ? { ok: true, value: { actor } } : { ok: false, message: 'actor must be a "packId/actorId" key' };
  },
  'note:compose': (payload) => {
    const mode = (payload as { mode?: unknown } | undefined)?.mode;
    return mode === 'note' || mode === 'follow' ? { ok: true, value: { mode } } : { ok: false, message: 'mode must be "note" or "follow"' };
  },
  'note:reveal': (payload) => {
    const id = (payload as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' && id.length > 0 && id.length <= 2048 ? { ok: true, value: { id } } : { ok: false, message: 'id must be a note id' };
  },
};

function isEmpty(payload: unknown): ReturnType<PayloadCheck> {
  return payload === undefined || (typeof payload === 'object' && payload !== null && Object.keys(payload).length === 0)
    ? { ok: true, value: {} }
    : { ok: false, message: 'expected an empty payload' };
}

/**
 * The port a content script opens at its start to be sent the lexicon's head (lib/match/lexicon.ts
 * headMessages): a large head comes in pieces sent at once, with no round trip per piece. The background
 * answers only senders `lexicon:head`'s rule allows (mayAsk), and disconnects the others.
 */
export const LEXICON_HEAD_PORT = 'backstory:lexicon-head';

/** Whether `sender` may ask `type`: the router's rule, for what does not go through it (a port). */
export const mayAsk = (type: MessageType, sender: SenderKind): boolean => ruleAllows(SENDER_RULES[type], sender);

/** The one test of a sender against a rule: the router's, and a port's through mayAsk. */
const ruleAllows = (rule: SenderRule, sender: SenderKind): boolean => RULE_ALLOWS[rule].includes(sender);

const RULE_ALLOWS: Record<SenderRule, readonly SenderKind[]> = {
  'extension-page': ['extension-page'],
  'top-frame': ['top-frame'],
  'extension-page-or-top-frame': ['extension-page', 'top-frame'],
};

const RULE_WORDS: Record<SenderRule, string> = {
  'extension-page': "Backstory's own pages",
  'top-frame': "Backstory's content script in a tab's top frame",
  'extension-page-or-top-frame': "Backstory's own pages and its content script in a tab's top frame",
};

const SENDER_WORDS: Record<SenderKind, string> = {
  'extension-page': 'one of its pages',
  'top-frame': "a tab's top frame",
  other: 'a sender Backstory does not know',
};

function isReply(value: unknown): value is Reply<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** Chrome says this while a killed service worker is being restarted; one retry covers the race. */
const WORKER_STARTING = /Receiving end does not exist|Could not establish connection/i;

/**
 * The typed request function for one direction. `retryDelayMs`: retry once, after that long, when
 * the receiver is not there yet (the background's worker restarting); a tab without our content
 * script is simply not there, so tab clients do not retry.
 */
export function createClient<M extends MapShape<M> = MessageMap>(send: (envelope: Envelope) => Promise<unknown>, retryDelayMs?: number) {
  return async function request<K extends keyof M & string>(type: K, payload: M[K]['request']): Promise<M[K]['response']> {
    let reply: unknown;
    try {
      reply = await send({ type, payload });
    } catch (error) {
      if (retryDelayMs === undefined || !WORKER_STARTING.test(String(error))) throw new MessageError('no-reply', String(error));
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      reply = await send({ type, payload });
    }
    if (!isReply(reply)) throw new MessageError('no-reply', `No answer to "${type}".`);
    if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message);
    return reply.value as M[K]['response'];
  };
}

/** The background's client: retries once while a stopped service worker starts again. */
export const createBackgroundClient = (send: (envelope: Envelope) => Promise<unknown>) => createClient<MessageMap>(send, 100);

/** A client for one tab's content script (top frame only). */
export function createTabClient(send: (tabId: number, envelope: Envelope) => Promise<unknown>) {
  return <K extends TabMessageType>(tabId: number, type: K, payload: TabMessageMap[K]['request']) =>
    createClient<TabMessageMap>((envelope) => send(tabId, envelope))(type, payload);
}

export type Handlers<Context, M extends MapShape<M> = MessageMap> = {
  [K in keyof M & string]: (payload: M[K]['request'], context: Context) => Promise<M[K]['response']> | M[K]['response'];
};

/** Checks a payload; returns the parsed value or a message saying what is wrong. */
export type PayloadCheck = (payload: unknown) => { ok: true; value: unknown } | { ok: false; message: string };

export interface RouterOptions<Context, M extends MapShape<M>> {
  handlers: Handlers<Context, M>;
  checks: { [K in keyof M & string]: PayloadCheck };
  rules: { [K in keyof M & string]: SenderRule };
  /** Who sent it, from the browser's sender (see classifySender). */
  senderOf(context: Context): SenderKind;
  toErrorReply?: (error: unknown) => Reply<never>;
}

/**
 * Turns handlers into one function for runtime.onMessage. Never throws and always answers, so the
 * sender's promise settles with either a value or an error it can show. The sender is checked before
 * the payload: a question from the wrong place is refused without reading it.
 */
export function createRouter<Context, M extends MapShape<M> = MessageMap>({ handlers, checks, rules, senderOf, toErrorReply = internalError }: RouterOptions<Context, M>) {
  return async function route(message: unknown, context: Context): Promise<Reply<unknown>> {
    if (typeof message !== 'object' || message === null || typeof (message as Envelope).type !== 'string')
      return fail('bad-request', 'A message must be an object with a string "type".');
    const { type, payload } = message as { type: string; payload?: unknown };
    if (!Object.hasOwn(handlers, type)) return fail('unknown-type', `Unknown message type "${type.slice(0, 60)}".`);
    const key = type as keyof M & string;
    const sender = senderOf(context);
    if (!ruleAllows(rules[key], sender))
      return fail('forbidden', `"${key}" is answered for ${RULE_WORDS[rules[key]]} only, and this came from ${SENDER_WORDS[sender]}.`);
    const checked = checks[key](payload);
    if (!checked.ok) return fail('bad-request', `Malformed "${key}" message: ${checked.message}`);
    try {
      const handler = handlers[key] as (p: unknown, c: Context) => Promise<unknown> | unknown;
      return { ok: true, value: await handler(checked.value, context) };
    } catch (error) {
      return toErrorReply(error);
    }
  };
}

function fail(code: ErrorCode, message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}

function internalError(error: unknown): Reply<never> {
  return fail('internal', error instanceof Error ? error.message : String(error));
}
