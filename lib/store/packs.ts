/**
 * Installing packs. One read-write transaction over the pack tables only: a reader sees the old pack
 * or the new one, never half of each, and the user's tables are outside the transaction's scope, so
 * an install cannot touch them even by mistake.
 */
import { coveredDays } from '../pack/dates';
import type { Pack } from '../pack/schema';
import { packStats } from '../pack/stats';
import { aliasKeysOf, PACK_TABLES, type BackstoryDatabase } from './database';
import type { ActorRecord, EventRecord, PackOrigin, PackRecord, SourceRecord } from './records';

export interface InstallResult {
  packId: string;
  version: string;
  /**
   * "unchanged" when this exact version was already installed and nothing was written; "repaired" when
   * it was, but its rows no longer matched its counts and were written again; "failed" when it could
   * not be installed (the store's problems say why, and the tables keep what they held).
   */
  outcome: 'installed' | 'updated' | 'unchanged' | 'repaired' | 'failed';
}

export function toRecords(pack: Pack, origin: PackOrigin, now: number) {
  const packRecord: PackRecord = {
    id: pack.id,
    format: pack.format,
    version: pack.version,
    title: pack.title,
    description: pack.description,
    languages: pack.languages,
    attribution: pack.attribution,
    licence: pack.licence,
    origin,
    installedAt: now,
    stats: packStats(pack),
  };
  const sources: SourceRecord[] = pack.sources.map((s) => ({ ...s, packId: pack.id }));
  const actors: ActorRecord[] = pack.actors.map((a) => ({ ...a, packId: pack.id, aliasKeys: aliasKeysOf(a) }));
  const events: EventRecord[] = pack.events.map((e) => {
    // validatePack() has already rejected impossible dates, so coveredDays() is defined here.
    const start = coveredDays(e.date)!;
    const end = coveredDays(e.end ?? e.date)!;
    return { ...e, packId: pack.id, actorIds: [...new Set(e.actors.map((r) => r.actor))], firstDay: start.first, lastDay: end.last };
  });
  return { packRecord, sources, actors, events };
}

/**
 * Writes `pack` (already validated) unless the same version is installed. A different version, older
 * or newer, replaces it: the built-in pack is whatever this build ships. `force` rewrites the same
 * version too, for rows lost behind our back.
 */
export async function installPack(
  db: BackstoryDatabase,
  pack: Pack,
  origin: PackOrigin,
  now = Date.now(),
  { force = false }: { force?: boolean } = {},
): Promise<InstallResult> {
  return db.transaction('rw', [...PACK_TABLES], async () => {
    const existing = await db.packs.get(pack.id);
    const sameVersion = existing?.version === pack.version && existing.origin === origin;
    if (sameVersion && !force) return { packId: pack.id, version: pack.version, outcome: 'unchanged' as const };
    const { packRecord, sources, actors, events } = toRecords(pack, origin, now);
    await Promise.all([
      db.sources.where('packId').equals(pack.id).delete(),
      db.actors.where('packId').equals(pack.id).delete(),
      db.events.where('packId').equals(pack.id).delete(),
    ]);
    await db.sources.bulkPut(sources);
    await db.actors.bulkPut(actors);
    await db.events.bulkPut(events);
    await db.packs.put(packRecord);
    const outcome = !existing ? ('installed' as const) : sameVersion ? ('repaired' as const) : ('updated' as const);
    return { packId: pack.id, version: pack.version, outcome };
  });
}

export interface PackSummary {
  id: string;
  version: string;
  title: PackRecord['title'];
  origin: PackOrigin;
  attribution: string;
  licence: string;
  installedAt: number;
  stats: PackRecord['stats'];
  /** Rows actually in the tables, which a test or the about page can compare with `stats`. */
  stored: { actors: number; events: number; sources: number };
}

export type StoredCounts = PackSummary['stored'];

/** Rows per table for one pack, by the packId index: three index counts, cheap enough for every open. */
export async function storedCounts(db: BackstoryDatabase, packId: string): Promise<StoredCounts> {
  const [actors, events, sources] = await Promise.all([
    db.actors.where('packId').equals(packId).count(),
    db.events.where('packId').equals(packId).count(),
    db.sources.where('packId').equals(packId).count(),
  ]);
  return { actors, events, sources };
}

export async function listPacks(db: BackstoryDatabase): Promise<PackSummary[]> {
  return db.transaction('r', [...PACK_TABLES], async () => {
    const packs = await db.packs.toArray();
    return Promise.all(
      packs.map(async (p) => ({
        id: p.id,
        version: p.version,
        title: p.title,
        origin: p.origin,
        attribution: p.attribution,
        licence: p.licence,
        installedAt: p.installedAt,
        stats: p.stats,
        stored: await storedCounts(db, p.id),
      })),
    );
  });
}
