/**
 * The scanner that runs in content scripts: finds actor mentions in the text of one page block.
 * Pure and synchronous; a block is scanned word by word with one hash look-up per word, and only a
 * word that starts some alias leads to more work.
 */
import type { ActorKey } from '../pack/keys';
import { AMBIGUOUS, CASE_SENSITIVE, edgeKey, OUTLET, SURNAME, type MatcherIndex } from './build';
import { compileCreditRules, isCredit } from './credits';
import { isCloseToGivenName, isPatronymic, nameSkeleton } from './given-names';
import { ShardedMap, ShardedSet } from './sharded';
import { HashSet32, pairHash, type SieveTables } from './sieve';
import { isTitle } from './titles';
import { canonicalGap, cutPhrase, findWords, foldWord, hashFolded, isApostrophe, stripAccents, UNHASHED, type Phrase } from './text';

export interface Mention {
  /** UTF-16 offsets in the block text, end exclusive. */
  start: number;
  end: number;
  actor: ActorKey;
  /** The alias text that matched (its base text when an inflected or irregular form was found). */
  alias: string;
  ambiguous: boolean;
}

export interface Matcher {
  /** Mentions in one block of text, sorted by start, never overlapping. */
  findMentions(text: string): Mention[];
  /** What the sieve needs to tell, word by word, where a mention could start (./sieve.ts). */
  sieveTables: SieveTables;
}

interface Alias {
  actor: number;
  text: string;
  surname: boolean;
  caseSensitive: boolean;
  ambiguous: boolean;
  outlet: boolean;
}

interface Spelling extends Phrase {
  alias: Alias;
}

interface Candidate {
  alias: Alias;
  /** Offsets in the block: a surname's mention may start at the given name before it. */
  start: number;
  end: number;
  /** The words before a surname named this actor (a given name of theirs): unambiguous whatever the alias. */
  named: boolean;
}

/** What the words right before a bare surname say: whose name it is, and where the name starts. */
interface BeforeSurname {
  /** The first word of the name: the surname's own, or a given name or patronymic before it. */
  firstWord: number;
  named: boolean;
}

const WHITESPACE_ONLY = /^\s+$/u;
/** Punctuation after which a capitalised word is capitalised because it opens a sentence. */
const SENTENCE_OPENERS = '.!?:;«“„"(—–…¿¡';

