/**
 * The hover card's content, read from the database: the actor in the reader's language, the relations
 * that explain them, and their events ranked for the page (lib/timeline/rank). One function so the
 * side panel's actor view can ask the same question with a larger limit.
 */
import type { CardEvent, CardNote, CardReply, CardRequest, CardSource } from '../messages/protocol';
import { READER_PACK_ID, type NoteRecord } from '../notes/model';
import { notesAbout } from './reader';
import { localized } from '../i18n/localized';
import { actorKey, packItemKey, parseActorKey } from '../pack/keys';
import { latestLater, rankEvents, type Ranked } from '../timeline/rank';
import type { BackstoryDatabase } from './database';
import type { ActorRecord, EventRecord, SourceRecord } from './records';


/** How many of the reader's notes a card shows (the side panel's timeline has them all). */
const CARD_NOTES = 5;

export async function cardFor(db: BackstoryDatabase, request: CardRequest): Promise<CardReply | null> {
  const { packId, actorId } = parseActorKey(request.actor) ?? { packId: '', actorId: '' };
  if (packId === READER_PACK_ID) return readerCard(db, request, actorId);
  // Asked at once beside the pack's rows: on a worker that just started, each store's first read is slow.
  const notes = notesAbout(db, request.actor);
  notes.catch(() => undefined);
  const actor = await db.actors.get([packId, actorId]);
  if (!actor) return null;
  const { lang } = request;

  const events = (await db.events.where('actorIds').equals(actorId).toArray()).filter((e) => e.packId === packId);
  const pageActors = new Set(request.pageActors.map(parseActorKey).flatMap((key) => (key?.packId === packId ? [key.actorId] : [])));
  const pageDay = request.published ?? request.today;
  const ranked = rankEvents(events, { actor: actorId, pageActors, pageDay });
  const shown = ranked.slice(0, request.limit);
  const latest = latestLater(ranked);
  const since = latest && !shown.includes(latest) ? latest : undefined;

  // Everything the card names, fetched once: related actors, shared actors, cited sources.
  const actorIds = new Set([...actor.relations.map((r) => r.actor), ...[...shown, ...(since ? [since] : [])].flatMap((r) => r.shared)]);
  const names = await namesOf(db, packId, actorIds, lang);
  const sourceIds = new Set([...shown, ...(since ? [since] : [])].flatMap((r) => r.event.sources.map((s) => s.source)));
  const sources = new Map(
    (await db.sources.bulkGet([...sourceIds].map((id): [string, string] => [packId, id])))
      .filter((s): s is SourceRecord => !!s)
      .map((s) => [s.id, s]),
  );

  const toCardEvent = (r: Ranked<EventRecord>): CardEvent => ({
    key: packItemKey(packId, r.event.id),
    date: r.event.date,
    ...(r.event.end && { end: r.event.end }),
    title: localized(r.event.title, lang),
    summary: localized(r.event.summary, lang),
    certainty: r.event.certainty,
    later: r.later,
    shared: r.shared.map((id) => names.get(id) ?? id),
    sources: citedSources(r.event.sources, (id) => sources.get(id)),
  });

  return {
    actor: {
      key: request.actor,
      kind: actor.kind,
      name: localized(actor.name, lang),
      role: localized(actor.role, lang),
      ...(actor.background && { background: { text: localized(actor.background.text, lang), asOf: actor.background.asOf } }),
      country: actor.country,
      relations: actor.relations.map((r) => ({
        type: r.type,
        actor: actorKey(packId, r.actor),
        name: names.get(r.actor) ?? r.actor,
        ...(r.note && { note: localized(r.note, lang) }),
      })),
    },
    pageDay,
    pageDayKnown: request.published !== undefined,
    events: shown.map(toCardEvent),
    total: events.length,
    ...(since && { since: toCardEvent(since) }),
    laterCount: ranked.filter((r) => r.later).length,
    notes: (await notes).slice(0, CARD_NOTES).map(toCardNote),
  };
}

/** The card of a name the reader follows: what the reader wrote about it (a pack knows nothing of it). */
async function readerCard(db: BackstoryDatabase, request: CardRequest, id: string): Promise<CardReply | null> {
  const actor = await db.readerActors.get(id);
  if (!actor) return null;
  const notes = await notesAbout(db, request.actor);
  return {
    actor: { key: request.actor, kind: actor.kind, name: actor.name, role: '', country: '', relations: [], own: true },
    pageDay: request.published ?? request.today,
    pageDayKnown: request.published !== undefined,
    events: [],
    total: 0,
    laterCount: 0,
    notes: notes.slice(0, Math.max(CARD_NOTES, request.limit)).map(toCardNote),
  };
}

export function toCardNote(note: NoteRecord): CardNote {
  return {
    id: note.id,
    title: note.title,
    body: note.body,
    ...(note.date && { date: note.date }),
    certainty: note.certainty,
    ...(note.target && { quote: note.target.quote.exact, source: note.target.source, pageTitle: note.target.pageTitle }),
  };
}

async function namesOf(db: BackstoryDatabase, packId: string, ids: Set<string>, lang: string): Promise<Map<string, string>> {
  const rows = await db.actors.bulkGet([...ids].map((id): [string, string] => [packId, id]));
  return new Map(rows.filter((a): a is ActorRecord => !!a).map((a) => [a.id, localized(a.name, lang)]));
}

/**
 * An event's citations as the reader sees them: each cited source with its quote when it has one (the
 * quote budget leaves some citations without); unknown sources are skipped.
 */
export function citedSources(citations: readonly { source: string; quote?: string }[], sourceOf: (id: string) => SourceRecord | undefined): CardSource[] {
  return citations.flatMap(({ source, quote }) => {
    const s = sourceOf(source);
    if (!s) return [];
    return [{
      outlet: s.outlet,
      title: s.title,
      published: s.published,
      ...(s.url && { url: s.url }),
      ...(s.via && { via: s.via.outlet }),
      ...(quote !== undefined && { quote }),
      quoteLang: s.language,
    }];
  });
}
