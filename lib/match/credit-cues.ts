/**
 * The words of credits and attributions, per language, for ./credits.ts. Data, not code: the background
 * puts them in the matcher index only when a pack has an outlet (build.ts), so a content script carries
 * these 7 kB of word lists only on the tabs that need them, not in its own bundle (decisions §21).
 * Accents are written folded ("d'apres", "segun"), as credits.ts compares folded words.
 */

export interface CreditCues {
  /** Words that may stand between a cue and the name: articles and what the trade calls itself. */
  bridges: string;
  /** Cues that end right before the name (after any bridges): the name is what the cue credits. */
  before: string[];
  /** Bylines: the name is credited when the block opens with one of these. */
  bylines: string[];
  /** Cues right after the name: the outlet reporting ("Reuters reported", "Reuters zufolge"). */
  after: string[];
}

/** A function, not a constant, so that a bundle which never builds an index drops all of it. */
export function creditCues(): CreditCues {
  return {
    // "told the news agency Reuters", "all'agenzia Reuters", "агентству Рейтер"
    bridges: `the a an il lo la l' i gli le les un une der die das dem den des ein einer einem el los las
    news agency agencies newswire wire service newspaper paper tabloid daily outlet website site broadcaster channel
    us u.s. american british russian ukrainian international
    agenzia quotidiano giornale testata sito emittente statunitense americano americana britannica britannico russa russo
    agence journal quotidien site americain americaine britannique
    nachrichtenagentur agentur zeitung boulevardzeitung us-zeitung
    agencia diario periodico estadounidense britanica
    агентство агентству агентства агентством газета газете газеты газету издание изданию издания американское американскому американская американской британское британскому
    агенція агенції агенцію агентству видання виданню газета газеті американське американському британське британському`,
    before: [
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
    ],
    bylines: ['by', 'di', 'von', 'par', 'por', 'от'],
    after: [
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
    ],
  };
}
