/**
 * The lexicon: the matcher index cut so that a page holds only what its own words reach
 * (docs/decisions.md §10, §31). The background builds it once per set of packs and keeps it:
 *   - the head, sent to every page: a Bloom filter of every first word that is a whole alias and of
 *     every pair of first two words (what the sieve looks for), and for small lexicons the first words
 *     themselves (the native sieve's pattern);
 *   - the parts, one per first word (by its hash), kept in buckets: everything the matcher needs from
 *     that word on (the trie below it, its spellings, aliases and their actors' given names, blockers
 *     and kind). A page asks for the parts of the candidate words its sieve found, and nothing else.
 * Ids (actors, aliases, spellings, trie nodes) are the full index's, so a page that loaded some parts
 * decides ties exactly as the whole index would.
 */
import type { ActorKey } from '../pack/keys';
import type { CreditCues } from './credit-cues';
import { edgeWord, ROOT, type MatcherIndex } from './build';
import { bloomBits } from './hash-set';
import { REGEX_SIEVE_MAX_FIRST_WORDS } from './regex-sieve';
import { pairHash } from './sieve';
import { firstWordPattern } from './word-pattern';
import { foldTableOf, hashFolded } from './text';

/** Everything the matcher needs from some first words on. Tuples: a part is posted and stored, and many are made. */
export interface LexiconPart {
  /** Trie edges: key (build.ts edgeKey) and the node it leads to. */
  edges: [key: string, node: number][];
  /** A spelling ends at a node. */
  ends: [node: number, spelling: number][];
  /** Spellings that are irregular forms: their text and the alias they belong to (the others are their alias's text). */
  forms: [spelling: number, alias: number, text: string][];
  aliases: [id: number, actor: number, text: string, flags: number][];
  actors: LexiconActor[];
}

/** An actor as a page needs it: key, kind, given-name words (as written and in every case form), notWhenPartOf phrases. */
export type LexiconActor = [id: number, key: ActorKey, kind: string, givenWords: string, givenForms: string[], blockers: string[]];

export interface LexiconHead {
  format: 'backstory-lexicon/1';
  /** Which build the parts belong to: a page that asks with an older stamp is told to start again. */
  stamp: string;
  /** How many distinct first words (with their case forms) the lexicon has: what chooses the sieve. */
  firstWords: number;
  /** The Bloom filter's bits in base64 (./hash-set.ts). */
  bloom: string;
  /**
   * For a lexicon of at most REGEX_SIEVE_MAX_FIRST_WORDS first words, the source of the native sieve's
   * RegExp (./word-pattern.ts, ./regex-sieve.ts): below that size it costs a page less than the hash sieve.
   */
  pattern?: string;
  /** The credit and attribution cues, when some actor is an outlet (./credit-cues.ts). */
  creditCues?: CreditCues;
  /** The kinds and folds of the common UTF-16 units, learnt once in the background (./text.ts, foldTableOf). */
  folds?: string;
}

/**
 * Parts by first-word hash for one bucket of hashes, as the JSON of a `Record<hash, LexiconPart>`: one
 * string is stored and read back as a block, where millions of small arrays would each be cloned.
 */
export type LexiconBucket = string;

export interface Lexicon {
  head: Omit<LexiconHead, 'stamp'>;
  /** buckets[hash & (buckets.length - 1)]: stored one row each, so a cold worker reads only the buckets asked for. */
  buckets: LexiconBucket[];
  /** The folded first words, for the native sieve's pattern. */
  firstWords: string[];
}

/** About this many first words per stored bucket: a few kB per read. */
const WORDS_PER_BUCKET = 32;

export const bucketOf = (hash: number, bucketCount: number): number => hash & (bucketCount - 1);

const emptyPart = (): LexiconPart => ({ edges: [], ends: [], forms: [], aliases: [], actors: [] });

