/**
 * The words that may stand before a known surname and still name that actor: a patronymic, and a
 * given name spelt in a way no pack lists ("Стивен" for Steve, "Kiril" for Kirill, "Владімір" beside
 * "Володимир"). Real coverage transliterates given names freely, so an exact list cannot keep up, and
 * a surname rule that rejects every unlisted given name drops the fullest mentions a page has.
 *
 * The measure (docs/decisions.md, "Names as outlets write them"): both words are reduced to a
 * skeleton — Cyrillic spelt in Latin letters, then ph → f, w → v, y and j → i, doubled letters once —
 * and compared by edit distance. Close means the same first letter and a distance of at most 0 when
 * the shorter skeleton has 3 letters or fewer, 1 up to 6 letters, 2 from 7 letters on. A Cyrillic word
 * is also compared without its case ending, so every case form of a given name counts ("Стивена").
 * All of this runs only for the word before a surname alias that matched, so it costs nothing on
 * text that names nobody.
 */

/** Each Cyrillic letter, and its Latin spelling at the same place in the list after it ("-": none). */
const CYRILLIC = 'абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя';
const IN_LATIN = 'a b v g g d e e e zh z i i i i k l m n o p r s t u f kh ts ch sh shch - i - e iu ia'.split(' ');
const CYRILLIC_LETTER = /[\u0400-\u04ff]/g;
const IS_CYRILLIC = /^[\u0400-\u04ff]+$/;
const DOUBLED = /(.)\1+/g;

/** A folded word (foldWord's output) reduced to how it sounds, roughly, in Latin letters. */
export function nameSkeleton(folded: string): string {
  return folded
    .replace(CYRILLIC_LETTER, (letter) => IN_LATIN[CYRILLIC.indexOf(letter)]?.replace('-', '') ?? letter)
    .replace(/ph/g, 'f')
    .replace(/w/g, 'v')
    .replace(/[yj]/g, 'i')
    .replace(DOUBLED, '$1');
}

/**
 * Case endings of Russian and Ukrainian given names, folded (ё → е, ї → і as foldWord does), longest
 * first: "Стивена" is "Стивен" in the genitive, "Кирилом" is "Кирил" in the instrumental.
 */
const CASE_ENDINGS = ['ого', 'ому', 'ові', 'ом', 'ем', 'ой', 'ою', 'ею', 'ей', 'а', 'у', 'е', 'і', 'ы', 'и', 'я', 'ю'];

/** The word, and for a Cyrillic word the stems left once a case ending is cut (at least three letters kept). */
function stemsOf(folded: string): string[] {
  const stems = [folded];
  if (!IS_CYRILLIC.test(folded)) return stems;
  for (const ending of CASE_ENDINGS) {
    if (folded.length - ending.length >= 3 && folded.endsWith(ending)) stems.push(folded.slice(0, -ending.length));
  }
  return stems;
}

/** How far apart two skeletons may be and still be one name. */
export function allowedDistance(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  return shorter <= 3 ? 0 : shorter <= 6 ? 1 : 2;
}

/** Levenshtein distance, or limit + 1 as soon as it must exceed `limit` (names are short; two rows suffice). */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Whether a folded word is one of `givenSkeletons` (nameSkeleton of an actor's given names) spelt another way. */
export function isCloseToGivenName(folded: string, givenSkeletons: readonly string[]): boolean {
  if (givenSkeletons.length === 0 || folded.length > 30) return false;
  for (const stem of stemsOf(folded)) {
    const skeleton = nameSkeleton(stem);
    for (const given of givenSkeletons) {
      if (given === '' || skeleton[0] !== given[0]) continue;
      const limit = allowedDistance(skeleton, given);
      if (editDistance(skeleton, given, limit) <= limit) return true;
    }
  }
  return false;
}

/**
 * East Slavic patronymics, in any case, in Cyrillic ("Викторович", "Викторовича", "Вікторівною",
 * "Ильич") and in the Latin spellings of the wires ("Viktorovich", "Volodymyrovych", "Petrovna").
 * "-ich" alone is Cyrillic only: in Latin it ends German given names (Ulrich, Friedrich).
 */
const PATRONYMIC = new RegExp(
  [
    '^[\\u0400-\\u04ff]{2,}(?:ович|евич|йович|ьович|ич)(?:а|у|ем|е|і|ом)?$',
    '^[\\u0400-\\u04ff]{2,}(?:овн|евн|ічн|ичн|івн)(?:а|ы|и|і|е|у|ой|ою)$',
    '^[a-z]{2,}(?:ovich|evich|ovych|evych|ovitch|evitch|owitsch|ewitsch|ovna|evna|ivna|ichna)$',
  ].join('|'),
);

export const isPatronymic = (folded: string): boolean => folded.length >= 6 && PATRONYMIC.test(folded);
