/**
 * The reader's own data: notes anchored to a passage of a page (each one an event of the reader's own
 * timeline) and the names the reader chose to follow (actors of the reader's own). Shapes only; the
 * database tables are in lib/store/database.ts, the W3C Web Annotation mapping in ./web-annotation.ts.
 */
import type { ActorKey } from '../pack/keys';
import type { ActorKind, Certainty } from '../pack/schema';

/**
 * Lengths the background accepts for the reader's data (lib/notes/schema.ts checks them with zod). Here,
 * in a module without zod, so the content script and the side panel can read the same numbers.
 */
export const NOTE_LIMITS = { title: 300, body: 20_000, quote: 5_000, context: 200, url: 2_048, actors: 50, spellings: 20, name: 200 } as const;

/** A page's text sent for anchoring its notes: beyond this (a book-length page) its notes stay orphaned. */
export const MAX_ANCHOR_TEXT = 4_000_000;

/** The pack id of the reader's own actors: "reader/<id>" keys. No pack may claim it. */
export const READER_PACK_ID = 'reader';

/** W3C Web Annotation TextQuoteSelector: the passage with a little of the text around it. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C Web Annotation TextPositionSelector: offsets into the page's text (lib/anchor/page-text.ts). */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** Where a note was made: the page and the passage. */
export interface NoteTarget {
  /** The page's URL as the reader saw it. */
  source: string;
  /** The page's canonical URL, when it declares one. */
  canonical?: string;
  /** The page's title when the note was made. */
  pageTitle: string;
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
}

export type NoteCertainty = Certainty;

/** A note: what the reader wrote about a passage, dated and linked to actors like a pack event. */
export interface NoteRecord {
  /** A URN ("urn:uuid:…") for notes made here; an imported annotation keeps its own IRI. */
  id: string;
  title: string;
  /** Free text. */
  body: string;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD": the length is the precision (lib/pack/dates.ts). */
  date?: string;
  certainty: NoteCertainty;
  actorIds: ActorKey[];
  /** Absent for a note that was never made on a page (a v1 note without a URL). */
  target?: NoteTarget;
  /** pageKey() of the source and canonical URLs: finds a page's notes in one indexed query. */
  pageKeys: string[];
  createdAt: number;
  updatedAt: number;
}

/** A name the reader follows: an actor of the reader's own, highlighted like a pack's. */
export interface ReaderActorRecord {
  /** A slug; the actor's key is "reader/<id>". */
  id: string;
  kind: ActorKind;
  name: string;
  /** Other spellings the reader added. */
  spellings: string[];
  /** looseName() of the name and every spelling, also from each later word on (lib/store/reader.ts). */
  aliasKeys: string[];
  createdAt: number;
  updatedAt: number;
}

/**
 * The key under which a page's notes are filed: the URL without its fragment, tracking parameters
 * ("utm_*", "fbclid", "gclid") or a trailing slash, host in lower case. Undefined for what is not an
 * http(s) URL.
 */
export function pageKey(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()])
    if (/^utm_/i.test(name) || name === 'fbclid' || name === 'gclid') parsed.searchParams.delete(name);
  parsed.searchParams.sort();
  const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : parsed.pathname;
  return `${parsed.protocol}//${parsed.host.toLowerCase()}${path}${parsed.search}`;
}

/** The page keys of a target: its source and canonical URLs, once each. */
export function pageKeysOf(target: Pick<NoteTarget, 'source' | 'canonical'> | undefined): string[] {
  if (!target) return [];
  return [...new Set([target.source, target.canonical].flatMap((url) => (url ? (pageKey(url) ?? []) : [])))];
}
