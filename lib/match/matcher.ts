/**
 * The scanner that runs in content scripts: finds actor mentions in the text of one page block.
 * Pure and synchronous; a block is scanned word by word with one hash look-up per word, and only a
 * word that starts some alias leads to more work.
 */
import type { ActorKey } from '../pack/keys';
import { AMBIGUOUS, CASE_SENSITIVE, edgeKey, OUTLET, SURNAME, type MatcherIndex } from './build';
import { isCredit, type CreditRules } from './credits';
import { isCloseToGivenName, isPatronymic, nameSkeleton } from './given-names';
import { fuseFilterOf, pairTest, type FuseFilter } from './fuse-filter';
import { buildLexicon, NO_NEXT_WORD, partsFor, type LexiconHead, type LexiconPart, type PartAsk } from './lexicon';
import type { SieveTables } from './sieve';
import { isTitle } from './titles';
import { canonicalGap, cutPhrase, findWords, foldWord, hashFolded, isApostrophe, learnFoldTable, stripAccents, UNHASHED, type Phrase, type Words } from './text';

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
  /** Mentions in one block of text, sorted by start, never overlapping (`words`: findWords(text), when the caller has it). */
  findMentions(text: string, words?: Words): Mention[];
  /** What the sieve needs to tell, word by word, where a mention could start (./sieve.ts). */
  sieveTables: SieveTables;
  /**
   * What to ask the background for (./lexicon.ts PartAsk): each word of `texts` that could start an
   * alias, with the word after it when the pair could start one, each such question asked once.
   */
  candidates(texts: readonly string[], words?: readonly Words[]): PartAsk[];
  /** Loads the parts the background sent for some candidates. */
  add(part: LexiconPart): void;
  /** The kind of a loaded actor (every actor a mention names is loaded). */
  kindOf(actor: ActorKey): string | undefined;
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

/**
 * An actor's notWhenPartOf phrases ("Trump Tower", "Ivanka Trump"). A phrase longer than a mention can
 * cover it only through the word right before it or right after it, so those two words find the few
 * phrases worth checking (Donald Trump has 33 and appears dozens of times on a page).
 */
interface Blockers {
  /** In the pack's order: the first phrase that covers a mention decides where matching resumes. */
  phrases: Phrase[];
  /** Positions in `phrases` of the phrases holding each folded word. */
  byWord: Map<string, number[]>;
  /** Positions of the phrases of each length, shortest first: a phrase no longer than a mention is always checked. */
  byLength: number[][];
}

