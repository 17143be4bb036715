/**
 * The reader's own notes and followed names as a knowledge pack (`backstory-pack/1`, lib/pack/schema.ts),
 * to give to someone else, who installs it like any pack. Pure; the result passes lib/pack/validate.ts
 * (tests/unit/web-annotation.test.ts checks it).
 *
 * What a pack can say is narrower than a note, so some of it stays behind, counted in `left`:
 * - a pack's event cites a source (the page a note quotes), so a note made on no page is left out;
 * - an event names the pack's own actors, so a note about no followed name is left out, and a note's
 *   links to other packs' actors are dropped (their names are listed in `left.otherNames`);
 * - a pack's text is in English and Italian: the reader's words are used for both.
 */
import type { ActorKey } from '../pack/keys';
import { canBeOnOrBefore, parsePartialDate } from '../pack/dates';
import { PACK_FORMAT, type Actor, type Event, type Pack, type Source } from '../pack/schema';
import { pageKey, READER_PACK_ID, type NoteRecord, type ReaderActorRecord, type TextQuoteSelector } from './model';

export const READER_PACK_DEFAULT_ID = 'my-notes';
/** A pack quote is evidence, not content: at most this many words (lib/pack/schema.ts, Quote). */
const QUOTE_WORDS = 25;
/** Words of context taken on each side of a passage too short to be a quote by itself. */
const CONTEXT_WORDS = 6;

export interface ReaderPackLeft {
  /** Notes made on no page: nothing to cite. */
  noPage: number;
  /** Notes about none of the followed names. */
  noName: number;
  /** Notes whose passage, even with its context, is under the three characters a quote needs. */
  noQuote: number;
  /** Names from other packs that exported notes link to, left out of the pack. */
  otherNames: string[];
}

export type ReaderPackResult =
  | { ok: true; pack: Pack; left: ReaderPackLeft }
  | { ok: false; reason: 'no-names' | 'no-notes'; left: ReaderPackLeft };

const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const both = (text: string) => ({ en: text, it: text });
const words = (text: string) => text.trim().split(/\s+/u).filter(Boolean);

/** FNV-1a, 32 bits, as hex: a short stable slug part for an id that is not one. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** "urn:uuid:<uuid>" keeps its uuid ("note-0f3c…"); any other IRI becomes a hash of itself. */
function eventSlug(noteId: string): string {
  const uuid = /^urn:uuid:([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})$/i.exec(noteId)?.[1];
  return `note-${uuid ? uuid.toLowerCase() : hash(noteId)}`;
}

/**
 * The quote a pack may carry for a passage. A quote must be verbatim and at most 25 words, so a longer
 * passage is cut after its 25th word, with no ellipsis (an added "…" would not be in the page, and a
 * pack's quotes are checked verbatim against the source); runs of spaces become one, which the
 * verbatim check allows. A passage under three characters ("EU") is read with a few words of its
 * context on each side, which are verbatim too (prefix, passage and suffix are one run of the page's
 * text). Undefined when even that is too short: the note is left out.
 */
export function packQuote(quote: TextQuoteSelector): string | undefined {
  let text = quote.exact;
  if (text.trim().length < 3) {
    // Whole words only, joined to the passage as the page joins them ("(EU)" stays "(EU)").
    const before = new RegExp(`(?<!\\S)(?:\\S+\\s+){0,${CONTEXT_WORDS}}\\S*$`, 'u').exec(quote.prefix)?.[0] ?? '';
    const after = new RegExp(`^\\S*(?:\\s+\\S+){0,${CONTEXT_WORDS}}`, 'u').exec(quote.suffix)?.[0] ?? '';
    text = `${before}${quote.exact}${after}`;
  }
  const cut = words(text).slice(0, QUOTE_WORDS).join(' ');
  return cut.length >= 3 ? cut : undefined;
}

function packActor(actor: ReaderActorRecord): Actor {
  return {
    id: actor.id,
    kind: actor.kind,
    name: both(actor.name),
    // The reader says nothing of what a name is: a fixed line, in both languages.
    role: { en: 'A name I follow', it: 'Un nome che seguo' },
    // Nor where it is from. The format has no "unknown" country; INT (international) is the nearest.
    country: 'INT',
    aliases: [actor.name, ...actor.spellings].map((text) => ({
      text,
      // The same guess the matcher makes for a followed name (lib/store/reader.ts, readerMatcherActor).
      lang: /\p{Script=Cyrillic}/u.test(text) ? 'ru' : 'en',
      part: 'full' as const,
      caseSensitive: false,
      inflect: true,
      forms: [],
      notWhenPartOf: [],
    })),
    relations: [],
  };
}

