/**
 * The reader's own data in the database: notes and followed names. Every write goes through here
 * (the background calls it), and none of it touches a pack table: pack installs and updates never open
 * readerNotes or readerActors (lib/store/database.ts, USER_TABLES).
 */
import { localized } from '../i18n/localized';
import { actorKey, parseActorKey, type ActorKey } from '../pack/keys';
import type { ActorKind } from '../pack/schema';
import type { AliasInput, MatcherActor } from '../match/build';
import { pageKey, pageKeysOf, READER_PACK_ID, type NoteRecord, type ReaderActorRecord } from '../notes/model';
import { looseName } from '../text/normalize';
import type { BackstoryDatabase } from './database';
import { actorIdsByPrefix, actorsByKey as packActorsByKey, packsById } from './blocks';

/** A note as the form or the side panel sends it: the store fills in the id, the keys and the times. */
export type NoteDraft = Omit<NoteRecord, 'id' | 'pageKeys' | 'createdAt' | 'updatedAt'> & { id?: string };

export async function saveNote(db: BackstoryDatabase, draft: NoteDraft, now: number, newId: () => string): Promise<NoteRecord> {
  return db.transaction('rw', db.readerNotes, async () => {
    const existing = draft.id ? await db.readerNotes.get(draft.id) : undefined;
    const note: NoteRecord = {
      ...draft,
      id: existing?.id ?? draft.id ?? newId(),
      pageKeys: pageKeysOf(draft.target),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await db.readerNotes.put(note);
    return note;
  });
}

/** Deletes a note and gives it back whole, so the side panel can offer to undo. */
export async function deleteNote(db: BackstoryDatabase, id: string): Promise<NoteRecord | undefined> {
  return db.transaction('rw', db.readerNotes, async () => {
    const note = await db.readerNotes.get(id);
    if (note) await db.readerNotes.delete(id);
    return note;
  });
}

/** Undo of a delete: the note comes back exactly as it was. */
export async function restoreNote(db: BackstoryDatabase, note: NoteRecord): Promise<void> {
  await db.readerNotes.put({ ...note, pageKeys: pageKeysOf(note.target) });
}

/** The notes made on a page, found by its URL or its canonical URL, oldest first. */
export async function notesForPage(db: BackstoryDatabase, urls: readonly string[]): Promise<NoteRecord[]> {
  const keys = [...new Set(urls.flatMap((url) => pageKey(url) ?? []))];
  if (keys.length === 0) return [];
  const notes = await db.readerNotes.where('pageKeys').anyOf(keys).distinct().toArray();
  return notes.sort((a, b) => a.createdAt - b.createdAt);
}

/** The notes that name an actor, most recently edited first. */
export async function notesAbout(db: BackstoryDatabase, actor: ActorKey): Promise<NoteRecord[]> {
  const notes = await db.readerNotes.where('actorIds').equals(actor).toArray();
  return notes.sort((a, b) => b.updatedAt - a.updatedAt);
}

export interface FollowRequest {
  name: string;
  kind: ActorKind;
  spellings: string[];
}

/**
 * Follows a name: a new actor of the reader's own, or the one already following that name (selecting
 * "Tulsi Gabbard" twice does not make two). The id is a slug of the name when it has Latin letters, else
 * a generated one; either way unique.
 */
export async function followName(db: BackstoryDatabase, request: FollowRequest, now: number, randomSuffix: () => string): Promise<ReaderActorRecord> {
  return db.transaction('rw', db.readerActors, async () => {
    const name = request.name.trim();
    const spellings = cleanSpellings(name, request.spellings);
    const same = await db.readerActors.where('aliasKeys').equals(looseName(name)).first();
    if (same) return same;
    const base = slug(name) || 'name';
    let id = base;
    while (await db.readerActors.get(id)) id = `${base}-${randomSuffix()}`;
    const actor: ReaderActorRecord = { id, kind: request.kind, name, spellings, aliasKeys: readerAliasKeys(name, spellings), createdAt: now, updatedAt: now };
    await db.readerActors.add(actor);
    return actor;
  });
}

/** Renames a followed name, changes its kind or its other spellings. */
export async function updateReaderActor(db: BackstoryDatabase, id: string, request: FollowRequest, now: number): Promise<ReaderActorRecord | undefined> {
  return db.transaction('rw', db.readerActors, async () => {
    const actor = await db.readerActors.get(id);
    if (!actor) return undefined;
    const name = request.name.trim();
    const spellings = cleanSpellings(name, request.spellings);
    const next = { ...actor, name, kind: request.kind, spellings, aliasKeys: readerAliasKeys(name, spellings), updatedAt: now };
    await db.readerActors.put(next);
    return next;
  });
}

/** Stops following a name. The notes that name it keep the key (shown as an unknown name). */
export async function unfollow(db: BackstoryDatabase, id: string): Promise<ReaderActorRecord | undefined> {
  return db.transaction('rw', db.readerActors, async () => {
    const actor = await db.readerActors.get(id);
    if (actor) await db.readerActors.delete(id);
    return actor;
  });
}

export interface ActorSuggestion {
  key: ActorKey;
  name: string;
  kind: ActorKind;
}

/**
 * Actors whose name or alias starts with what was typed, case- and accent-blind ("dmitr" finds
 * Kirill Dmitriev, "Дмитр" too), the reader's own first, then the packs', each once.
 */
export async function searchActors(db: BackstoryDatabase, query: string, lang: string, limit: number): Promise<ActorSuggestion[]> {
  const typed = looseName(query);
  if (typed.length === 0) return [];
  const [mine, packs] = await Promise.all([
    db.readerActors.where('aliasKeys').startsWith(typed).limit(limit).toArray(),
    packActorsStartingWith(db, typed, limit * 4),
  ]);
  const found = new Map<ActorKey, ActorSuggestion>();
  for (const a of mine) found.set(actorKey(READER_PACK_ID, a.id), { key: actorKey(READER_PACK_ID, a.id), name: a.name, kind: a.kind });
  for (const a of packs) if (a) found.set(actorKey(a.packId, a.id), { key: actorKey(a.packId, a.id), name: localized(a.name, lang), kind: a.kind });
  return [...found.values()].slice(0, limit);
}

/** Pack actors with an alias key starting with `typed`: the name blocks that cover it, then their actors. */
async function packActorsStartingWith(db: BackstoryDatabase, typed: string, limit: number) {
  const packs = await packsById(db);
  return packActorsByKey(db, await actorIdsByPrefix(db, typed, limit, packs.values()), packs);
}

/** Display names for actor keys, the reader's actors included; unknown keys are left out. */
export async function actorNames(db: BackstoryDatabase, keys: readonly ActorKey[], lang: string): Promise<Map<ActorKey, string>> {
  return new Map([...(await actorsByKey(db, keys, lang))].map(([key, actor]) => [key, actor.name]));
}

/** Name and kind of each known key, read in one pass over both tables, in the order asked. */
async function actorsByKey(db: BackstoryDatabase, keys: readonly ActorKey[], lang: string): Promise<Map<ActorKey, ActorSuggestion>> {
  const parsed = keys.flatMap((key) => {
    const parts = parseActorKey(key);
    return parts ? [{ key, ...parts }] : [];
  });
  const mine = parsed.filter((p) => p.packId === READER_PACK_ID);
  const packs = parsed.filter((p) => p.packId !== READER_PACK_ID);
  const [readerRows, packRows] = await Promise.all([
    db.readerActors.bulkGet(mine.map((p) => p.actorId)),
    packs.length ? packsById(db).then((byId) => packActorsByKey(db, packs.map((p): [string, string] => [p.packId, p.actorId]), byId)) : [],
  ]);
  const found = new Map<ActorKey, ActorSuggestion>();
  mine.forEach((p, k) => readerRows[k] && found.set(p.key, { key: p.key, name: readerRows[k].name, kind: readerRows[k].kind }));
  packs.forEach((p, k) => packRows[k] && found.set(p.key, { key: p.key, name: localized(packRows[k].name, lang), kind: packRows[k].kind }));
  return new Map(parsed.flatMap(({ key }) => (found.has(key) ? [[key, found.get(key)!] as const] : [])));
}

/** Names and kinds of actors by key, in the order asked; unknown keys are left out. */
export async function describeActors(db: BackstoryDatabase, keys: readonly ActorKey[], lang: string): Promise<ActorSuggestion[]> {
  return [...(await actorsByKey(db, keys, lang)).values()];
}

/** A followed name as the matcher takes it: one full-name alias per spelling, in the script's language. */
export function readerMatcherActor(actor: ReaderActorRecord): MatcherActor {
  const aliases: AliasInput[] = [actor.name, ...actor.spellings].map((text) => ({
    text,
    lang: /\p{Script=Cyrillic}/u.test(text) ? 'ru' : 'en',
    part: 'full',
    inflect: true,
  }));
  return { key: actorKey(READER_PACK_ID, actor.id), aliases };
}

/**
 * The look-up keys of a followed name: each spelling, and each spelling from every later word on, so
 * typing "gabb" finds "Tulsi Gabbard" (a pack says the same with its surname aliases).
 */
function readerAliasKeys(name: string, spellings: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const spelling of [name, ...spellings].map(looseName)) {
    keys.add(spelling);
    for (let at = spelling.indexOf(' '); at >= 0; at = spelling.indexOf(' ', at + 1)) keys.add(spelling.slice(at + 1));
  }
  return [...keys];
}

