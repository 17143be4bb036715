/**
 * A deterministic, made-up pack of any size, for the 100k-actor benchmark, scale tests and
 * `npm run pack:synthetic`: invented names (so they never collide with real pages' words in a way that
 * flatters the matcher) in the scripts real packs carry — Latin with diacritics, Cyrillic, Greek —
 * three aliases each (the full name with an inflected form, the surname, a Latin transliteration or a
 * short form), and events linking actors with citations, the shape real imported packs have.
 *
 * Pure and seedless: actor i and event k are functions of i and k alone, so two runs write the same
 * bytes and a test can rebuild any actor without generating the others.
 */
import { EVENT_ROLE_MEANINGS, type Certainty, type EventRole, type PackInput } from './schema';

type ActorInput = PackInput['actors'][number];
type EventInput = PackInput['events'][number];
type AliasInput = ActorInput['aliases'][number];

export interface SyntheticOptions {
  id?: string;
  /** Events per actor on average (the 100k pack has 5: 500k events). 0 writes none. */
  eventsPerActor?: number;
}

/**
 * One syllable table per script, index for index the same sound, so a Cyrillic or Greek name has a
 * natural Latin transliteration (the alias a Western paper would print).
 */
const LATIN = ['ka', 'ri', 'lo', 'vem', 'tor', 'sa', 'bel', 'nik', 'du', 'ran', 'mi', 'zo', 'pel', 'go', 'star', 'vin', 'ta', 'lek', 'or', 'huv'];
/** Latin with diacritics, as Czech, Polish, Romanian, Turkish or Portuguese names carry them. */
const ACCENTED = ['ká', 'ři', 'lő', 'vęm', 'tør', 'şa', 'běl', 'ník', 'dû', 'rãn', 'mì', 'žo', 'pél', 'gö', 'štar', 'vîn', 'ţa', 'łek', 'ór', 'hüv'];
const CYRILLIC = ['ка', 'ри', 'ло', 'вем', 'тор', 'са', 'бел', 'ник', 'ду', 'ран', 'ми', 'зо', 'пел', 'го', 'стар', 'вин', 'та', 'лек', 'ор', 'хув'];
const GREEK = ['κα', 'ρι', 'λο', 'βεμ', 'τορ', 'σα', 'μπελ', 'νικ', 'ντου', 'ραν', 'μι', 'ζο', 'πελ', 'γκο', 'σταρ', 'βιν', 'τα', 'λεκ', 'ορ', 'χουβ'];

interface Script {
  syllables: readonly string[];
  lang: string;
  /** A genitive-like ending the full name also appears with (an irregular form, given in `forms`). */
  caseEnding: string;
  /** The script is not Latin: the third alias is the name in Latin letters. */
  transliterated: boolean;
}

/** Actor i is written in SCRIPTS[i % 4]: a quarter of the pack each. */
const SCRIPTS: readonly Script[] = [
  { syllables: LATIN, lang: 'en', caseEnding: "'s", transliterated: false },
  { syllables: ACCENTED, lang: 'cs', caseEnding: 'a', transliterated: false },
  { syllables: CYRILLIC, lang: 'ru', caseEnding: 'а', transliterated: true },
  { syllables: GREEK, lang: 'el', caseEnding: 'ου', transliterated: true },
];

const capitalize = (word: string) => word.charAt(0).toLocaleUpperCase() + word.slice(1);

/** The syllable indexes of `n` written in base 20, `length` digits: distinct numbers, distinct words. */
function digits(n: number, length: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    out.push(n % LATIN.length);
    n = Math.floor(n / LATIN.length);
  }
  return out;
}

const spell = (syllables: readonly string[], indexes: readonly number[]) => capitalize(indexes.map((k) => syllables[k]).join(''));

/** A family name unique to actor i (its digits in base 20, never fewer than 4 syllables) and a given name shared with many. */
function nameParts(i: number, actors: number) {
  const familyLength = Math.max(4, Math.ceil(Math.log(Math.max(actors, 2)) / Math.log(LATIN.length)));
  return { family: digits(i, familyLength), given: digits((i * 7919 + 13) % 400, 2) };
}

