/**
 * The lexicon: the matcher index cut so that a page holds only what its own words reach
 * (docs/decisions.md §10, §31). The background builds it once per set of packs and keeps it:
 *   - the head, sent to every page: a filter (./fuse-filter.ts) of every first word that is a whole
 *     alias and of every pair of first two words (what the sieve looks for), and for small lexicons the
 *     first words themselves (the native sieve's pattern);
 *   - the parts, kept in buckets by first-word hash: everything the matcher needs from that word on (the
 *     trie below it, its spellings, aliases and their actors' given names, blockers and kind), cut by
 *     the word that follows it. A page asks for the candidate words its sieve found, each with the word
 *     after it on the page, and holds nothing else.
 * Ids (actors, aliases, spellings, trie nodes) are the full index's, so a page that loaded some parts
 * decides ties exactly as the whole index would.
 */
import type { ActorKey } from '../pack/keys';
import { compileCreditRules, type CreditRules } from './credits';
import { edgeWord, ROOT, type MatcherIndex } from './build';
import { buildFuseFilter, bytesToBase64, prefixKey, secondKey, type FuseFilterData } from './fuse-filter';
import { REGEX_SIEVE_MAX_FIRST_WORDS } from './regex-sieve';
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

/** The head's format: a cached head of another format is built again (lib/store/lexicon-store.ts). */
export const LEXICON_FORMAT = 'backstory-lexicon/3';

export interface LexiconHead {
  format: typeof LEXICON_FORMAT;
  /** Which build the parts belong to: a page that asks with an older stamp is told to start again. */
  stamp: string;
  /** How many distinct first words (with their case forms) the lexicon has: what chooses the sieve. */
  firstWords: number;
  /** The filter (./fuse-filter.ts): whole one-word aliases, first words of longer ones and their second words (pairTest). */
  filter: FuseFilterData;
  /**
   * For a lexicon of at most REGEX_SIEVE_MAX_FIRST_WORDS first words, the source of the native sieve's
   * RegExp (./word-pattern.ts, ./regex-sieve.ts): below that size it costs a page less than the hash sieve.
   */
  pattern?: string;
  /** The credit and attribution cues cut into words, when some actor is an outlet (./credits.ts). */
  creditRules?: CreditRules;
  /** The kinds and folds of the common UTF-16 units, learnt once in the background (./text.ts, foldTableOf). */
  folds?: string;
}

/**
 * The head travels to a page on a port (lib/messages/protocol.ts LEXICON_HEAD_PORT) as one message, or, when
 * its filter is long, as the head with the filter's first piece and then the other pieces, sent at once
 * without waiting to be asked. Chrome's extension messages cost more than their size (docs/bench.md, "The
 * 100k head in pieces"); the seed pack's filter is one piece, so its head travels whole, as before.
 */
export const FILTER_PIECE_CHARS = 128 * 1024;

/** What the lexicon port carries, in order: the head (its filter's base64 cut to the first piece), then the other pieces. */
export type HeadMessage = { head: LexiconHead; pieces: number } | { piece: string };

export function headMessages(head: LexiconHead): HeadMessage[] {
  const { base64 } = head.filter;
  const pieces = Math.max(1, Math.ceil(base64.length / FILTER_PIECE_CHARS));
  if (pieces === 1) return [{ head, pieces }];
  const piece = (k: number) => base64.slice(k * FILTER_PIECE_CHARS, (k + 1) * FILTER_PIECE_CHARS);
  return [{ head: { ...head, filter: { ...head.filter, base64: piece(0) } }, pieces }, ...Array.from({ length: pieces - 1 }, (_, k) => ({ piece: piece(k + 1) }))];
}

/**
 * Gathers a head from headMessages' messages as they come: `take` returns the whole head once every piece
 * came, else undefined; it throws on a message of another shape.
 */
export function headGatherer(): { take(message: unknown): LexiconHead | undefined } {
  let first: { head: LexiconHead; pieces: number } | undefined;
  const rest: string[] = [];
  return {
    take(message) {
      const m = message as Partial<{ head: LexiconHead; pieces: number; piece: string }> | null;
      if (!first && typeof m?.head === 'object' && Number.isInteger(m.pieces) && m.pieces! >= 1) first = { head: m.head, pieces: m.pieces! };
      else if (first && typeof m?.piece === 'string' && rest.length < first.pieces - 1) rest.push(m.piece);
      else throw new Error('the lexicon port sent a message out of order');
      if (rest.length < first.pieces - 1) return undefined;
      return rest.length === 0 ? first.head : { ...first.head, filter: { ...first.head.filter, base64: first.head.filter.base64 + rest.join('') } };
    },
  };
}