function cleanSpellings(name: string, spellings: readonly string[]): string[] {
  const seen = new Set([looseName(name)]);
  const out: string[] = [];
  for (const spelling of spellings.map((s) => s.trim())) {
    const key = looseName(spelling);
    if (key.length < 2 || seen.has(key)) continue;
    seen.add(key);
    out.push(spelling);
  }
  return out;
}

function slug(name: string): string {
  return looseName(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/**
 * Imports notes and followed names in one transaction: all or nothing. A note whose id is already
 * stored replaces it only when the file's copy was edited later; otherwise the stored one is kept and
 * its id reported. A followed name already followed (same id) is left as it is.
 */
export async function importReaderData(db: BackstoryDatabase, notes: readonly NoteRecord[], actors: readonly ReaderActorRecord[]) {
  return db.transaction('rw', db.readerNotes, db.readerActors, async () => {
    const stored = await db.readerNotes.bulkGet(notes.map((n) => n.id));
    const keptNewer: string[] = [];
    const writes: NoteRecord[] = [];
    let added = 0;
    let updated = 0;
    notes.forEach((note, k) => {
      const existing = stored[k];
      if (existing && existing.updatedAt >= note.updatedAt) keptNewer.push(note.id);
      else {
        writes.push({ ...note, pageKeys: pageKeysOf(note.target) });
        if (existing) updated++;
        else added++;
      }
    });
    await db.readerNotes.bulkPut(writes);
    const known = new Set((await db.readerActors.bulkGet(actors.map((a) => a.id))).flatMap((a) => (a ? [a.id] : [])));
    const fresh = actors.filter((a) => !known.has(a.id)).map((a) => ({ ...a, aliasKeys: readerAliasKeys(a.name, a.spellings) }));
    await db.readerActors.bulkAdd(fresh);
    return { added, updated, keptNewer, actorsAdded: fresh.length };
  });
}

/** Deletes every note; followed names stay. */
export async function clearNotes(db: BackstoryDatabase): Promise<number> {
  return db.transaction('rw', db.readerNotes, async () => {
    const removed = await db.readerNotes.count();
    await db.readerNotes.clear();
    return removed;
  });
}
