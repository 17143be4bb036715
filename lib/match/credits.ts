/**
 * Credits: where a news outlet's name stands for the outlet reporting, not acting. A pack keeps an
 * outlet as an actor only when it acts in one of its events (the New York Post interviewing Trump),
 * and even then most of its names on a page are the trade's bookkeeping: photo credits ("Foto: X",
 * "Benoit Tessier/X"), datelines ("MOSCOW (X) -"), bylines and source lines, attributions ("told X",
 * "according to X", "secondo X", "сообщает X"). Highlighting those paints every wire story with the
 * same name and says nothing about the event, so the matcher drops them (docs/decisions.md,
 * "Outlets are sources").
 *
 * Pure text rules over the block around a mention: no DOM, no browser API. The cue lists cover the
 * languages the packs are written for; a missed cue only leaves one highlight too many.
 */
import { stripAccents } from './text';

/** How far the rules look on either side of the name: the longest cue with its bridges fits. */
const CONTEXT = 80;

/** Case, accents and apostrophe styles folded away, so "Según", "selon" and "d’après" read as one. */
function fold(text: string): string {
  return stripAccents(text)
    .toLowerCase()
    .replace(/[’‘ʼ`´]/gu, "'")
    .replace(/\s+:/gu, ':'); // French spacing: "Photo : X"
}

const OPENING = /^[(«"“„[]+/u;
const CLOSING = /[)»"”\].,;!?]+$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Folded words, opening brackets and quotes taken off ("(Photo:" is "photo:"), an elided article split
 * after its apostrophe ("all'agenzia" is "all'" + "agenzia"). Closing punctuation stays: "told, Reuters"
 * is no attribution.
 */
function words(text: string): string[] {
  return fold(text)
    .replace(/(\p{L})'(?=\p{L})/gu, "$1' ")
    .split(/\s+/u)
    .map((word) => word.replace(OPENING, ''))
    .filter((word) => word !== '');
}

const phrases = (list: readonly string[]): string[][] => list.map(words);

/**
 * Words that may stand between a cue and the name without changing what the cue says: articles and
 * what the trade calls itself ("told the news agency Reuters", "all'agenzia Reuters", "агентству Рейтер").
 */
const BRIDGES = new Set(
  words(`the a an il lo la l' i gli le les un une der die das dem den des ein einer einem el los las
    news agency agencies newswire wire service newspaper paper tabloid daily outlet website site broadcaster channel
    us u.s. american british russian ukrainian international
    agenzia quotidiano giornale testata sito emittente statunitense americano americana britannica britannico russa russo
    agence journal quotidien site americain americaine britannique
    nachrichtenagentur agentur zeitung boulevardzeitung us-zeitung
    agencia diario periodico estadounidense britanica
    агентство агентству агентства агентством газета газете газеты газету издание изданию издания американское американскому американская американской британское британскому
    агенція агенції агенцію агентству видання виданню газета газеті американське американському британське британському`),
);

/** A year in "© 2025 Reuters" or "Copyright 2017 Reuters" bridges too. */
const isBridge = (word: string): boolean => BRIDGES.has(word) || /^\d{4}$/u.test(word);

/** Cues that end right before the name (after any bridges): the name is what the cue credits. */
const CUES_BEFORE = phrases([
  // Credits and source lines
  'photo:', 'photos:', 'photo', 'photo by', 'photograph:', 'photograph by', 'image:', 'images:', 'picture:', 'pictures:',
  'credit:', 'credits:', 'source:', 'sources:', 'copyright', '©', '(c)', 'via',
  'foto:', 'foto', 'foto di', 'fonte:', 'fonti:', 'credito:', 'crediti:',
  'bild:', 'bildquelle:', 'quelle:', 'fotos:',
  'fuente:', 'fuentes:', 'foto de',
  'фото:', 'фото', 'источник:', 'джерело:', 'світлина:',
  // English attributions
  'told', 'tells', 'telling', 'said to', 'say to', 'says to', 'speaking to', 'spoke to', 'speak to', 'talking to', 'talked to',
  'statement to', 'confirmed to', 'according to', 'reported by', 'reporting by', 'cited by', 'quoted by', 'seen by',
  'obtained by', 'reviewed by', 'published by', 'citing', 'per', 'wrote in', 'writes in', 'writing in', 'published in',
  'reporter for', 'correspondent for', 'journalist for', 'photographer for', 'wrote for', 'writes for', 'writing for',
  // Italian
  'secondo', 'secondo quanto riferito da', 'secondo quanto riportato da', 'come riporta', 'come riferisce', 'come scrive',
  'riporta', 'riferisce', 'scrive', 'comunica', 'secondo quanto comunica', 'secondo quanto scrive', 'citato da', 'citata da', 'citati da', 'citate da', 'riportato da', 'riportata da',
  'riferito da', 'riferita da', 'pubblicato da', 'pubblicata da', 'riportato dal', 'riportata dal', 'riferito dal',
  'citato dal', 'citata dal', 'riportato dalla', 'riferito dalla', "riportato dall'", "riferito dall'", "citato dall'",
  ...['detto', 'dichiarato', 'riferito', 'spiegato', 'confermato', 'raccontato', 'rivelato', 'confidato'].flatMap((verb) =>
    ['a', 'al', 'allo', 'alla', "all'", 'ai', 'agli', 'alle'].map((to) => `${verb} ${to}`),
  ),
  // French
  'selon', "d'apres", 'rapporte', 'rapporte par', 'cite par', 'publie par',
  ...['declare', 'dit', 'indique', 'confie', 'affirme', 'explique', 'confirme'].flatMap((verb) => [`${verb} a`, `${verb} au`, `${verb} aux`]),
  // German
  'laut', 'gegenuber', 'sagte', 'sagt', 'berichtete', 'berichtet', 'meldete', 'meldet', 'schrieb', 'schreibt',
  // Spanish
  'segun', 'informo', 'informa', 'publico', 'citado por', 'publicado por',
  ...['dijo', 'declaro', 'afirmo', 'explico', 'confirmo', 'aseguro'].flatMap((verb) => [`${verb} a`, `${verb} al`]),
  // Russian
  'сообщает', 'сообщил', 'сообщила', 'сообщило', 'сообщили', 'передает', 'пишет', 'писал', 'писала', 'по данным',
  'по сведениям', 'по информации', 'со ссылкой на', 'как сообщает', 'как пишет', 'заявил', 'заявила', 'заявили',
  'рассказал', 'рассказала', 'рассказали', 'сказал', 'сказала', 'сказали', 'цитирует', 'сообщает в',
  // Ukrainian
  'повідомляє', 'повідомив', 'повідомила', 'повідомило', 'повідомили', 'передає', 'пише', 'за даними', 'за інформацією',
  'з посиланням на', 'як повідомляє', 'як пише', 'заявив', 'заявила', 'заявили', 'розповів', 'розповіла', 'розповіли',
  'сказав', 'сказала', 'сказали',
]);

/** Bylines: the name is credited when the block opens with one of these. */
const BYLINES = phrases(['by', 'di', 'von', 'par', 'por', 'от']);

/** Cues right after the name: the outlet reporting ("Reuters reported", "Reuters zufolge"). */
const CUES_AFTER = phrases([
  'reported', 'reports', 'has reported', 'had reported', 'first reported', 'was first to report', 'wrote', 'writes',
  'has learned', 'learned', 'could not', 'was unable', 'has not been able', 'was not able', 'saw', 'reviewed', 'cited',
  'quoted', 'contributed', 'citing', 'staff', 'reporter', 'reporters', 'correspondent', 'correspondents', 'journalist',
  'journalists', 'photographer', 'photographers', 'photo', 'photos', 'video', 'tv', 'tally', 'calculations',
  'riferisce', 'riporta', 'scrive', 'ha riferito', 'ha riportato', 'ha scritto', 'rivela', 'ha rivelato', 'cita',
  'rapporte', 'a rapporte', 'ecrit', 'a ecrit', 'indique',
  'berichtete', 'berichtet', 'zufolge', 'schrieb', 'schreibt', 'meldete', 'meldet', 'erfuhr',
  'informo', 'informa', 'publico', 'reporto', 'reporta',
  'сообщает', 'сообщил', 'сообщило', 'сообщила', 'пишет', 'передает', 'со ссылкой', 'узнал', 'узнало', 'узнала',
  'повідомляє', 'повідомив', 'повідомило', 'повідомила', 'пише', 'передає', 'з посиланням',
]);

function endsWith(list: readonly string[], cue: readonly string[]): boolean {
  if (cue.length === 0 || cue.length > list.length) return false;
  return cue.every((word, k) => list[list.length - cue.length + k] === word);
}

function startsWith(list: readonly string[], cue: readonly string[]): boolean {
  return cue.length > 0 && cue.length <= list.length && cue.every((word, k) => list[k] === word);
}

/** The words before the name, tried with 0, 1, 2 … trailing bridges taken off, against `cues`. */
function creditedBefore(before: string[], cues: readonly (readonly string[])[], wholeList = false): boolean {
  const list = [...before];
  for (;;) {
    if (cues.some((cue) => (wholeList ? list.length === cue.length && endsWith(list, cue) : endsWith(list, cue)))) return true;
    const last = list.at(-1);
    if (last === undefined || !isBridge(last)) return false;
    list.pop();
  }
}

/**
 * True when the name at text[start, end) is a credit or an attribution: the outlet as the source of a
 * picture or a report, not as a party to what is reported.
 */
export function isCredit(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - CONTEXT), start);
  const after = text.slice(end, end + CONTEXT);
  // "Benoit Tessier/Reuters", "Reuters/AFP", "Reuters/Ipsos": the slash of picture and poll credits.
  if (/\/\s*$/u.test(before) || /^\s*\//u.test(after)) return true;
  // Datelines and bracketed credits: "MOSCOW (Reuters) -", "[Reuters]".
  if ((/\(\s*$/u.test(before) && /^\s*\)/u.test(after)) || (/\[\s*$/u.test(before) && /^\s*\]/u.test(after))) return true;
  // The name alone in its block: a source line under a headline, a byline, a logo's text.
  if (!LETTER_OR_DIGIT.test(text.slice(0, start)) && !LETTER_OR_DIGIT.test(text.slice(end))) return true;

  const wordsBefore = words(before);
  if (start > CONTEXT) wordsBefore.shift(); // the first word may be cut in half by the window
  if (creditedBefore(wordsBefore, CUES_BEFORE)) return true;
  if (start <= CONTEXT && creditedBefore(wordsBefore, BYLINES, true)) return true;

  const wordsAfter = words(after.replace(/^\s*[,–—-]\s*/u, ' '));
  while (wordsAfter.length > 0 && isBridge(wordsAfter[0]!.replace(CLOSING, ''))) wordsAfter.shift();
  const bare = wordsAfter.map((word) => word.replace(CLOSING, ''));
  return CUES_AFTER.some((cue) => startsWith(bare, cue));
}
