/**
 * Case endings, expanded when the index is built: the scanner then finds "Лаврову" with the same
 * single look-up as "Лавров", and the per-word cost stays one Map hit whatever the language.
 * Only the last word of an alias declines (the surname carries the case in running text); a given
 * name before it is recognised by the surname rule instead (see givenNameForms).
 */
import { foldWord } from './text';

/**
 * [endings of the base word, letters they lose, endings that replace them]. The first rule whose
 * ending fits wins, so specific endings come before general ones. Written in plain Cyrillic and
 * folded once, so ё/е and ї/і match what the scanner produces.
 */
type Rule = readonly [endings: string, cut: number, replacements: string];

const RUSSIAN_CONSONANTS = 'б в г д ж з к л м н п р с т ф х ц ч ш щ';
const UKRAINIAN_CONSONANTS = 'б в г ґ д ж з к л м н п р с т ф х ц ч ш щ';

const RULES: Record<string, readonly Rule[]> = {
  ru: [
    ['ова ева ёва ина ына', 1, 'ой у'], // Захарова → Захаровой, Захарову
    ['ов ев ёв ин ын', 0, 'а у ым ом е'], // Лавров, Дмитриев, Путин → Путина, Путину, Путиным, Путине
    ['ий', 2, 'ого ому им ом'], // Зеленский → Зеленского
    ['ый ой', 2, 'ого ому ым ом'], // Толстой → Толстого
    ['ая', 2, 'ой ую'], // Успенская → Успенской
    ['а', 1, 'ы и е у ой'], // Москва → Москвы, Москве, Москву, Москвой
    ['я', 1, 'и е ю ей'],
    ['ь', 1, 'я ю ем е и'], // Кремль → Кремля, Кремлю, Кремлём
    ['й', 1, 'я ю ем е'], // Сергей → Сергея
    [RUSSIAN_CONSONANTS, 0, 'а у ом ем е'], // Трамп → Трампа, Трампу, Трампом, Трампе
  ],
  uk: [
    ['ова ева єва іна ина', 1, 'ої у ою'],
    ['ов ев єв ін ин їн', 0, 'а у ові им ім і'], // Путін → Путіна, Путінові, Путіним
    ['ий', 2, 'ого ому им ім'], // Зеленський → Зеленського
    ['ій', 2, 'ого ому ім'],
    ['а', 1, 'и і у ою'],
    ['я', 1, 'і ї ю ею'],
    ['ь', 1, 'я ю ем і'], // Кремль → Кремля, Кремлі
    ['й', 1, 'я ю єм ї'], // Сергій → Сергія
    [UKRAINIAN_CONSONANTS, 0, 'а у ові ом і ем'], // Трамп → Трампа, Трампові
  ],
};

interface FoldedRule {
  endings: string[];
  cut: number;
  replacements: string[];
}

const foldList = (words: string) => words.split(' ').map(foldWord);
let foldedRules: Map<string, FoldedRule[]> | undefined;

function rulesFor(lang: string): FoldedRule[] | undefined {
  foldedRules ??= new Map(
    Object.entries(RULES).map(([code, rules]) => [
      code,
      rules.map(([endings, cut, replacements]) => ({ endings: foldList(endings), cut, replacements: foldList(replacements) })),
    ]),
  );
  return foldedRules.get(lang);
}

const ENDS_IN_LATIN_LETTER = /\p{Script=Latin}$/u;
const ENDS_IN_SIBILANT = /[sxz]$/; // ß is already "ss" once folded

/**
 * The other spellings of a folded word in the alias's language. Any Latin-script word also gets a
 * genitive -s ("Putins Berater", "Trumps"), whatever the alias language, because German and English
 * pages quote names from every language; names already ending in a sibilant take an apostrophe instead.
 */
export function inflectedForms(folded: string, lang: string): string[] {
  const forms: string[] = [];
  if (ENDS_IN_LATIN_LETTER.test(folded) && !ENDS_IN_SIBILANT.test(folded)) forms.push(`${folded}s`);
  const rule = rulesFor(lang)?.find((candidate) => candidate.endings.some((ending) => folded.endsWith(ending)));
  if (rule) {
    const stem = folded.slice(0, folded.length - rule.cut);
    for (const replacement of rule.replacements) forms.push(stem + replacement);
  }
  return forms;
}
