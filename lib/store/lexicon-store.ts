/**
 * The lexicon's home in the background (lib/match/lexicon.ts): built from every installed pack and the
 * reader's followed names, kept in a database of its own so that a service worker that was stopped
 * answers a page by reading the few buckets it asks for, not by rebuilding from 100,000 actors.
 * It is a cache: a fingerprint of what it was built from (packs and versions, the reader's names) tells
 * a woken worker whether it still holds; if not, or if it cannot be read, it is built again.
 */
import Dexie, { type DexieOptions, type Table } from 'dexie';
import { bucketOf, buildLexicon, buildMatcherIndex, LEXICON_FORMAT, createLexiconMatcher, partsFor, type LexiconBucket, type LexiconHead, type LexiconPart, type Matcher, type PartAsk } from '../match';
import { actorKey, type ActorKey } from '../pack/keys';
import { READER_PACK_ID } from '../notes/model';
import { readerMatcherActor } from './reader';
import type { BackstoryDatabase } from './database';
import { allActors } from './blocks';

export const LEXICON_DATABASE_NAME = 'backstory-lexicon';

interface StoredHead {
  key: 'current';
  fingerprint: string;
  head: LexiconHead;
  bucketCount: number;
}

interface StoredBucket {
  bucket: number;
  parts: LexiconBucket;
}

class LexiconDatabase extends Dexie {
  declare heads: Table<StoredHead, string>;
  declare buckets: Table<StoredBucket, number>;

  constructor(name: string, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({ heads: 'key', buckets: 'bucket' });
  }
}

/** What the lexicon was built from: any change to a pack or to the reader's names changes it. */
async function fingerprintOf(db: BackstoryDatabase): Promise<string> {
  const [packs, readerCount, lastReader] = await Promise.all([
    db.packs.toArray(),
    db.readerActors.count(),
    db.readerActors.orderBy('updatedAt').last(),
  ]);
  const packPart = packs.map((pack) => `${pack.id}@${pack.version}:${pack.installedAt}`).sort();
  return JSON.stringify([packPart, readerCount, lastReader?.updatedAt ?? 0]);
}

/** How the lexicon of this worker life came to be: what `status:get` tells (and the bench reads). */
export interface LexiconStatus {
  /** Built in this worker life, or read from the cache a previous one left. */
  source: 'built' | 'cache';
  firstWords: number;
  buckets: number;
  /** From the store's creation (the worker's start) to the head being ready: pack installs included. */
  readyMs: number;
  /** Building alone (index, lexicon, cache write), when it was built. */
  buildMs?: number;
}

export interface LexiconStore {
  /** The head every page starts from. */
  head(): Promise<LexiconHead>;
  /** The parts of `hashes`; 'stale' when the page's lexicon is not the current one (it starts again). */
  parts(stamp: string, asks: readonly PartAsk[]): Promise<LexiconPart | 'stale'>;
  /** A matcher with the parts `text` reaches loaded (the note form's names in a selection). */
  matcherFor(text: string): Promise<Matcher>;
  /** The packs or the reader's names changed: the next question builds again. */
  drop(): void;
  /** Undefined until the head was first made ready. */
  status(): LexiconStatus | undefined;
}

interface Loaded {
  head: LexiconHead;
  bucketCount: number;
  /** The buckets, while this worker holds the ones it built; else they are read from the cache. */
  buckets?: LexiconBucket[];
}

export interface LexiconStoreOptions {
  database: () => Promise<BackstoryDatabase>;
  name?: string;
  dexie?: DexieOptions;
  /** Told once a lexicon was built in this worker (the background warms its card path then). */
  onBuilt?: (firstActor: ActorKey | undefined) => void;
}