function addTo<Value>(lists: Map<number, Value[]>, key: number, value: Value) {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/** Table entries hydrated between two pauses: a few ms of work, so a slice with a GC pause still stays far below 50 ms. */
const HYDRATION_STEP = 2048;

/**
 * Turns a received index into look-up tables. A generator so that the caller decides when to pause:
 * at 100,000 actors hydration is a few hundred milliseconds, which must not be one task.
 */
function* hydrate(index: MatcherIndex): Generator<void, Matcher> {
  const edges = new ShardedMap<string, number>();
  const nodeCount = index.edgeKeys.length + 1;
  const firstWordHashes = new HashSet32(nodeCount);
  /** The folded hash of each first-word node's word; 0 for deeper nodes. */
  const firstWordHash = new Int32Array(nodeCount);
  const isFirstWord = new Uint8Array(nodeCount);
  /** Second-word edges (their parent is a first word): the pairs the sieve looks for. */
  const secondWordEdges: number[] = [];
  for (let k = 0; k < index.edgeKeys.length; k++) {
    const key = index.edgeKeys[k]!;
    edges.set(key, k + 1);
    // Edges from the root are keyed by the bare folded word (later edges carry "node:" before it).
    const colon = key.indexOf(':');
    if (colon < 0) {
      firstWordHash[k + 1] = hashFolded(key);
      firstWordHashes.add(firstWordHash[k + 1]!);
      isFirstWord[k + 1] = 1;
    } else if (isFirstWord[Number(key.slice(0, colon))] === 1) secondWordEdges.push(k);
    if (k % HYDRATION_STEP === HYDRATION_STEP - 1) yield;
  }
  const sieveTables: SieveTables = { singles: new HashSet32(nodeCount), pairs: new HashSet32(secondWordEdges.length) };
  for (let n = 0; n < secondWordEdges.length; n++) {
    // key = `${first-word node}:${gap}${word}`; the gap holds no word character
    const key = index.edgeKeys[secondWordEdges[n]!]!;
    const colon = key.indexOf(':');
    const afterGap = key.slice(colon + 1);
    const word = afterGap.slice(findWords(afterGap).starts[0] ?? 0);
    sieveTables.pairs.add(pairHash(firstWordHash[Number(key.slice(0, colon))]! >>> 0, hashFolded(word)));
    if (n % HYDRATION_STEP === HYDRATION_STEP - 1) yield;
  }
  const spellingsAtNode = new ShardedMap<number, number[]>();
  for (let k = 0; k < index.endNodes.length; k++) {
    const node = index.endNodes[k]!;
    const spelling = index.endSpellings[k] ?? 0;
    const list = spellingsAtNode.get(node);
    if (list) list.push(spelling);
    else spellingsAtNode.set(node, [spelling]);
    if (isFirstWord[node] === 1) sieveTables.singles.add(firstWordHash[node]!);
    if (k % HYDRATION_STEP === HYDRATION_STEP - 1) yield;
  }
  const givenNames = new ShardedSet<string>();
  for (let k = 0; k < index.givenNames.length; k++) {
    givenNames.add(index.givenNames[k]!);
    if (k % HYDRATION_STEP === HYDRATION_STEP - 1) yield;
  }
  const givenSkeletons = new Map<number, string[]>();
  /** An actor's given names as skeletons, made the first time a page needs them (rarely: see wordsBeforeSurname). */
  const givenSkeletonsOf = (actor: number): string[] => {
    let found = givenSkeletons.get(actor);
    if (!found) {
      const words = index.givenWords[actor] ?? '';
      givenSkeletons.set(actor, (found = words === '' ? [] : words.split(' ').map(nameSkeleton)));
    }
    return found;
  };
  const blockerTexts = new Map<number, string[]>();
  index.blockerActors.forEach((actor, k) => addTo(blockerTexts, actor, index.blockerPhrases[k] ?? ''));
  yield;

  // Aliases, spellings and blockers are unpacked and cut into words the first time a page meets
  // them: doing it up front for 100,000 actors would cost every tab that much for names it never shows.
  const aliasCount = index.aliasText.length;
  const spellings = new Map<number, Spelling>();
  const spelling = (id: number): Spelling => {
    let found = spellings.get(id);
    if (!found) {
      const aliasIndex = id < aliasCount ? id : (index.formAlias[id - aliasCount] ?? 0);
      const flags = index.aliasFlags[aliasIndex] ?? 0;
      const alias: Alias = {
        actor: index.aliasActor[aliasIndex] ?? 0,
        text: index.aliasText[aliasIndex] ?? '',
        surname: (flags & SURNAME) !== 0,
        caseSensitive: (flags & CASE_SENSITIVE) !== 0,
        ambiguous: (flags & AMBIGUOUS) !== 0,
        outlet: (flags & OUTLET) !== 0,
      };
      const text = id < aliasCount ? alias.text : (index.formText[id - aliasCount] ?? '');
      spellings.set(id, (found = { ...cutPhrase(text), alias }));
    }
    return found;
  };
  const creditRules = index.creditCues ? compileCreditRules(index.creditCues) : undefined;
  const blockers = new Map<number, Phrase[]>();
  const blockersOf = (actor: number): Phrase[] => {
    let cut = blockers.get(actor);
    if (!cut) blockers.set(actor, (cut = (blockerTexts.get(actor) ?? []).map(cutPhrase)));
    return cut;
  };

  function findMentions(text: string): Mention[] {
    if (typeof text !== 'string' || text === '') return [];
    const { starts, ends, hashes } = findWords(text);
    const wordCount = starts.length;
    const foldedWords: string[] = [];
    const folded = (k: number): string => (foldedWords[k] ??= foldWord(text.slice(starts[k], ends[k])));
    const gapBefore = (k: number): string => text.slice(ends[k - 1] ?? 0, starts[k]);
    const wordEnd = (k: number): number => ends[k] ?? text.length;

    /** End of the mention once the spelling's trailing punctuation is checked; -1 when it is missing. */
    function mentionEnd(found: Spelling, last: number): number {
      const end = wordEnd(last);
      if (found.trail !== '') {
        return canonicalGap(text.slice(end, end + found.trail.length)) === found.trail ? end + found.trail.length : -1;
      }
      // "Witkoffs’" is the family's possessive: the name is "Witkoff", the s belongs to the grammar.
      const lastWord = found.folded[found.folded.length - 1];
      return isApostrophe(text[end]) && folded(last) === `${lastWord}s` ? end - 1 : end;
    }

    /** Case-sensitive aliases: the text keeps the alias's case on the part both share (the stem). */
    function caseMatches(found: Spelling, first: number): boolean {
      return found.folded.every((aliasWord, k) => {
        const textWord = folded(first + k);
        let shared = 0;
        while (shared < aliasWord.length && textWord[shared] === aliasWord[shared]) shared++;
        const cased = stripAccents(text.slice(starts[first + k], ends[first + k]));
        return cased.slice(0, shared) === (found.cased[k] ?? '').slice(0, shared);
      });
    }

    function opensSentence(k: number): boolean {
      if (k === 0) return true;
      const gap = gapBefore(k).trimEnd();
      return gap !== '' && SENTENCE_OPENERS.includes(gap[gap.length - 1] ?? '');
    }

    /** A capitalised word right before word `next`, with only whitespace between, and after every mention so far. */
    function nameWordBefore(next: number, notBefore: number): boolean {
      const previous = next - 1;
      if (previous < 0 || (starts[previous] ?? 0) < notBefore || !WHITESPACE_ONLY.test(gapBefore(next))) return false;
      const initial = text[starts[previous] ?? 0] ?? '';
      return initial !== initial.toLowerCase();
    }

    /**
     * The words before a bare surname at word `first`. "Ivanka Trump", "Charles Kushner": a capitalised
     * word that is no given name of this actor makes the surname someone else's (undefined), unless it
     * is a title or opens the sentence. A patronymic is part of the name ("Сергей Викторович Лавров"),
     * and a given name of the actor, as listed or spelt close to it ("Стивена Уиткоффа", "Kiril
     * Dmítriev"), starts the mention and names the actor unambiguously.
     */
    function wordsBeforeSurname(actor: number, first: number, notBefore: number): BeforeSurname | undefined {
      let firstWord = first;
      const patronymic = nameWordBefore(firstWord, notBefore) && isPatronymic(folded(firstWord - 1));
      if (patronymic) firstWord--;
      if (!nameWordBefore(firstWord, notBefore)) return { firstWord, named: false };
      const previous = firstWord - 1;
      const word = folded(previous);
      if (givenNames.has(`${actor}:${word}`) || isCloseToGivenName(word, givenSkeletonsOf(actor))) {
        return { firstWord: previous, named: true };
      }
      // Before a patronymic a capitalised word is a given name even at the start of a sentence.
      if (isTitle(word) || (!patronymic && opensSentence(previous))) return { firstWord, named: false };
      return undefined;
    }

    /** Where a notWhenPartOf phrase covering the mention ends, or -1 when none covers it. */
    function blockedUntil(found: Spelling, first: number, last: number): number {
      const length = last - first + 1;
      for (const phrase of blockersOf(found.alias.actor)) {
        for (let offset = 0; offset + length <= phrase.folded.length; offset++) {
          const phraseStart = first - offset;
          const phraseLast = phraseStart + phrase.folded.length - 1;
          if (phraseStart < 0 || phraseLast >= wordCount) continue;
          const covers = phrase.folded.every((phraseWord, k) => {
            const at = phraseStart + k;
            const insideMention = at >= first && at <= last;
            if (phraseWord !== folded(at) && !(insideMention && phraseWord === found.folded[at - first])) return false;
            return k === 0 || canonicalGap(gapBefore(at)) === phrase.gaps[k - 1];
          });
          const end = wordEnd(phraseLast);
          if (covers && canonicalGap(text.slice(end, end + phrase.trail.length)) === phrase.trail) {
            return end + phrase.trail.length;
          }
        }
      }
      return -1;
    }

    /**
     * Rule of choice among aliases ending at the same word: the longest reach, then an unambiguous
     * alias (or a surname after the actor's given name) over an ambiguous one, then the first actor
     * key; a tie between actors is ambiguous.
     */
    function choose(candidates: readonly Candidate[]): Mention {
      const clear = (candidate: Candidate) => candidate.named || !candidate.alias.ambiguous;
      const longest = Math.max(...candidates.map((candidate) => candidate.end));
      let pool = candidates.filter((candidate) => candidate.end === longest);
      if (pool.some(clear)) pool = pool.filter(clear);
      const chosen = pool.reduce((best, candidate) =>
        candidate.alias.actor < best.alias.actor || (candidate.alias.actor === best.alias.actor && candidate.start < best.start) ? candidate : best,
      );
      const tied = pool.some((candidate) => candidate.alias.actor !== chosen.alias.actor);
      return {
        start: chosen.start,
        end: chosen.end,
        actor: index.actors[chosen.alias.actor]!,
        alias: chosen.alias.text,
        ambiguous: !clear(chosen) || tied,
      };
    }

    /** Every end node the words from `first` on reach, with the last word reached, shortest first. */
    function walk(first: number, firstNode: number): { node: number; last: number }[] {
      const reached: { node: number; last: number }[] = [];
      for (let node: number | undefined = firstNode, last = first; node !== undefined; ) {
        if (spellingsAtNode.has(node)) reached.push({ node, last });
        if (++last >= wordCount) break;
        node = edges.get(edgeKey(node, canonicalGap(gapBefore(last)), folded(last)));
      }
      return reached;
    }

    const mentions: Mention[] = [];
    let word = 0;
    while (word < wordCount) {
      const hash = hashes[word] ?? UNHASHED;
      if (hash !== UNHASHED && !firstWordHashes.has(hash)) {
        word++; // the common case: this word starts no alias, and no string was made to learn it
        continue;
      }
      const firstNode = edges.get(folded(word));
      let resumeAt = -1;
      if (firstNode !== undefined) {
        const reached = walk(word, firstNode);
        for (const { node, last } of reached.reverse()) {
          const candidates: Candidate[] = [];
          let skipUntil = -1;
          for (const id of spellingsAtNode.get(node) ?? []) {
            const found = spelling(id);
            const end = mentionEnd(found, last);
            if (end < 0) continue;
            if (found.alias.caseSensitive && !caseMatches(found, word)) continue;
            let before: BeforeSurname | undefined = { firstWord: word, named: false };
            if (found.alias.surname) {
              before = wordsBeforeSurname(found.alias.actor, word, mentions.at(-1)?.end ?? 0);
              if (!before) continue;
            }
            if (found.alias.outlet && creditRules && isCredit(creditRules, text, starts[word] ?? 0, end)) {
              skipUntil = Math.max(skipUntil, end); // "Photo: X", "told X": the outlet reporting, not acting (./credits.ts)
              continue;
            }
            const blockedEnd = blockedUntil(found, word, last);
            if (blockedEnd >= 0) skipUntil = Math.max(skipUntil, blockedEnd);
            else candidates.push({ alias: found.alias, start: starts[before.firstWord] ?? 0, end, named: before.named });
          }
          if (candidates.length > 0) {
            const mention = choose(candidates);
            mentions.push(mention);
            resumeAt = Math.max(mention.end, skipUntil);
          } else if (skipUntil >= 0) {
            resumeAt = skipUntil; // the covering phrase names someone else: nothing inside it is ours
          }
          if (resumeAt >= 0) break; // the longest reach that yields anything decides
        }
      }
      if (resumeAt < 0) word++;
      else while (word < wordCount && (starts[word] ?? 0) < resumeAt) word++;
    }
    return mentions;
  }

  return { findMentions, sieveTables };
}

/** The matcher for `index`, hydrated in one go (tests, workers, small packs). */
export function createMatcher(index: MatcherIndex): Matcher {
  const steps = hydrate(index);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The matcher for `index`, hydrated in slices: `pause` is asked after each and may return a promise to wait on. */
export async function createMatcherInSlices(index: MatcherIndex, pause: () => Promise<void> | undefined): Promise<Matcher> {
  const steps = hydrate(index);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const waiting = pause();
    if (waiting) await waiting;
  }
}

/**
 * Page level: an ambiguous mention ("Waltz" the dance or the adviser?) counts only when the same page
 * also names the actor unambiguously.
 */
export function resolveAmbiguity<Found extends Mention>(mentions: readonly Found[]): Found[] {
  const namedClearly = new Set(mentions.filter((mention) => !mention.ambiguous).map((mention) => mention.actor));
  return mentions.filter((mention) => !mention.ambiguous || namedClearly.has(mention.actor));
}
