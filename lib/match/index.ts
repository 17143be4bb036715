/**
 * Name matching for content scripts: build the index and its lexicon once in the background; a page
 * holds the lexicon's filter, loads the parts its words reach, then asks for the mentions in each block. No DOM, no browser API, no zod.
 */
export { buildMatcherIndex, type AliasInput, type MatcherActor, type MatcherIndex } from './build';
export { createLexiconMatcher, createMatcher, resolveAmbiguity, type Matcher, type Mention } from './matcher';
export { buildLexicon, FILTER_PIECE_CHARS, headGatherer, headMessages, LEXICON_FORMAT, type HeadMessage, NO_NEXT_WORD, partsFor, bucketOf, type Lexicon, type LexiconBucket, type LexiconHead, type LexiconPart, type PartAsk } from './lexicon';