/**
 * The parts of one bucket of first-word hashes, one line each: `\n<key>\t<JSON of a LexiconPart>`, where
 * the key is `<hash>` for what the first word is alone (its edge and the aliases it ends) and
 * `<hash>><next word's hash>` for the subtree below one next word. One string is stored and read back as
 * a block, where millions of small arrays would each be cloned; a question parses only its own lines (a
 * given name that starts 5,000 names holds 5,000 lines of a few hundred bytes, not one part of 2 MB).
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
  // The filter's keys (decisions §39): whole one-word aliases, first words of longer ones, and their
  // second words where those are not one-word aliases already.
  const singles = new Set<number>();
  const prefixes = new Set<number>();
  const seconds = new Set<number>();
  const firstWords: string[] = [];

  // Parts by line key (see LexiconBucket). Two first words (or two next words of one first word) may
  // share a hash: their lines are one, as the page asks by hash.
  const partsByLine = new Map<string, { hash: number; part: LexiconPart; aliases: Set<number>; actors: Set<number> }>();
  const lineOf = (hash: number, key: string) => {
    let line = partsByLine.get(key);
    if (!line) partsByLine.set(key, (line = { hash, part: emptyPart(), aliases: new Set(), actors: new Set() }));
    return line;
  };
  for (const root of roots) {
    const word = index.edgeKeys[root - 1]!;
    const hash = hashFolded(word);
    firstWords.push(word);
    if (endsAt.has(root)) singles.add(hash);
    const lineOfNode = new Map<number, ReturnType<typeof lineOf>>([[root, lineOf(hash, String(hash))]]);
    for (const pending = [root]; pending.length > 0; ) {
      const node = pending.pop()!;
      const line = lineOfNode.get(node)!;
      const { part } = line;
      const addAlias = (alias: number) => {
        if (line.aliases.has(alias)) return;
        line.aliases.add(alias);
        const actor = index.aliasActor[alias]!;
        part.aliases.push([alias, actor, index.aliasText[alias]!, index.aliasFlags[alias]!]);
        if (!line.actors.has(actor)) {
          line.actors.add(actor);
          part.actors.push(actorRow(actor));
        }
      };
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
        if (node !== root) lineOfNode.set(child, line);
        else {
          const next = hashFolded(edgeWord(index.edgeKeys[child - 1]!));
          prefixes.add(hash);
          seconds.add(next);
          lineOfNode.set(child, lineOf(hash, `${hash}>${next}`));
        }
      }
    }
  }
  const filterKeys = [...singles, ...[...prefixes].map(prefixKey), ...[...seconds].filter((hash) => !singles.has(hash)).map(secondKey)];
  const filter = buildFuseFilter(filterKeys);
  for (const [key, { hash, part }] of partsByLine) bucketParts[bucketOf(hash, bucketCount)]!.push(`\n${key}\t${JSON.stringify(part)}`);
  return {
    head: {
      format: LEXICON_FORMAT,
      firstWords: roots.length,
      filter: { ...filter.shape, base64: bytesToBase64(filter.bytes) },
      ...(roots.length <= REGEX_SIEVE_MAX_FIRST_WORDS && { pattern: firstWordPattern(firstWords) }),
      ...(index.creditCues && { creditRules: compileCreditRules(index.creditCues) }),
      folds: foldTableOf(),
    },
    buckets: bucketParts.map((lines) => `${lines.join('')}\n`),
    firstWords,
  };
}

/**
 * A question for the parts below one first word: [the word's hash, the hash of the word after it on the
 * page]. The answer holds the aliases the first word is alone, and the subtree below that one next word
 * only: a given name that starts 5,000 actors' names costs a page the few it is followed by, not all.
 * Next NO_NEXT_WORD: the first word alone (a word whose hash is 0 only brings its subtree along).
 * Without a next word, the whole part (tests, and the background's own matcher).
 */
export type PartAsk = readonly [first: number, next?: number];

export const NO_NEXT_WORD = 0;

/** One part answering `asks` from the buckets (an actor or alias that two lines share is given once). */
export function partsFor(asks: readonly PartAsk[], bucketCount: number, bucketAt: (bucket: number) => LexiconBucket | undefined): LexiconPart {
  const merged = emptyPart();
  const aliases = new Set<number>();
  const actors = new Set<number>();
  const linesRead = new Set<string>();
  const addLine = (bucket: LexiconBucket, at: number) => {
    const tab = bucket.indexOf('\t', at);
    const key = bucket.slice(at + 1, tab);
    if (linesRead.has(key)) return;
    linesRead.add(key);
    const part = JSON.parse(bucket.slice(tab + 1, bucket.indexOf('\n', tab))) as LexiconPart;
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
  };
  /** Every line whose key starts with `prefix` (the whole first word: its own line and every next word's). */
  const addLines = (bucket: LexiconBucket, prefix: string) => {
    for (let at = bucket.indexOf(prefix); at >= 0; at = bucket.indexOf(prefix, at + 1)) addLine(bucket, at);
  };
  for (const [first, next] of asks) {
    const bucket = bucketAt(bucketOf(first, bucketCount));
    if (bucket === undefined) continue;
    if (next === undefined) {
      addLines(bucket, `\n${first}\t`);
      addLines(bucket, `\n${first}>`);
      continue;
    }
    addLines(bucket, `\n${first}\t`);
    if (next !== NO_NEXT_WORD) addLines(bucket, `\n${first}>${next}\t`);
  }
  return merged;
}
