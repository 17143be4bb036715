/**
 * The hover card's content, read from the database: the actor in the reader's language, the relations
 * that explain them, and their events ranked for the page (lib/timeline/rank). One function so the
 * side panel's actor view can ask the same question with a larger limit.
 */
import type { CardEvent, CardReply, CardRequest, CardSource } from '../messages/protocol';
import { localized } from '../i18n/localized';
import { actorKey, packItemKey, parseActorKey } from '../pack/keys';
import { latestLater, rankEvents, type Ranked } from '../timeline/rank';
import type { BackstoryDatabase } from './database';
import type { ActorRecord, EventRecord, SourceRecord } from './records';


export async function cardFor(db: BackstoryDatabase, request: CardRequest): Promise<CardReply | null> {
  const { packId, actorId } = parseActorKey(request.actor) ?? { packId: '', actorId: '' };
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
  };
}

async function namesOf(db: BackstoryDatabase, packId: string, ids: Set<string>, lang: string): Promise<Map<string, string>> {
  const rows = await db.actors.bulkGet([...ids].map((id): [string, string] => [packId, id]));
  return new Map(rows.filter((a): a is ActorRecord => !!a).map((a) => [a.id, localized(a.name, lang)]));
}

/** An event's citations as the reader sees them: each cited source with its quote; unknown sources are skipped. */
export function citedSources(citations: readonly { source: string; quote: string }[], sourceOf: (id: string) => SourceRecord | undefined): CardSource[] {
  return citations.flatMap(({ source, quote }) => {
    const s = sourceOf(source);
    if (!s) return [];
    return [{
      outlet: s.outlet,
      title: s.title,
      published: s.published,
      ...(s.url && { url: s.url }),
      ...(s.via && { via: s.via.outlet }),
      quote,
      quoteLang: s.language,
    }];
  });
}
