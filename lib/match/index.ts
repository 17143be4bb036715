/**
 * Name matching for content scripts: build the index once in the background, hydrate it once per
 * page, then ask for the mentions in each block of text. No DOM, no browser API, no zod.
 */
export { buildMatcherIndex, type AliasInput, type MatcherActor, type MatcherIndex } from './build';
export { createMatcher, createMatcherInSlices, resolveAmbiguity, type Matcher, type Mention } from './matcher';