export function syntheticActor(i: number, actors: number): ActorInput {
  const script = SCRIPTS[i % SCRIPTS.length]!;
  const { family, given } = nameParts(i, actors);
  const surname = spell(script.syllables, family);
  const full = `${spell(script.syllables, given)} ${surname}`;
  const latinFull = `${spell(LATIN, given)} ${spell(LATIN, family)}`;
  const kind = i % 5 === 4 ? ('organization' as const) : ('person' as const);
  const name = script.transliterated ? `${latinFull} (${full})` : full;
  const aliases: AliasInput[] = [
    { text: full, lang: script.lang, forms: [`${full}${script.caseEnding}`] },
    { text: surname, lang: script.lang, part: 'surname' },
    script.transliterated
      ? { text: latinFull, lang: 'en' }
      : { text: `${spell(script.syllables, given).charAt(0)}. ${surname}`, lang: script.lang, part: 'short' },
  ];
  return {
    id: `actor-${i}`,
    kind,
    name: { en: name, it: name },
    role: { en: kind === 'person' ? 'Invented official' : 'Invented body', it: kind === 'person' ? 'Funzionario inventato' : 'Ente inventato' },
    country: ['CZ', 'GR', 'RU', 'UA', 'US', 'IT', 'INT'][i % 7]!,
    aliases,
    // A related actor for one in ten: cards and the panel have relations to name.
    ...(i % 10 === 0 && i + 1 < actors && { relations: [{ type: 'ally-of' as const, actor: `actor-${i + 1}` }] }),
  };
}

const ROLES = Object.keys(EVENT_ROLE_MEANINGS) as EventRole[];
const CERTAINTIES: Certainty[] = ['confirmed', 'reported', 'claimed', 'unconfirmed', 'disputed'];
const TAGS = [
  { en: 'Talks', it: 'Colloqui' },
  { en: 'Sanctions', it: 'Sanzioni' },
  { en: 'Energy', it: 'Energia' },
  { en: 'Visit', it: 'Visita' },
  { en: 'Statement', it: 'Dichiarazione' },
  { en: 'Ceasefire', it: 'Tregua' },
  { en: 'Trade', it: 'Commercio' },
  { en: 'Election', it: 'Elezioni' },
];
const SOURCES = 40;
const YEARS = 11;

/** Event k's date: one of eleven years, to the day for most, to the month or year for some, as real packs. */
function eventDate(k: number): { date: string; year: number } {
  const year = 2015 + (k % YEARS);
  const month = String(1 + ((k >> 3) % 12)).padStart(2, '0');
  const day = String(1 + ((k >> 5) % 28)).padStart(2, '0');
  const precision = k % 10;
  return { year, date: precision === 0 ? String(year) : precision === 1 ? `${year}-${month}` : `${year}-${month}-${day}` };
}

/** Event k: its main actor is k mod the actor count, so every actor has events. */
export function syntheticEvent(k: number, actors: number): EventInput {
  const main = k % actors;
  // Every other event has a second actor from elsewhere in the pack (the chart and the "often with" list need pairs).
  const ids = k % 2 === 0 ? [main] : [...new Set([main, (main + 1 + ((k * 31) % Math.max(actors - 1, 1))) % actors])];
  const { date } = eventDate(k);
  const source = k % SOURCES;
  const tag = TAGS[k % TAGS.length]!;
  return {
    id: `event-${k}`,
    date,
    // Short words: 500k events must stay an importable file (about 100 MB as compact JSON).
    title: { en: `${tag.en} ${k}`, it: `${tag.it} ${k}` },
    summary: { en: 'Invented.', it: 'Inventato.' },
    actors: ids.map((id, j) => ({ actor: `actor-${id}`, role: ROLES[(k + j) % ROLES.length]! })),
    tags: [tag.en.toLowerCase()],
    certainty: CERTAINTIES[k % CERTAINTIES.length]!,
    // Every source is published at the end of the last year, so it can cite any event.
    sources: [{ source: `source-${source}` }],
  };
}

export function syntheticPack(actors: number, options: SyntheticOptions | string = {}): PackInput {
  const { id = `synthetic-${actors}`, eventsPerActor = 0 } = typeof options === 'string' ? { id: options } : options;
  const events = Math.round(actors * eventsPerActor);
  return {
    format: 'backstory-pack/1',
    id,
    version: '1.0.0',
    title: { en: `Synthetic pack (${actors} actors)`, it: `Pacchetto sintetico (${actors} attori)` },
    description: { en: 'Invented names for scale tests.', it: 'Nomi inventati per i test di scala.' },
    languages: [...new Set(SCRIPTS.map((s) => s.lang))],
    attribution: 'Generated by lib/pack/synthetic.ts',
    licence: 'CC0-1.0',
    sources: Array.from({ length: SOURCES }, (_, s) => ({
      id: `source-${s}`,
      outlet: `Invented Outlet ${s}`,
      title: `Invented report ${s}`,
      published: `${2015 + YEARS - 1}-12-31`,
      language: SCRIPTS[s % SCRIPTS.length]!.lang,
      kind: 'news' as const,
      url: `https://example.org/synthetic/${s}`,
    })),
    actors: Array.from({ length: actors }, (_, i) => syntheticActor(i, actors)),
    events: Array.from({ length: events }, (_, k) => syntheticEvent(k, actors)),
  };
}
