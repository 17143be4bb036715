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
import { sameActorGroups } from '../pack/identity';
import { looseName } from '../text/normalize';
import type { ActorRecord, PackRecord, SourceRecord } from './records';
import { actorIdsByNameKeys, actorsByKey, eventsOfActor, packsById, sourcesByKey } from './blocks';
import { wikidataKey } from './block-layout';


/** How many of the reader's notes a card shows (the side panel's timeline has them all). */
const CARD_NOTES = 5;

export async function cardFor(db: BackstoryDatabase, request: CardRequest): Promise<CardReply | null> {
  const { packId, actorId } = parseActorKey(request.actor) ?? { packId: '', actorId: '' };
  if (packId === READER_PACK_ID) return readerCard(db, request, actorId);
  // Asked at once beside the pack's rows: on a worker that just started, each store's first read is slow.
  const notes = notesAbout(db, request.actor);
  notes.catch(() => undefined);
  const packs = await packsById(db);
  const [actor] = await actorsByKey(db, [[packId, actorId]], packs);
  if (!actor) return null;
  const { lang } = request;

  // The same person as other packs know them (lib/pack/identity.ts): one card, every pack's events.
  const copies = await copiesOf(db, actor, packs);
  const copyKeys = new Set<string>(copies.map((c) => actorKey(c.packId, c.id)));
  const asked = (key: string) => (copyKeys.has(key) ? request.actor : key);
  const events = (
    await Promise.all(copies.map((c) => eventsOfActor(db, c)))
  ).flat();
  // Ranked by keys, not pack ids, so that events from several packs compare.
  const keyed = events.map((event) => ({
    event,
    id: packItemKey(event.packId, event.id),
    date: event.date,
    ...(event.end && { end: event.end }),
    actorIds: [...new Set(event.actorIds.map((id) => asked(actorKey(event.packId, id))))],
  }));
  const pageDay = request.published ?? request.today;
  const ranked = rankEvents(keyed, { actor: request.actor, pageActors: new Set(request.pageActors), pageDay });
  const shown = ranked.slice(0, request.limit);
  const latest = latestLater(ranked);
  const since = latest && !shown.includes(latest) ? latest : undefined;

  // Everything the card names, fetched once: related actors, shared actors, cited sources, packs.
  const relations = copies.flatMap((c) => c.relations.map((r) => ({ ...r, key: actorKey(c.packId, r.actor) })));
  const named = [...shown, ...(since ? [since] : [])];
  const names = await namesOf(db, new Set([...relations.map((r) => r.key), ...named.flatMap((r) => r.shared)]), lang, packs);
  const sourceKeys = new Set(named.flatMap((r) => r.event.event.sources.map((s) => packItemKey(r.event.event.packId, s.source))));
  const sources = new Map(
    (await sourcesByKey(db, [...sourceKeys].map((key) => key.split('/') as [string, string]), packs))
      .filter((s): s is SourceRecord => !!s)
      .map((s) => [packItemKey(s.packId, s.id), s]),
  );
  // Each event cites its own pack, once the card shows more than one.
  const packIds = [...new Set(copies.map((c) => c.packId))];
  const packTitles = packIds.length > 1 ? new Map(packIds.flatMap((id) => (packs.has(id) ? [[id, localized(packs.get(id)!.title, lang)] as const] : []))) : undefined;

  const toCardEvent = ({ event: { event }, later, shared }: Ranked<(typeof keyed)[number]>): CardEvent => ({
    key: packItemKey(event.packId, event.id),
    date: event.date,
    ...(event.end && { end: event.end }),
    title: localized(event.title, lang),
    summary: localized(event.summary, lang),
    certainty: event.certainty,
    later,
    shared: shared.map((key) => names.get(key) ?? key),
    sources: citedSources(event.sources, (id) => sources.get(packItemKey(event.packId, id))),
    ...(packTitles && { pack: packTitles.get(event.packId) ?? event.packId }),
  });

  const seen = new Set<string>();
  return {
    actor: {
      key: request.actor,
      kind: actor.kind,
      name: localized(actor.name, lang),
      role: localized(actor.role, lang),
      ...(actor.background && { background: { text: localized(actor.background.text, lang), asOf: actor.background.asOf } }),
      country: actor.country,
      // Two packs saying the same relation of the same person say it once.
      relations: relations.flatMap((r) => {
        const name = names.get(r.key) ?? r.actor;
        if (seen.has(`${r.type}\u0000${name}`)) return [];
        seen.add(`${r.type}\u0000${name}`);
        return [{ type: r.type, actor: r.key, name, ...(r.note && { note: localized(r.note, lang) }) }];
      }),
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

/**
 * The actor and its copies in other packs, the asked one first. Candidates are the actors of other packs
 * that share a spelling or the Wikidata item with it (the packs' name blocks: a block or two per pack
 * and key, whatever the packs' size), so a copy known to another pack by its item alone, under names
 * this one never uses, is found too.
 */
async function copiesOf(db: BackstoryDatabase, actor: ActorRecord, packs: ReadonlyMap<string, PackRecord>): Promise<ActorRecord[]> {
  if (packs.size < 2) return [actor];
  const spellings = [...new Set([...actor.aliasKeys, ...Object.values(actor.name).map(looseName), ...(actor.wikidata ? [wikidataKey(actor.wikidata)] : [])])];
  // Its own pack's namesakes too: the grouping weighs every item a name carries (lib/pack/identity.ts).
  const found = await actorIdsByNameKeys(db, spellings, packs.values());
  if (found.every(([packId]) => packId === actor.packId)) return [actor];
  const key = actorKey(actor.packId, actor.id);
  const candidates = (await actorsByKey(db, found, packs)).filter((c): c is ActorRecord => !!c && actorKey(c.packId, c.id) !== key);
  const identities = [actor, ...candidates].map((a) => ({ key: actorKey(a.packId, a.id), kind: a.kind, name: a.name, wikidata: a.wikidata }));
  const group = sameActorGroups(identities).find((keys) => keys.includes(key));
  if (!group) return [actor];
  return [actor, ...candidates.filter((c) => group.includes(actorKey(c.packId, c.id)))];
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

/** Display names by actor key, from whichever packs the keys name. */
async function namesOf(db: BackstoryDatabase, keys: Set<string>, lang: string, packs: ReadonlyMap<string, PackRecord>): Promise<Map<string, string>> {
  const rows = await actorsByKey(
    db,
    [...keys].flatMap((key) => {
      const parsed = parseActorKey(key);
      return parsed ? [[parsed.packId, parsed.actorId] as [string, string]] : [];
    }),
    packs,
  );
  return new Map(rows.filter((a): a is ActorRecord => !!a).map((a) => [actorKey(a.packId, a.id), localized(a.name, lang)]));
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
