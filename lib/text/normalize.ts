/**
 * The loose form of a name, for look-ups where case, accents, apostrophe style and spacing must not
 * matter ("Dmítriev", "DMITRIEV", "O’Brien" = "O'Brien", "Vladi\u00ADmir" = "Vladimir"). Not the
 * matcher's per-alias rules: those can insist on exact case; this is the key for finding an actor by a
 * name someone typed or selected.
 */
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032\u0060\u00B4]/gu;
const DASHES = /[\u2010-\u2015\u2212]/gu;
const SPACES = /[\s\u00A0\u202F\u2007]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;
/**
 * Soft hyphens (U+00AD, a line-break hint sites put into long names: "Vladi\u00ADmir") and the zero-width
 * space, non-joiner, joiner, word joiner and BOM: invisible, inside words, of no letter. The one list for
 * every place that reads names (here, and the matcher's words in lib/match/text.ts).
 */
export const INVISIBLES = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

export function looseName(text: string): string {
  return text
    .replace(INVISIBLES, '')
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .trim()
    .toLowerCase()
    .normalize('NFC');
}