function blockersFrom(phrases: Phrase[]): Blockers {
  const byWord = new Map<string, number[]>();
  const byLength: number[][] = [];
  phrases.forEach((phrase, at) => {
    for (const word of new Set(phrase.folded)) addTo(byWord, word, at);
    (byLength[phrase.folded.length] ??= []).push(at);
  });
  return { phrases, byWord, byLength };
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

function addTo<Key, Value>(lists: Map<Key, Value[]>, key: Key, value: Value) {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/**
 * The look-up tables of the parts a page has loaded (./lexicon.ts): the trie below each loaded first
 * word, its spellings, aliases and actors. Parts only add; ids are the full index's.
 */
class MatcherTables {
  readonly edges = new Map<string, number>();
  /** Hashes of the loaded first words: the scanner's one look-up for nearly every word of a page. */
  readonly firstWords = new Set<number>();
  readonly spellingsAtNode = new Map<number, number[]>();
  private readonly formText = new Map<number, string>();
  private readonly formAlias = new Map<number, number>();
  private readonly aliasRows = new Map<number, Alias>();
  private readonly actorRows = new Map<number, { key: ActorKey; kind: string; givenWords: string; blockers: string[] }>();
  readonly actorIds = new Map<ActorKey, number>();
  readonly givenNames = new Set<string>();
  private readonly spellings = new Map<number, Spelling>();
  private readonly givenSkeletons = new Map<number, string[]>();
  private readonly blockers = new Map<number, Blockers>();

  add(part: LexiconPart): void {
    for (const [key, node] of part.edges) {
      this.edges.set(key, node);
      if (!key.includes(':')) this.firstWords.add(hashFolded(key));
    }
    for (const [node, spelling] of part.ends) {
      const list = this.spellingsAtNode.get(node);
      if (!list) this.spellingsAtNode.set(node, [spelling]);
      else if (!list.includes(spelling)) list.push(spelling);
    }
    for (const [spelling, alias, text] of part.forms) {
      this.formText.set(spelling, text);
      this.formAlias.set(spelling, alias);
    }
    for (const [id, actor, text, flags] of part.aliases) {
      this.aliasRows.set(id, {
        actor,
        text,
        surname: (flags & SURNAME) !== 0,
        caseSensitive: (flags & CASE_SENSITIVE) !== 0,
        ambiguous: (flags & AMBIGUOUS) !== 0,
        outlet: (flags & OUTLET) !== 0,
      });
    }
    for (const [id, key, kind, givenWords, givenForms, blockers] of part.actors) {
      if (this.actorRows.has(id)) continue;
      this.actorRows.set(id, { key, kind, givenWords, blockers });
      this.actorIds.set(key, id);
      for (const form of givenForms) this.givenNames.add(`${id}:${form}`);
    }
  }

  actorKey = (actor: number): ActorKey => this.actorRows.get(actor)!.key;

  kindOf = (key: ActorKey): string | undefined => {
    const id = this.actorIds.get(key);
    return id === undefined ? undefined : this.actorRows.get(id)?.kind;
  };

  /** A spelling cut into words, the first time a page meets it. */
  spelling(id: number): Spelling {
    let found = this.spellings.get(id);
    if (!found) {
      const form = this.formText.get(id);
      const alias = this.aliasRows.get(form === undefined ? id : this.formAlias.get(id)!)!;
      this.spellings.set(id, (found = { ...cutPhrase(form ?? alias.text), alias }));
    }
    return found;
  }

  /** An actor's given names as skeletons, made the first time a page needs them (rarely: see wordsBeforeSurname). */
  givenSkeletonsOf(actor: number): string[] {
    let found = this.givenSkeletons.get(actor);
    if (!found) {
      const words = this.actorRows.get(actor)?.givenWords ?? '';
      this.givenSkeletons.set(actor, (found = words === '' ? [] : words.split(' ').map(nameSkeleton)));
    }
    return found;
  }

  /** An actor's notWhenPartOf phrases, cut and found by their words, the first time a page names the actor. */
  blockersOf(actor: number): Blockers {
    let found = this.blockers.get(actor);
    if (!found) this.blockers.set(actor, (found = blockersFrom((this.actorRows.get(actor)?.blockers ?? []).map(cutPhrase))));
    return found;
  }
}

/**
 * The matcher over a lexicon's head. It starts with no part loaded: `candidates` says which words of
 * some texts could start an alias and were not asked for yet, `add` loads the parts the background
 * sent for them, then `findMentions` finds exactly what the whole index would.
 */
/** `filter`: the head's filter when the caller decoded it already (a page decodes it in steps, fuse-filter.ts filterBytesInSteps). */
export function createLexiconMatcher(head: Pick<LexiconHead, 'filter' | 'creditRules' | 'folds'>, filter: FuseFilter = fuseFilterOf(head.filter)): Matcher {
  learnFoldTable(head.folds);
  const startsPair = pairTest(filter);
  const tables = new MatcherTables();
  /** Per first word, the next words already asked about (NO_NEXT_WORD: the word alone). */
  const asked = new Map<number, Set<number>>();
  const { creditRules } = head;
  return {
    findMentions: (text, words) => findMentionsIn(tables, creditRules, text, words),
    sieveTables: { singles: filter, startsPair },
    kindOf: tables.kindOf,
    add: (part) => tables.add(part),
    candidates(texts, words = texts.map(findWords)) {
      const wanted: PartAsk[] = [];
      for (let t = 0; t < texts.length; t++) {
        const text = texts[t]!;
        const { starts, ends, hashes } = words[t]!;
        const hashAt = (k: number) => {
          const hash = hashes[k]!;
          return hash !== UNHASHED ? hash : hashFolded(foldWord(text.slice(starts[k], ends[k])));
        };
        let next = starts.length > 0 ? hashAt(0) : 0;
        for (let k = 0; k < starts.length; k++) {
          const hash = next;
          const hasNext = k + 1 < starts.length;
          if (hasNext) next = hashAt(k + 1);
          // The filter has no false no: a pair it does not hold has no subtree to ask for.
          const nextWord = hasNext && startsPair(hash, next) ? next : filter.has(hash) ? NO_NEXT_WORD : undefined;
          if (nextWord === undefined) continue;
          let nexts = asked.get(hash);
          if (!nexts) asked.set(hash, (nexts = new Set()));
          if (nexts.has(nextWord)) continue;
          nexts.add(nextWord);
          wanted.push([hash, nextWord]);
        }
      }
      return wanted;
    },
  };
}

/** The matcher for a whole index, every part loaded (tests, the background, small packs). */
export function createMatcher(index: MatcherIndex, kindOf: (actor: ActorKey) => string = () => 'person'): Matcher {
  const lexicon = buildLexicon(index, kindOf);
  const matcher = createLexiconMatcher(lexicon.head);
  matcher.add(partsFor(lexicon.firstWords.map((word) => [hashFolded(word)]), lexicon.buckets.length, (bucket) => lexicon.buckets[bucket]));
  return matcher;
}

function findMentionsIn(tables: MatcherTables, creditRules: CreditRules | undefined, text: string, words?: Words): Mention[] {
  const { edges, spellingsAtNode, givenNames, firstWords: firstWordHashes } = tables;
  if (typeof text !== 'string' || text === '') return [];
  const { starts, ends, hashes } = words ?? findWords(text);
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
    for (let k = 0; k < found.folded.length; k++) {
      const aliasWord = found.folded[k]!;
      const textWord = folded(first + k);
      let shared = 0;
      while (shared < aliasWord.length && textWord[shared] === aliasWord[shared]) shared++;
      const cased = stripAccents(text.slice(starts[first + k], ends[first + k]));
      if (cased.slice(0, shared) !== (found.cased[k] ?? '').slice(0, shared)) return false;
    }
    return true;
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
    if (givenNames.has(`${actor}:${word}`) || isCloseToGivenName(word, tables.givenSkeletonsOf(actor))) {
      return { firstWord: previous, named: true };
    }
    // Before a patronymic a capitalised word is a given name even at the start of a sentence.
    if (isTitle(word) || (!patronymic && opensSentence(previous))) return { firstWord, named: false };
    return undefined;
  }

  /** Where a notWhenPartOf phrase covering the mention ends, or -1 when none covers it. */
  function blockedUntil(found: Spelling, first: number, last: number): number {
    const { phrases, byWord, byLength } = tables.blockersOf(found.alias.actor);
    if (phrases.length === 0) return -1;
    const length = last - first + 1;
    const worth: number[] = [];
    for (let n = 1; n <= length && n < byLength.length; n++) for (const at of byLength[n] ?? []) worth.push(at);
    if (first > 0) for (const at of byWord.get(folded(first - 1)) ?? []) worth.push(at);
    if (last + 1 < wordCount) for (const at of byWord.get(folded(last + 1)) ?? []) worth.push(at);
    if (worth.length > 1) worth.sort((a, b) => a - b);
    for (let k = 0; k < worth.length; k++) {
      if (k > 0 && worth[k] === worth[k - 1]) continue;
      const end = coveredUntil(phrases[worth[k]!]!, found, first, last);
      if (end >= 0) return end;
    }
    return -1;
  }

  /** Where `phrase` ends when it covers the mention of words first…last, or -1. */
  function coveredUntil(phrase: Phrase, found: Spelling, first: number, last: number): number {
    const words = phrase.folded;
    for (let offset = 0; offset + last - first < words.length; offset++) {
      const phraseStart = first - offset;
      const phraseLast = phraseStart + words.length - 1;
      if (phraseStart < 0 || phraseLast >= wordCount) continue;
      let k = 0;
      for (; k < words.length; k++) {
        const at = phraseStart + k;
        const insideMention = at >= first && at <= last;
        if (words[k] !== folded(at) && !(insideMention && words[k] === found.folded[at - first])) break;
        if (k > 0 && canonicalGap(gapBefore(at)) !== phrase.gaps[k - 1]) break;
      }
      if (k < words.length) continue;
      const end = wordEnd(phraseLast);
      if (canonicalGap(text.slice(end, end + phrase.trail.length)) === phrase.trail) return end + phrase.trail.length;
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
      actor: tables.actorKey(chosen.alias.actor),
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
          const found = tables.spelling(id);
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

/**
 * Page level: an ambiguous mention ("Waltz" the dance or the adviser?) counts only when the same page
 * also names the actor unambiguously.
 */
export function resolveAmbiguity<Found extends Mention>(mentions: readonly Found[]): Found[] {
  const namedClearly = new Set(mentions.filter((mention) => !mention.ambiguous).map((mention) => mention.actor));
  return mentions.filter((mention) => !mention.ambiguous || namedClearly.has(mention.actor));
}
