/**
 * fast-check generators of text that looks like news and text that looks like nothing, shared by the
 * matcher's and the sieve's property tests.
 */
import fc from 'fast-check';
import { testActors } from './match-actors';

export const aliasTexts = testActors().flatMap(({ aliases }) => aliases.flatMap((alias) => [alias.text, ...(alias.forms ?? [])]));
export const noise = ['the', 'said', 'Il', 'presidente', 'и', 'лавров', 'waltz', 'trump', 'card', 'Jr.', 'Beach', 'Ivanka', 'President', 'Charles', 's', 'а', 'ому', '2025', 'Путинизм'];
/** Soft hyphen and zero-width characters: inside a word they are part of it (lib/match/text.ts). */
export const invisibles = ['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
export const gaps = [' ', '  ', '\u00A0', '\u202F', '\n', "'", '’', 'ʼ', '-', '\u2011', '–', '.', ', ', '. ', '«', '»', '(', '', '\u200D', '👍🏽', '\uD800', '\uDFFF', '\u0301', 'ß', 'שלום', ...invisibles];

/** An alias text with an invisible character put in somewhere, as sites do for line breaking ("Vladi\u00ADmir"). */
const withInvisible = fc
  .tuple(fc.constantFrom(...aliasTexts), fc.nat(), fc.constantFrom(...invisibles))
  .map(([text, cut, invisible]) => text.slice(0, cut % (text.length + 1)) + invisible + text.slice(cut % (text.length + 1)));

/** Texts that look like news: alias texts, pieces of them, inflection endings and noise, glued by odd gaps. */
export const newsLike = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...aliasTexts),
        withInvisible,
        fc.constantFrom(...aliasTexts).chain((text) => fc.nat(text.length).map((cut) => text.slice(0, cut))),
        fc.constantFrom(...noise),
        fc.string({ maxLength: 4 }),
      ),
      fc.constantFrom(...gaps),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.map(([piece, gap]) => piece + gap).join(''));

export const anyText = fc.oneof(
  newsLike,
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 60 }), // lone surrogates
  fc.array(fc.oneof(newsLike, fc.string({ unit: 'binary' })), { maxLength: 4 }).map((parts) => parts.join('')),
);

