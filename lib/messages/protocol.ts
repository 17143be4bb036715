/**
 * The one typed message map between content scripts / extension pages and the background. A message
 * that is not in the map does not compile; one that arrives malformed anyway (another version of the
 * extension, a bug, a hostile page script that reached a content script) gets a clear error reply.
 * No zod here: content scripts import this file, and zod stays in the background (see ./requests.ts).
 */
import type { Catalogue } from '../i18n/catalogue';
import type { MatcherIndex } from '../match';
import type { ActorKind, Certainty, RelationType } from '../pack/schema';
import type { InstallResult, PackSummary } from '../store/packs';
import type { PackProblem } from '../store/service';

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
}

export interface DiagnosticEntry {
  at: number;
  message: string;
}

/** What a content script learned about its page: for ranking (hover card) and the side panel. */
export interface PageReport {
  url: string;
  title: string;
  /** The page's declared language ("" when it declares none). */
  lang: string;
  /** Publication day "YYYY-MM-DD", when the page says. */
  published?: string;
  canonical?: string;
  /** Actors found ("packId/actorId") with their mention counts, most mentioned first. */
  actors: { actor: string; count: number }[];
}

export interface MatcherReply {
  index: MatcherIndex;
  /** Actor kind per key, which picks the highlight style. */
  kinds: Record<string, 'person' | 'organization'>;
}

/** What the hover card asks: an actor, and what the page tells about itself for ranking. */
export interface CardRequest {
  /** "packId/actorId". */
  actor: string;
  /** The UI language: pack texts come back in it (English when the pack lacks it). */
  lang: string;
  /** The page's publication day, when it says; otherwise `today` (the reader's local day) is used. */
  published?: string;
  today: string;
  /** Actor keys named on the page. */
  pageActors: string[];
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
  /** Verbatim evidence, at most 25 words, in the source's language. */
  quote: string;
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
}

export interface CardActor {
  key: string;
  kind: ActorKind;
  name: string;
  role: string;
  /** ISO 3166-1 alpha-2, or INT. */
  country: string;
  relations: { type: RelationType; actor: string; name: string; note?: string }[];
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
}

export interface MessageMap {
  /** The compiled name index of every installed pack, for a content script to scan its page. */
  'matcher:get': { request: Record<string, never>; response: MatcherReply };
  /** A content script's page context and found actors; kept per tab. */
  'page:report': { request: PageReport; response: null };
  /** The last report of a tab (the active one when tabId is omitted). */
  'page:get': { request: { tabId?: number }; response: PageReport | null };
  /** Health of the background: is the database open, which packs are stored. */
  'status:get': { request: Record<string, never>; response: StatusReply };
  /** The installed packs with their counts, for the about/data section. */
  'packs:list': { request: Record<string, never>; response: PackSummary[] };
  /** The hover card's content: the actor and their events ranked for the page (null: unknown actor). */
  'card:get': { request: CardRequest; response: CardReply | null };
  /** Opens the side panel (Chrome) or sidebar (Firefox) on an actor's timeline; says how it was opened. */
  'timeline:open': { request: { actor: string }; response: { opened: 'side-panel' | 'sidebar' | 'window' } };
  /** Backstory's own texts in one language, for a language chosen in the options (browser.i18n cannot switch). */
  'i18n:catalogue': { request: { lang: 'en' | 'it' }; response: Catalogue };
  /** Errors the background caught since it started (uncaught errors and rejections included). */
  'diagnostics:get': { request: Record<string, never>; response: { errors: DiagnosticEntry[] } };
}

/** Messages the background sends to a tab's content script (the other direction). */
export interface TabMessageMap {
  /** The keyboard command: show or hide this page's highlights. */
  'highlights:toggle': { request: Record<string, never>; response: { painting: boolean } };
  /** The keyboard commands: move to the next or previous mention and open its card, focus inside. */
  'mention:step': { request: { direction: 1 | -1 }; response: { actor: string | null } };
  /** The side panel's "on this page" list: scroll to the actor's next mention and flash it. */
  'mention:reveal': { request: { actor: string }; response: { found: boolean } };
}

export type MessageType = keyof MessageMap;
export type RequestOf<K extends MessageType> = MessageMap[K]['request'];
export type ResponseOf<K extends MessageType> = MessageMap[K]['response'];

export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  payload: RequestOf<K>;
}

export type ErrorCode = 'bad-request' | 'unknown-type' | 'store-unavailable' | 'internal' | 'no-reply';

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

function isReply(value: unknown): value is Reply<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** Chrome says this while a killed service worker is being restarted; one retry covers the race. */
const WORKER_STARTING = /Receiving end does not exist|Could not establish connection/i;

export function createClient(send: (envelope: Envelope) => Promise<unknown>, retryDelayMs = 100) {
  return async function request<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
    let reply: unknown;
    try {
      reply = await send({ type, payload });
    } catch (error) {
      if (!WORKER_STARTING.test(String(error))) throw new MessageError('no-reply', String(error));
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      reply = await send({ type, payload });
    }
    if (!isReply(reply)) throw new MessageError('no-reply', `The background did not answer "${type}".`);
    if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message);
    return reply.value as ResponseOf<K>;
  };
}

export type Handlers<Context> = {
  [K in MessageType]: (payload: RequestOf<K>, context: Context) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

/** Checks a payload; returns the parsed value or a message saying what is wrong. */
export type PayloadCheck = (payload: unknown) => { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Turns handlers into one function for runtime.onMessage. Never throws and always answers, so the
 * sender's promise settles with either a value or an error it can show.
 */
export function createRouter<Context>(
  handlers: Handlers<Context>,
  checks: { [K in MessageType]: PayloadCheck },
  toErrorReply: (error: unknown) => Reply<never> = internalError,
) {
  return async function route(message: unknown, context: Context): Promise<Reply<unknown>> {
    if (typeof message !== 'object' || message === null || typeof (message as Envelope).type !== 'string')
      return fail('bad-request', 'A message must be an object with a string "type".');
    const { type, payload } = message as { type: string; payload?: unknown };
    if (!Object.hasOwn(handlers, type)) return fail('unknown-type', `Unknown message type "${type.slice(0, 60)}".`);
    const key = type as MessageType;
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