/**
 * A pack of the followed names (all of them, noted or not) and of the notes that can be events: made on
 * a page, about at least one followed name, with a quotable passage. Each page is one source. A page's
 * publication day is not known; the day of the first note made on it stands in (the page was out by
 * then), and an undated note is dated by it too. A note dated after it (something announced) is tagged
 * "planned", as a pack author would.
 */
export function readerPack(
  notes: readonly NoteRecord[],
  actors: readonly ReaderActorRecord[],
  names: ReadonlyMap<string, string>,
  now: number,
  { id = READER_PACK_DEFAULT_ID }: { id?: string } = {},
): ReaderPackResult {
  const left: ReaderPackLeft = { noPage: 0, noName: 0, noQuote: 0, otherNames: [] };
  const followed = new Set(actors.map((a) => a.id));
  const otherNames = new Set<string>();
  const sources = new Map<string, Source & { firstSeen: number }>();
  const events: Event[] = [];
  const eventIds = new Set<string>();

  const ordered = [...notes].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const usable = ordered.flatMap((note) => {
    const target = note.target;
    if (!target) return left.noPage++, [];
    const own: string[] = [];
    for (const key of note.actorIds as ActorKey[]) {
      const slash = key.indexOf('/');
      if (key.slice(0, slash) === READER_PACK_ID && followed.has(key.slice(slash + 1))) own.push(key.slice(slash + 1));
      else if (key.slice(0, slash) !== READER_PACK_ID) otherNames.add(names.get(key) ?? key);
    }
    if (own.length === 0) return left.noName++, [];
    const quote = packQuote(target.quote);
    if (!quote) return left.noQuote++, [];
    return [{ note, target, own: [...new Set(own)], quote }];
  });

  for (const { note, target } of usable) {
    const url = target.canonical ?? target.source;
    const key = pageKey(url) ?? url;
    if (sources.has(key)) continue;
    const host = new URL(url).hostname.replace(/^www\./, '');
    sources.set(key, {
      id: `page-${hash(key)}`,
      outlet: host,
      title: target.pageTitle.trim() || url,
      published: utcDay(note.createdAt),
      // The page's language is not recorded with a note: "und" is BCP 47's "undetermined".
      language: 'und',
      kind: 'news',
      url,
      firstSeen: note.createdAt,
    });
  }

  for (const { note, target, own, quote } of usable) {
    const url = target.canonical ?? target.source;
    const source = sources.get(pageKey(url) ?? url)!;
    const date = note.date && parsePartialDate(note.date) ? note.date : source.published;
    let slug = eventSlug(note.id);
    for (let n = 2; eventIds.has(slug); n++) slug = `${eventSlug(note.id)}-${n}`;
    eventIds.add(slug);
    events.push({
      id: slug,
      date,
      title: both(note.title.trim()),
      summary: both(note.body.trim() || note.title.trim()),
      actors: own.map((actor) => ({ actor, role: 'subject' })),
      tags: canBeOnOrBefore(date, source.published) ? [] : ['planned'],
      certainty: note.certainty,
      sources: [{ source: source.id, quote }],
    });
  }

  left.otherNames = [...otherNames].sort();
  if (actors.length === 0) return { ok: false, reason: 'no-names', left };
  if (events.length === 0) return { ok: false, reason: 'no-notes', left };
  const packActors = actors.map(packActor);
  const languages = [...new Set(packActors.flatMap((a) => a.aliases.map((alias) => alias.lang)))].sort();
  const day = utcDay(now);
  const time = new Date(now);
  return {
    ok: true,
    left,
    pack: {
      format: PACK_FORMAT,
      id,
      // A new version at each export (date and minute, UTC), so installing a later export replaces the earlier.
      version: `1.${day.replaceAll('-', '')}.${time.getUTCHours() * 60 + time.getUTCMinutes()}`,
      title: { en: 'My notes from Backstory', it: 'Le mie note da Backstory' },
      description: {
        en: `${events.length} notes about ${actors.length} names, exported on ${day}.`,
        it: `${events.length} note su ${actors.length} nomi, esportate il ${day}.`,
      },
      languages,
      attribution: "A reader's own notes, made with Backstory",
      licence: 'Not stated: ask the author before sharing further',
      sources: [...sources.values()].map(({ firstSeen: _, ...source }) => source),
      actors: packActors,
      events,
    },
  };
}
