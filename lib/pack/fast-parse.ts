/**
 * The schema's result for the bulk of a pack, its actors and events, computed without zod: what
 * `Pack.safeParse` returns for a pack it accepts, the same objects with the same keys in the same
 * order, defaults filled in and text trimmed. zod stays the schema of record (./schema.ts): this is a
 * fast path for files that pass, and it gives up (undefined) at the first thing it does not accept,
 * whereupon validatePack runs zod and reports zod's problems, with zod's messages and paths. So a file
 * this refuses wrongly costs time, never a different verdict; one it accepts wrongly would be a bug,
 * which tests/unit/fast-parse.test.ts looks for by comparing both on valid, hostile and mutated packs.
 *
 * Why: zod in jitless mode (the extension's CSP forbids its compiled parsers, lib/zod.ts) allocates a
 * result and an issue list for every value it visits; the 100k synthetic pack's 500k events and 100k
 * actors took 4–19 s in Node (docs/bench.md), most of it the garbage collector's. The few sources and
 * the pack's head still go through zod (their URLs need its URL rules, and they are a few hundred values).
 */
import { ActorKind, Alias, Certainty, EVENT_ROLE_MEANINGS, Pack, RelationType, type Pack as PackData } from './schema';

/** Thrown (and caught below) at the first value the fast path does not accept. */
const GIVE_UP = Symbol('give up');

/** The same patterns as ./schema.ts. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LANG = /^[a-z]{2,3}$/;
const PARTIAL_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
const WIKIDATA = /^Q[1-9][0-9]*$/;
const COUNTRY = /^(?:[A-Z]{2}|INT)$/;
const WHITESPACE_RUN = /\s+/u;

/** The schema's own enums, read from it: a value added there is accepted here too. */
const ACTOR_KINDS = new Set<string>(ActorKind.options);
const ALIAS_PARTS = new Set<string>(Alias.shape.part.unwrap().options);
const AMBIGUITIES = new Set<string>(Alias.shape.ambiguous.unwrap().options);
const RELATION_TYPES = new Set<string>(RelationType.options);
const CERTAINTIES = new Set<string>(Certainty.options);
const EVENT_ROLES = new Set(Object.keys(EVENT_ROLE_MEANINGS));

/** The keys each object may have; the output puts them in the schema's order whatever the input's. */
const ACTOR_KEYS = new Set(['id', 'kind', 'outlet', 'wikidata', 'name', 'role', 'background', 'country', 'aliases', 'relations']);
const ALIAS_KEYS = new Set(['text', 'lang', 'part', 'caseSensitive', 'ambiguous', 'inflect', 'forms', 'notWhenPartOf']);
const RELATION_KEYS = new Set(['type', 'actor', 'note']);
const BACKGROUND_KEYS = new Set(['text', 'asOf']);
const EVENT_KEYS = new Set(['id', 'date', 'end', 'title', 'summary', 'actors', 'place', 'tags', 'certainty', 'dateNote', 'sources']);
const EVENT_ACTOR_KEYS = new Set(['actor', 'role']);
const CITATION_KEYS = new Set(['source', 'quote']);

type Input = Record<string, unknown>;

/** zod's test for an object: not null, not an array. */
function object(value: unknown): Input {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw GIVE_UP;
  return value as Input;
}

/**
 * A strict object's keys: every key known, none `__proto__` (zod drops it from a catch-all's output, a
 * corner the fast path leaves to zod), none present as undefined (JSON has none; zod keeps such a key).
 */
function checkKeys(input: Input, known: ReadonlySet<string>): void {
  for (const key in input) {
    if (!known.has(key) || input[key] === undefined) throw GIVE_UP;
  }
}

function string(value: unknown): string {
  if (typeof value !== 'string') throw GIVE_UP;
  return value;
}

function matching(value: unknown, pattern: RegExp): string {
  const text = string(value);
  if (!pattern.test(text)) throw GIVE_UP;
  return text;
}

/** `z.string().trim().min(min)`: trimmed, then measured. */
function trimmed(value: unknown, min: number): string {
  const text = string(value);
  const out = text.trim();
  if (out.length < min) throw GIVE_UP;
  return out;
}

function oneOf(value: unknown, allowed: Set<string>): string {
  if (typeof value !== 'string' || !allowed.has(value)) throw GIVE_UP;
  return value;
}

function boolean(value: unknown): boolean {
  if (typeof value !== 'boolean') throw GIVE_UP;
  return value;
}

function array(value: unknown, min = 0): unknown[] {
  if (!Array.isArray(value) || value.length < min) throw GIVE_UP;
  return value;
}

/** Each item of a list read by `read`, into a new list (a plain loop: it runs for every actor, alias and event). */
function readEach(items: readonly unknown[], read: (item: unknown) => unknown): unknown[] {
  const out = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = read(items[i]);
  return out;
}

/** A list the schema defaults to []: a fresh one when absent, as zod's default gives. */
function trimmedList(value: unknown): string[] {
  if (value === undefined) return [];
  const items = array(value);
  const out = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = trimmed(items[i], 2);
  return out;
}

