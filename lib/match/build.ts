/**
 * Builds the matcher index in the background, once per set of packs. The index is plain arrays so it
 * stays small; the background cuts it into a lexicon (./lexicon.ts) whose parts pages load word by word.
 *
 * The index is a word trie flattened into one hash table: the key of a first word is the folded word,
 * the key of a following word is `${parent node}:${canonical gap}${folded word}`. Unambiguous, because
 * a gap holds no letter or digit and a bare word holds no colon. Scanning costs one look-up per word
 * of the page whatever the number of aliases.
 */
import { shownKeys, type ActorIdentity } from '../pack/identity';
import type { ActorKey } from '../pack/keys';
import type { PackInput } from '../pack/schema';
import { creditCues, type CreditCues } from './credit-cues';
import { inflectedForms } from './inflection';
import { cutPhrase, findWords } from './text';

/** An alias as a pack gives it, before defaults: part 'full', caseSensitive false, inflect true. */
export type AliasInput = PackInput['actors'][number]['aliases'][number];

export interface MatcherActor {
  key: ActorKey;
  aliases: readonly AliasInput[];
  /** A news outlet: its names in credits and attributions are not mentions (./credits.ts). */
  outlet?: boolean;
  /** Who the actor is, for telling that two packs know the same person (lib/pack/identity.ts). */
  identity?: Omit<ActorIdentity, 'key'>;
}

/**
 * Two packs' copies of one person become one actor, under the key the side panel and the card show
 * it by, with the aliases of both: otherwise every name they share would tie between two actors and
 * count as ambiguous. Names that two different actors share stay ambiguous, across packs as within one.
 */
export function mergeSameActors(actors: readonly MatcherActor[]): MatcherActor[] {
  const shown = shownKeys(actors.flatMap(({ key, identity }) => (identity ? [{ key, kind: identity.kind, name: identity.name, wikidata: identity.wikidata }] : [])));
  if (shown.size === 0) return [...actors];
  const merged = new Map<ActorKey, MatcherActor>();
  for (const actor of actors) {
    const key = (shown.get(actor.key) ?? actor.key) as ActorKey;
    const into = merged.get(key);
    merged.set(key, into ? { key, aliases: [...into.aliases, ...actor.aliases], outlet: into.outlet === true || actor.outlet === true } : { ...actor, key });
  }
  return [...merged.values()];
}

/** Alias flags, one number per alias: a 100,000-actor index has 200,000 of them. */
export const SURNAME = 1;
export const CASE_SENSITIVE = 2;
export const AMBIGUOUS = 4;
/** The alias names a news outlet (the actor's flag, carried on each alias so a part needs no actor table to know it). */
export const OUTLET = 8;

/**
 * Plain arrays only (structured-clone and JSON safe), in parallel columns rather than objects so a
 * large index stays small: it is built once in the background, which cuts it into a lexicon.
 */
export interface MatcherIndex {
  format: 'backstory-matcher/1';
  /** Actor keys in code-unit order: the order that breaks ties between actors sharing a name. */
  actors: ActorKey[];
  aliasActor: number[];
  aliasText: string[];
  aliasFlags: number[];
  /**
   * Irregular forms. A spelling id below aliasText.length is that alias's own text; the id
   * aliasText.length + k is formText[k], a form of alias formAlias[k].
   */
  formAlias: number[];
  formText: string[];
  /** Trie edges; the node that edgeKeys[k] leads to is k + 1 (the root is 0). */
  edgeKeys: string[];
  /** Pairs: a spelling endSpellings[k] ends at node endNodes[k]. */
  endNodes: number[];
  endSpellings: number[];
  /** `${actor}:${folded word}` for every given-name word of an actor, with its case forms. */
  givenNames: string[];
  /**
   * givenWords[actor]: the actor's given-name words as written (folded, space-separated), for the
   * words before a surname that are close to one of them (./given-names.ts). One string per actor
   * so that a page cuts only the few it meets.
   */
  givenWords: string[];
  /** notWhenPartOf phrases: blockerPhrases[k] belongs to actor blockerActors[k]. */
  blockerActors: number[];
  blockerPhrases: string[];
  /** The credit and attribution cues (./credit-cues.ts), present only when some actor is an outlet. */
  creditCues?: CreditCues;
}

export const ROOT = 0;
export const edgeKey = (parent: number, gap: string, foldedWord: string): string =>
  parent === ROOT ? foldedWord : `${parent}:${gap}${foldedWord}`;