export function createLexiconStore({ database, name = LEXICON_DATABASE_NAME, dexie, onBuilt }: LexiconStoreOptions): LexiconStore {
  const cache = new LexiconDatabase(name, dexie);
  const createdAt = performance.now();
  let status: LexiconStatus | undefined;
  /** The current head, and the buckets while this worker still holds the ones it built. */
  let current: Promise<Loaded> | undefined;

  async function build(db: BackstoryDatabase, fingerprint: string): Promise<Loaded> {
    const started = performance.now();
    const [actors, mine] = await Promise.all([allActors(db), db.readerActors.toArray()]);
    const kinds = new Map<ActorKey, string>();
    for (const a of actors) kinds.set(actorKey(a.packId, a.id), a.kind);
    for (const a of mine) kinds.set(actorKey(READER_PACK_ID, a.id), a.kind);
    const entries = [...actors.map((a) => ({ key: actorKey(a.packId, a.id), aliases: a.aliases, outlet: a.outlet, identity: a })), ...mine.map(readerMatcherActor)];
    const lexicon = buildLexicon(buildMatcherIndex(entries), (key) => kinds.get(key) ?? 'person');
    const head: LexiconHead = { ...lexicon.head, stamp: crypto.randomUUID() };
    const stored: StoredHead = { key: 'current', fingerprint, head, bucketCount: lexicon.buckets.length };
    // Kept for the next wake-up; a cache that cannot be written only costs the next worker a rebuild.
    await cache
      .transaction('rw', cache.heads, cache.buckets, async () => {
        await cache.heads.clear();
        await cache.buckets.clear();
        await cache.buckets.bulkPut(lexicon.buckets.map((parts, bucket) => ({ bucket, parts })));
        await cache.heads.put(stored);
      })
      .catch(() => undefined);
    onBuilt?.(actors[0] && actorKey(actors[0].packId, actors[0].id));
    const now = performance.now();
    status = { source: 'built', firstWords: head.firstWords, buckets: lexicon.buckets.length, readyMs: now - createdAt, buildMs: now - started };
    return { head, bucketCount: lexicon.buckets.length, buckets: lexicon.buckets };
  }

  async function load(): Promise<Loaded> {
    const db = await database();
    const fingerprint = await fingerprintOf(db);
    const stored = await cache.heads.get('current').catch(() => undefined);
    // A head cached by an older Backstory (another format) is built again, as after a pack change.
    if (stored && stored.fingerprint === fingerprint && stored.head.format === LEXICON_FORMAT) {
      status = { source: 'cache', firstWords: stored.head.firstWords, buckets: stored.bucketCount, readyMs: performance.now() - createdAt };
      return { head: stored.head, bucketCount: stored.bucketCount };
    }
    return build(db, fingerprint);
  }

  const ready = () =>
    (current ??= load().catch((error: unknown) => {
      current = undefined;
      throw error;
    }));

  async function parts(stamp: string, asks: readonly PartAsk[]): Promise<LexiconPart | 'stale'> {
    const { head, bucketCount, buckets } = await ready();
    if (stamp !== head.stamp) return 'stale';
    if (buckets) return partsFor(asks, bucketCount, (bucket) => buckets[bucket]);
    const wanted = [...new Set(asks.map(([first]) => bucketOf(first, bucketCount)))];
    const rows = await cache.buckets.bulkGet(wanted);
    if (rows.some((row) => row === undefined)) {
      // The cache lost rows under us (site data cleared): build again and ask the page to start over.
      current = undefined;
      await cache.heads.clear().catch(() => undefined);
      return 'stale';
    }
    const byBucket = new Map(rows.map((row) => [row!.bucket, row!.parts]));
    return partsFor(asks, bucketCount, (bucket) => byBucket.get(bucket));
  }

  return {
    head: async () => (await ready()).head,
    parts,
    async matcherFor(text) {
      const { head } = await ready();
      const matcher = createLexiconMatcher(head);
      const found = await parts(head.stamp, matcher.candidates([text]));
      if (found !== 'stale') matcher.add(found);
      return matcher;
    },
    status: () => status,
    drop() {
      current = undefined;
      void cache.heads.clear().catch(() => undefined);
    },
  };
}