/** LocalizedText: en and it first, then the other languages in the file's order, all trimmed, none empty. */
function localized(value: unknown): Record<string, string> {
  const input = object(value);
  const out: Record<string, string> = { en: trimmed(input.en, 1), it: trimmed(input.it, 1) };
  for (const key in input) {
    const text = input[key];
    if (key === '__proto__' || text === undefined) throw GIVE_UP;
    if (key !== 'en' && key !== 'it') out[key] = trimmed(text, 1);
  }
  return out;
}

function alias(value: unknown): Record<string, unknown> {
  const input = object(value);
  checkKeys(input, ALIAS_KEYS);
  const out: Record<string, unknown> = { text: trimmed(input.text, 2), lang: matching(input.lang, LANG) };
  out.part = input.part === undefined ? 'full' : oneOf(input.part, ALIAS_PARTS);
  out.caseSensitive = input.caseSensitive === undefined ? false : boolean(input.caseSensitive);
  if (input.ambiguous !== undefined) out.ambiguous = oneOf(input.ambiguous, AMBIGUITIES);
  out.inflect = input.inflect === undefined ? true : boolean(input.inflect);
  out.forms = trimmedList(input.forms);
  out.notWhenPartOf = trimmedList(input.notWhenPartOf);
  return out;
}

function relation(value: unknown): Record<string, unknown> {
  const input = object(value);
  checkKeys(input, RELATION_KEYS);
  const out: Record<string, unknown> = { type: oneOf(input.type, RELATION_TYPES), actor: matching(input.actor, SLUG) };
  if (input.note !== undefined) out.note = localized(input.note);
  return out;
}

function actor(value: unknown): Record<string, unknown> {
  const input = object(value);
  checkKeys(input, ACTOR_KEYS);
  const out: Record<string, unknown> = { id: matching(input.id, SLUG), kind: oneOf(input.kind, ACTOR_KINDS) };
  if (input.outlet !== undefined) out.outlet = boolean(input.outlet);
  if (input.wikidata !== undefined) out.wikidata = matching(input.wikidata, WIKIDATA);
  out.name = localized(input.name);
  out.role = localized(input.role);
  if (input.background !== undefined) {
    const background = object(input.background);
    checkKeys(background, BACKGROUND_KEYS);
    out.background = { text: localized(background.text), asOf: matching(background.asOf, PARTIAL_DATE) };
  }
  out.country = matching(input.country, COUNTRY);
  out.aliases = readEach(array(input.aliases, 1), alias);
  out.relations = input.relations === undefined ? [] : readEach(array(input.relations), relation);
  return out;
}

function quote(value: unknown): string {
  const text = trimmed(value, 3);
  if (text.split(WHITESPACE_RUN).length > 25) throw GIVE_UP;
  return text;
}

const slug = (value: unknown): string => matching(value, SLUG);

function eventActor(value: unknown): Record<string, unknown> {
  const ref = object(value);
  checkKeys(ref, EVENT_ACTOR_KEYS);
  return { actor: matching(ref.actor, SLUG), role: oneOf(ref.role, EVENT_ROLES) };
}

function citation(value: unknown): Record<string, unknown> {
  const cite = object(value);
  checkKeys(cite, CITATION_KEYS);
  const out: Record<string, unknown> = { source: matching(cite.source, SLUG) };
  if (cite.quote !== undefined) out.quote = quote(cite.quote);
  return out;
}

function event(value: unknown): Record<string, unknown> {
  const input = object(value);
  checkKeys(input, EVENT_KEYS);
  const out: Record<string, unknown> = { id: matching(input.id, SLUG), date: matching(input.date, PARTIAL_DATE) };
  if (input.end !== undefined) out.end = matching(input.end, PARTIAL_DATE);
  out.title = localized(input.title);
  out.summary = localized(input.summary);
  out.actors = readEach(array(input.actors, 1), eventActor);
  if (input.place !== undefined) out.place = localized(input.place);
  out.tags = input.tags === undefined ? [] : readEach(array(input.tags), slug);
  out.certainty = oneOf(input.certainty, CERTAINTIES);
  if (input.dateNote !== undefined) out.dateNote = localized(input.dateNote);
  out.sources = readEach(array(input.sources, 1), citation);
  return out;
}

/** The pack without its actors and events: zod checks it, sources and URLs included. */
const PackHead = Pack.omit({ actors: true, events: true });
const PACK_KEYS = new Set(Object.keys(Pack.shape));

/**
 * `Pack.safeParse(input).data` when zod would accept `input`, built without zod for the actors and
 * events; undefined when the fast path met anything it does not accept (run zod for the verdict).
 */
export function fastParsePack(input: unknown): PackData | undefined {
  try {
    const whole = object(input);
    const { actors, events, ...head } = whole;
    for (const key in whole) if (!PACK_KEYS.has(key)) throw GIVE_UP;
    const headCheck = PackHead.safeParse(head);
    if (!headCheck.success) throw GIVE_UP;
    const actorList = array(actors, 1);
    const eventList = array(events);
    const actorsOut = readEach(actorList, actor);
    const eventsOut = readEach(eventList, event);
    return { ...headCheck.data, actors: actorsOut, events: eventsOut } as PackData;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