/** The folded word an edge key leads by (edgeKey's last part: after the parent and the gap, which holds no word character). */
export function edgeWord(key: string): string {
  const colon = key.indexOf(':');
  if (colon < 0) return key;
  const afterGap = key.slice(colon + 1);
  return afterGap.slice(findWords(afterGap).starts[0] ?? 0);
}

export function buildMatcherIndex(actors: readonly MatcherActor[]): MatcherIndex {
  const ordered = mergeSameActors(actors).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const aliases = ordered.flatMap((actor, actorIndex) => actor.aliases.map((alias) => ({ actorIndex, alias, outlet: actor.outlet === true })));
  const index: MatcherIndex = {
    format: 'backstory-matcher/1',
    actors: ordered.map((actor) => actor.key),
    aliasActor: aliases.map(({ actorIndex }) => actorIndex),
    aliasText: aliases.map(({ alias }) => alias.text),
    aliasFlags: aliases.map(
      ({ alias, outlet }) =>
        (alias.part === 'surname' ? SURNAME : 0) |
        (alias.caseSensitive ? CASE_SENSITIVE : 0) |
        (alias.ambiguous !== undefined ? AMBIGUOUS : 0) |
        (outlet ? OUTLET : 0),
    ),
    formAlias: [],
    formText: [],
    edgeKeys: [],
    endNodes: [],
    endSpellings: [],
    givenNames: [],
    givenWords: [],
    blockerActors: [],
    blockerPhrases: [],
  };
  const nodes = new Map<string, number>();
  const ends = new Set<string>();
  const givenNames = new Set<string>();
  const givenWords = ordered.map(() => new Set<string>());
  const blockers = new Set<string>();

  const child = (parent: number, gap: string, foldedWord: string): number => {
    const key = edgeKey(parent, gap, foldedWord);
    let node = nodes.get(key);
    if (node === undefined) {
      node = index.edgeKeys.push(key); // every node but the root has exactly one incoming edge
      nodes.set(key, node);
    }
    return node;
  };

  const addSpelling = (spelling: number, text: string, inflectAs: string | undefined) => {
    const { folded, gaps } = cutPhrase(text);
    const last = folded.at(-1);
    if (last === undefined) return; // punctuation only: nothing a word scanner could find
    let node = ROOT;
    for (let k = 0; k < folded.length - 1; k++) node = child(node, gaps[k - 1] ?? '', folded[k] ?? '');
    const lastGap = gaps[folded.length - 2] ?? '';
    const lastWords = inflectAs === undefined ? [last] : [last, ...inflectedForms(last, inflectAs)];
    for (const word of lastWords) {
      const end = child(node, lastGap, word);
      if (ends.has(`${end}:${spelling}`)) continue;
      ends.add(`${end}:${spelling}`);
      index.endNodes.push(end);
      index.endSpellings.push(spelling);
    }
  };

  aliases.forEach(({ actorIndex, alias }, aliasIndex) => {
    addSpelling(aliasIndex, alias.text, alias.inflect === false ? undefined : alias.lang);
    for (const form of alias.forms ?? []) {
      index.formAlias.push(aliasIndex);
      // Irregular forms are already inflected: declining them again would only add junk keys.
      addSpelling(aliases.length + index.formText.push(form) - 1, form, undefined);
    }

    const part = alias.part ?? 'full';
    if (part === 'full' || part === 'given') {
      const { folded } = cutPhrase(alias.text);
      for (const word of part === 'full' ? folded.slice(0, -1) : folded) {
        givenWords[actorIndex]?.add(word);
        for (const form of [word, ...inflectedForms(word, alias.lang)]) givenNames.add(`${actorIndex}:${form}`);
      }
    }
    // Blockers count for the whole actor: "Donald Trump Jr." contains the full alias "Donald Trump"
    // as well as the surname alias that lists it.
    for (const phrase of alias.notWhenPartOf ?? []) {
      if (blockers.has(`${actorIndex}:${phrase}`)) continue;
      blockers.add(`${actorIndex}:${phrase}`);
      index.blockerActors.push(actorIndex);
      index.blockerPhrases.push(phrase);
    }
  });
  index.givenNames = [...givenNames];
  index.givenWords = givenWords.map((words) => [...words].join(' '));
  if (ordered.some((actor) => actor.outlet === true)) index.creditCues = creditCues();
  return index;
}