export function buildLexicon(index: MatcherIndex, kindOf: (actor: ActorKey) => string): Lexicon {
  const aliasCount = index.aliasText.length;
  // The trie's shape: children per node, spellings per node.
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  index.edgeKeys.forEach((key, k) => {
    const colon = key.indexOf(':');
    const parent = colon < 0 ? ROOT : Number(key.slice(0, colon));
    if (parent === ROOT) roots.push(k + 1);
    const list = children.get(parent);
    if (list) list.push(k + 1);
    else children.set(parent, [k + 1]);
  });
  const endsAt = new Map<number, number[]>();
  index.endNodes.forEach((node, k) => {
    const list = endsAt.get(node);
    if (list) list.push(index.endSpellings[k]!);
    else endsAt.set(node, [index.endSpellings[k]!]);
  });
  // Per actor: the given-name forms and blockers, gathered once.
  const givenForms = new Map<number, string[]>();
  for (const entry of index.givenNames) {
    const colon = entry.indexOf(':');
    const actor = Number(entry.slice(0, colon));
    const list = givenForms.get(actor);
    if (list) list.push(entry.slice(colon + 1));
    else givenForms.set(actor, [entry.slice(colon + 1)]);
  }
  const blockers = new Map<number, string[]>();
  index.blockerActors.forEach((actor, k) => {
    const list = blockers.get(actor);
    if (list) list.push(index.blockerPhrases[k]!);
    else blockers.set(actor, [index.blockerPhrases[k]!]);
  });
  const actorRow = (actor: number): LexiconActor => {
    const key = index.actors[actor]!;
    return [actor, key, kindOf(key), index.givenWords[actor] ?? '', givenForms.get(actor) ?? [], blockers.get(actor) ?? []];
  };

  let bucketCount = 1;
  while (bucketCount * WORDS_PER_BUCKET < roots.length) bucketCount *= 2;
  const bucketParts: string[][] = Array.from({ length: bucketCount }, () => []);
  const filterKeys: number[] = [];
  const firstWords: string[] = [];
  const wordHash = new Map<number, number>(); // first-word node → its hash

  // Two first words may share a hash: their parts are one (the page asks by hash).
  const partsByHash = new Map<number, LexiconPart>();
  const partOf = (hash: number): LexiconPart => {
    let part = partsByHash.get(hash);
    if (!part) partsByHash.set(hash, (part = emptyPart()));
    return part;
  };
  for (const root of roots) {
    const word = index.edgeKeys[root - 1]!;
    const hash = hashFolded(word);
    wordHash.set(root, hash);
    firstWords.push(word);
    const part = partOf(hash);
    const aliasesSeen = new Set<number>();
    const actorsSeen = new Set<number>();
    const addAlias = (alias: number) => {
      if (aliasesSeen.has(alias)) return;
      aliasesSeen.add(alias);
      const actor = index.aliasActor[alias]!;
      part.aliases.push([alias, actor, index.aliasText[alias]!, index.aliasFlags[alias]!]);
      if (!actorsSeen.has(actor)) {
        actorsSeen.add(actor);
        part.actors.push(actorRow(actor));
      }
    };
    if (endsAt.has(root)) filterKeys.push(hash);
    for (const pending = [root]; pending.length > 0; ) {
      const node = pending.pop()!;
      part.edges.push([index.edgeKeys[node - 1]!, node]);
      for (const spelling of endsAt.get(node) ?? []) {
        part.ends.push([node, spelling]);
        if (spelling < aliasCount) addAlias(spelling);
        else {
          const alias = index.formAlias[spelling - aliasCount]!;
          part.forms.push([spelling, alias, index.formText[spelling - aliasCount]!]);
          addAlias(alias);
        }
      }
      for (const child of children.get(node) ?? []) {
        pending.push(child);
        if (node === root) filterKeys.push(pairHash(hash, hashFolded(edgeWord(index.edgeKeys[child - 1]!))));
      }
    }
  }
  for (const [hash, part] of partsByHash) bucketParts[bucketOf(hash, bucketCount)]!.push(`"${hash}":${JSON.stringify(part)}`);
  return {
    head: {
      format: 'backstory-lexicon/1',
      firstWords: roots.length,
      bloom: btoa(bloomBits(filterKeys)),
      ...(roots.length <= REGEX_SIEVE_MAX_FIRST_WORDS && { pattern: firstWordPattern(firstWords) }),
      ...(index.creditCues && { creditCues: index.creditCues }),
      folds: foldTableOf(),
    },
    buckets: bucketParts.map((parts) => `{${parts.join(',')}}`),
    firstWords,
  };
}

/** One part holding the parts of `hashes` found in `bucketAt` (an actor or alias that two parts share is given once). */
export function partsFor(hashes: readonly number[], bucketCount: number, bucketAt: (bucket: number) => LexiconBucket | undefined): LexiconPart {
  const merged = emptyPart();
  const aliases = new Set<number>();
  const actors = new Set<number>();
  const parsed = new Map<number, Record<number, LexiconPart> | undefined>();
  for (const hash of new Set(hashes)) {
    const bucket = bucketOf(hash, bucketCount);
    if (!parsed.has(bucket)) {
      const text = bucketAt(bucket);
      parsed.set(bucket, text === undefined ? undefined : (JSON.parse(text) as Record<number, LexiconPart>));
    }
    const part = parsed.get(bucket)?.[hash];
    if (!part) continue;
    merged.edges.push(...part.edges);
    merged.ends.push(...part.ends);
    merged.forms.push(...part.forms);
    for (const alias of part.aliases) {
      if (aliases.has(alias[0])) continue;
      aliases.add(alias[0]);
      merged.aliases.push(alias);
    }
    for (const actor of part.actors) {
      if (actors.has(actor[0])) continue;
      actors.add(actor[0]);
      merged.actors.push(actor);
    }
  }
  return merged;
}
