/**
 * The reader's notes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), for export and
 * import (the options page). Pure: no browser API, nothing stored; the caller reads the database and
 * sends what this returns to the background (`notes:import`), which checks it again.
 *
 * Export: an AnnotationCollection whose `first` AnnotationPage holds every note, one Annotation each:
 * the text as a commenting TextualBody, the names the note is about as tagging TextualBodies (what
 * other tools show as tags), the page and passage as a SpecificResource with a TextQuoteSelector and a
 * TextPositionSelector. What the standard has no word for (title, date, certainty, actor keys, the
 * page's title and canonical URL) travels in one property, "backstory:note"; the followed names travel
 * on the collection, in "backstory:followed". Names with a colon are absolute IRIs for a JSON-LD
 * processor, so they survive expansion and compaction with the anno.jsonld context, where a bare name
 * that context does not define ("backstoryNote") would be dropped (docs/decisions.md §22).
 *
 * Import: a collection (its embedded pages, `first` then each `next`), one AnnotationPage, one
 * Annotation, or a bare array of annotations. Annotations made elsewhere (Hypothesis and the like) are
 * welcome: they become notes "reported", about no name, titled by the first line of their text or
 * quote. Everything is checked before anything is kept: one problem refuses the file, and every problem
 * is reported with its JSON path ("first.items[3].target.selector[0].exact").
 */
import { z } from '../zod';
import { MAX_IMPORT_ACTORS, MAX_IMPORT_NOTES } from './schema';
import { PACK_ITEM_KEY_PATTERN, type ActorKey } from '../pack/keys';
import { ActorKind, Certainty, PartialDate } from '../pack/schema';
import { looseName } from '../text/normalize';
import { pageKeysOf, type NoteCertainty, type NoteRecord, type NoteTarget, type ReaderActorRecord, type TextPositionSelector, type TextQuoteSelector } from './model';
import { NOTE_LIMITS, NoteSchema, ReaderActorSchema } from './schema';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** The media type the Web Annotation Protocol gives annotation documents. */
export const ANNOTATION_MEDIA_TYPE = `application/ld+json;profile="${ANNOTATION_CONTEXT}"`;
/** Backstory's own fields of a note, on each Annotation. */
export const NOTE_PROPERTY = 'backstory:note';
/** The reader's followed names, on the AnnotationCollection (or AnnotationPage). */
export const FOLLOWED_PROPERTY = 'backstory:followed';
/** At most this many problems are listed; the rest are counted in one last line. */
export const MAX_LISTED_PROBLEMS = 50;
/** A title made from a foreign annotation's text is cut here, like a v1 note's (lib/store/database.ts). */
const DERIVED_TITLE_LENGTH = 80;

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  format: 'text/plain';
  purpose: 'commenting' | 'tagging';
}

/** Backstory's fields of a note that the Web Annotation model has no property for. */
export interface NoteExtension {
  title: string;
  date?: string;
  certainty: NoteCertainty;
  /** The names the note is about: the key, and the name as it was when exported (absent when unknown). */
  actors: { key: ActorKey; name?: string }[];
  pageTitle?: string;
  canonical?: string;
}

export interface AnnotationTarget {
  source: string;
  selector: (TextQuoteSelector | TextPositionSelector)[];
}

export interface Annotation {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'commenting';
  created: string;
  modified: string;
  body: TextualBody[];
  /** The page and passage; for a note made on no page, the annotation's own IRI (see toAnnotation). */
  target: AnnotationTarget | string;
  [NOTE_PROPERTY]: NoteExtension;
}

/** A followed name as it travels: the record without its derived look-up keys, times as ISO text. */
export interface FollowedName {
  id: string;
  kind: ReaderActorRecord['kind'];
  name: string;
  spellings: string[];
  created: string;
  modified: string;
}

export interface AnnotationPage {
  id: string;
  type: 'AnnotationPage';
  partOf: string;
  startIndex: 0;
  items: Annotation[];
}

export interface AnnotationCollection {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generated: string;
  generator: { type: 'Software'; name: 'Backstory' };
  [FOLLOWED_PROPERTY]: FollowedName[];
  first: AnnotationPage;
}

const iso = (time: number) => new Date(time).toISOString();

/**
 * One note as an Annotation. A note made on no page (a v1 note without a URL) still needs a target, the
 * one property the model requires besides id and type; a target may be a bare IRI, and the only IRI
 * such a note has is its own: the annotation targets itself, and an import reads that back as "no page".
 */
export function toAnnotation(note: NoteRecord, actorNames: ReadonlyMap<string, string>): Annotation {
  const body: TextualBody[] = [{ type: 'TextualBody', value: note.body, format: 'text/plain', purpose: 'commenting' }];
  for (const key of note.actorIds) {
    const name = actorNames.get(key);
    if (name) body.push({ type: 'TextualBody', value: name, format: 'text/plain', purpose: 'tagging' });
  }
  const { target } = note;
  const extension: NoteExtension = {
    title: note.title,
    ...(note.date && { date: note.date }),
    certainty: note.certainty,
    actors: note.actorIds.map((key) => {
      const name = actorNames.get(key);
      return name ? { key, name } : { key };
    }),
    ...(target && { pageTitle: target.pageTitle }),
    ...(target?.canonical && { canonical: target.canonical }),
  };
  return {
    '@context': ANNOTATION_CONTEXT,
    id: note.id,
    type: 'Annotation',
    motivation: 'commenting',
    created: iso(note.createdAt),
    modified: iso(note.updatedAt),
    body,
    target: target
      ? { source: target.source, selector: [{ ...target.quote }, ...(target.position ? [{ ...target.position }] : [])] }
      : note.id,
    [NOTE_PROPERTY]: extension,
  };
}

export interface CollectionOptions {
  /** The reader's followed names, exported with the notes. */
  followed?: readonly ReaderActorRecord[];
  /** IRIs for the collection and its page (the model requires one each). */
  newId?: () => string;
}

/** Every note (oldest first) in one collection with one embedded page; the followed names ride along. */
export function toCollection(
  notes: readonly NoteRecord[],
  actorNames: ReadonlyMap<string, string>,
  now: number,
  { followed = [], newId = () => `urn:uuid:${crypto.randomUUID()}` }: CollectionOptions = {},
): AnnotationCollection {
  const id = newId();
  const items = [...notes].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)).map((note) => toAnnotation(note, actorNames));
  return {
    '@context': ANNOTATION_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `Backstory notes, exported ${iso(now).slice(0, 10)}`,
    total: items.length,
    generated: iso(now),
    generator: { type: 'Software', name: 'Backstory' },
    [FOLLOWED_PROPERTY]: followed.map((a) => ({ id: a.id, kind: a.kind, name: a.name, spellings: [...a.spellings], created: iso(a.createdAt), modified: iso(a.updatedAt) })),
    first: { id: newId(), type: 'AnnotationPage', partOf: id, startIndex: 0, items },
  };
}

// ---------------------------------------------------------------------------------------------------
// Import

export interface ImportProblem {
  /** Where in the file, as a JSON path ("first.items[3].body"); "" for the line that counts the rest. */
  path: string;
  message: string;
}

export type AnnotationImport =
  | { ok: true; notes: NoteRecord[]; actors: ReaderActorRecord[]; messages: string[] }
  | { ok: false; errors: ImportProblem[] };

type Path = readonly (string | number)[];

/** "first.items[3].target", `["backstory:note"]` for names that are not identifiers; "(file)" for the root. */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out || '(file)';
}

class Report {
  readonly problems: ImportProblem[] = [];
  readonly messages: string[] = [];
  /** Every problem found, listed or not. */
  count = 0;
  private moreProblems = 0;
  private moreMessages = 0;

  problem(path: Path, message: string) {
    this.count++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push({ path: formatPath(path), message });
    else this.moreProblems++;
  }

  note(message: string) {
    if (this.messages.length < MAX_LISTED_PROBLEMS) this.messages.push(message);
    else this.moreMessages++;
  }

  get failed() {
    return this.count > 0;
  }

  errors(): ImportProblem[] {
    return this.moreProblems ? [...this.problems, { path: '', message: `…and ${this.moreProblems} more ${this.moreProblems === 1 ? 'problem' : 'problems'}` }] : this.problems;
  }

  notes(): string[] {
    return this.moreMessages ? [...this.messages, `…and ${this.moreMessages} more`] : this.messages;
  }

  /** Runs a zod schema; its issues are reported under `path`. */
  check<T>(schema: z.ZodType<T>, value: unknown, path: Path): T | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) this.problem([...path, ...(issue.path as (string | number)[])], issue.message);
    return undefined;
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasType = (value: Json, type: string) => value.type === type || (Array.isArray(value.type) && value.type.includes(type));
const kindOf = (value: unknown) => (value === null ? 'null' : value === undefined ? 'nothing' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`);

/** An annotation's id: an IRI ("urn:uuid:…", "https://hypothes.is/a/…"). */
const Iri = z
  .string({ error: 'an annotation needs an id (an IRI such as "urn:uuid:…")' })
  .max(NOTE_LIMITS.url, `an id may be at most ${NOTE_LIMITS.url} characters long`)
  .regex(/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i, 'an id must be an IRI such as "urn:uuid:…", without spaces')
  .refine((id) => !/^(?:javascript|data|vbscript):/i.test(id), 'an id cannot be a javascript:, data: or vbscript: address');
const DateTime = z.iso.datetime({ offset: true, error: 'use an ISO 8601 date and time, like "2026-03-01T10:00:00Z"' });
const HttpUrl = z
  .url({ protocol: /^https?$/, error: 'only http and https page addresses are allowed' })
  .max(NOTE_LIMITS.url, `a page address may be at most ${NOTE_LIMITS.url} characters long`);
/** A text with a limit, and a message that says which text and what the limit is. */
const limited = (max: number, what: string) => z.string().max(max, `${what} may be at most ${max} characters long`);
const BodyText = limited(NOTE_LIMITS.body, "a note's text");

const AnnotationHead = z.looseObject({
  id: Iri,
  type: z.unknown().refine((type) => type === 'Annotation' || (Array.isArray(type) && type.includes('Annotation')), 'type must be "Annotation"'),
  created: DateTime.optional(),
  modified: DateTime.optional(),
});

const TextualBodyIn = z.looseObject({
  value: BodyText,
  purpose: z.union([z.string(), z.array(z.string())]).optional(),
});

// Prefix and suffix are context for finding the passage again: longer ones are cut (to the text next to
// the passage), not refused. The passage itself is the reader's, and is refused when too long.
const TextQuoteIn = z.looseObject({
  exact: limited(NOTE_LIMITS.quote, 'a quoted passage').min(1, 'the quoted passage is empty'),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});

const TextPositionIn = z
  .looseObject({ start: z.int().nonnegative(), end: z.int().nonnegative() })
  .refine((s) => s.end > s.start, 'end must come after start');

const NoteExtensionIn = z.strictObject({
  title: z.string().trim().min(1, 'a note needs a title').max(NOTE_LIMITS.title, `a title may be at most ${NOTE_LIMITS.title} characters long`),
  date: PartialDate.optional(),
  certainty: Certainty,
  actors: z
    .array(
      z.strictObject({
        key: z.string().max(300).regex(PACK_ITEM_KEY_PATTERN, 'an actor key is "packId/actorId"'),
        name: limited(NOTE_LIMITS.name, 'a name').optional(),
      }),
    )
    .max(NOTE_LIMITS.actors, `a note may name at most ${NOTE_LIMITS.actors} actors`),
  pageTitle: limited(NOTE_LIMITS.title * 2, "a page's title").optional(),
  canonical: HttpUrl.optional(),
});

const FollowedNameIn = z.strictObject({
  id: ReaderActorSchema.shape.id,
  kind: ActorKind,
  name: ReaderActorSchema.shape.name,
  spellings: ReaderActorSchema.shape.spellings,
  created: DateTime,
  modified: DateTime,
});

interface Located {
  items: { value: unknown; path: Path }[];
  followed?: { value: unknown; path: Path };
}

/** Where the annotations are: a collection's embedded pages, a page, one annotation, or a list. */
function locate(json: unknown, report: Report): Located {
  const located: Located = { items: [] };
  const takePage = (page: unknown, path: Path) => {
    if (!isObject(page)) return report.problem(path, `expected an AnnotationPage (an object), found ${kindOf(page)}`);
    if (!Array.isArray(page.items)) return report.problem([...path, 'items'], `expected the page's list of annotations, found ${kindOf(page.items)}`);
    page.items.forEach((value, k) => located.items.push({ value, path: [...path, 'items', k] }));
  };
  if (Array.isArray(json)) {
    json.forEach((value, k) => located.items.push({ value, path: [k] }));
    return located;
  }
  if (!isObject(json)) {
    report.problem([], `expected a W3C Web Annotation collection, page or list of annotations, found ${kindOf(json)}`);
    return located;
  }
  if (json[FOLLOWED_PROPERTY] !== undefined) located.followed = { value: json[FOLLOWED_PROPERTY], path: [FOLLOWED_PROPERTY] };
  if (hasType(json, 'AnnotationCollection')) {
    // Pages are followed while they are in the file ("next" embedded); one given only by its IRI is elsewhere.
    let page: unknown = json.first;
    let path: Path = ['first'];
    for (let pages = 0; page !== undefined && pages < 10_000; pages++) {
      if (typeof page === 'string') {
        report.problem(path, `this page of the collection is not in the file but at ${JSON.stringify(page.slice(0, 200))}: only annotations in the file can be imported`);
        break;
      }
      takePage(page, path);
      page = isObject(page) ? page.next : undefined;
      path = [...path, 'next'];
    }
    if (json.first === undefined && json.total !== 0) report.problem(['first'], 'the collection has no "first" page of annotations');
  } else if (hasType(json, 'AnnotationPage')) takePage(json, []);
  else if (hasType(json, 'Annotation')) located.items.push({ value: json, path: [] });
  else if (Array.isArray(json.annotations))
    report.problem(['annotations'], 'this looks like a Hypothesis export in its own format; export the annotations as W3C Web Annotations (JSON-LD) instead');
  else report.problem(['type'], 'expected "AnnotationCollection", "AnnotationPage" or "Annotation"');
  return located;
}

interface BodyText {
  text: string;
  tags: number;
  other: number;
}

/** The text of the bodies meant as comments (or of no stated purpose), joined; tags and other kinds counted. */
function readBodies(annotation: Json, path: Path, report: Report): BodyText {
  const out: BodyText = { text: '', tags: 0, other: 0 };
  const parts: string[] = [];
  if (annotation.bodyValue !== undefined) {
    const value = report.check(BodyText, annotation.bodyValue, [...path, 'bodyValue']);
    if (value) parts.push(value);
  }
  const one = (body: unknown, at: Path) => {
    // A string body is, to the model, the IRI of a body elsewhere; in practice (hand-made files, older
    // exports) it is the text. Kept as text.
    if (typeof body === 'string') {
      if (report.check(BodyText, body, at) !== undefined) parts.push(body);
      return;
    }
    if (!isObject(body)) return report.problem(at, `expected a body (an object or a text), found ${kindOf(body)}`);
    if (body.value === undefined && !hasType(body, 'TextualBody')) return void out.other++;
    const textual = report.check(TextualBodyIn, body, at);
    if (!textual) return;
    const purposes = ([] as string[]).concat(textual.purpose ?? []);
    if (purposes.includes('tagging') && !purposes.includes('commenting')) out.tags++;
    else if (textual.value) parts.push(textual.value);
  };
  const { body } = annotation;
  if (Array.isArray(body)) body.forEach((b, k) => one(b, [...path, 'body', k]));
  else if (body !== undefined) one(body, [...path, 'body']);
  out.text = parts.join('\n\n');
  if (out.text.length > NOTE_LIMITS.body) report.problem([...path, 'body'], `the note's text, all bodies together, is ${out.text.length} characters long; at most ${NOTE_LIMITS.body} are allowed`);
  return out;
}

interface TargetRead {
  /** An http(s) page, or undefined for the annotation's own IRI (a note made on no page). */
  source?: string;
  quote?: TextQuoteSelector;
  position?: TextPositionSelector;
}

function readSelectors(selectors: unknown, path: Path, report: Report): Pick<TargetRead, 'quote' | 'position'> {
  const out: Pick<TargetRead, 'quote' | 'position'> = {};
  const one = (selector: unknown, at: Path) => {
    if (!isObject(selector)) return report.problem(at, `expected a selector (an object), found ${kindOf(selector)}`);
    if (hasType(selector, 'TextQuoteSelector')) {
      const quote = report.check(TextQuoteIn, selector, at);
      if (quote && !out.quote)
        out.quote = {
          type: 'TextQuoteSelector',
          exact: quote.exact,
          prefix: (quote.prefix ?? '').slice(-NOTE_LIMITS.context),
          suffix: (quote.suffix ?? '').slice(0, NOTE_LIMITS.context),
        };
    } else if (hasType(selector, 'TextPositionSelector')) {
      const position = report.check(TextPositionIn, selector, at);
      if (position && !out.position) out.position = { type: 'TextPositionSelector', start: position.start, end: position.end };
    }
    // Any other kind (RangeSelector, XPathSelector, CssSelector, FragmentSelector…) is left out: the
    // quote and the offsets are what Backstory anchors with.
  };
  if (Array.isArray(selectors)) selectors.forEach((s, k) => one(s, [...path, k]));
  else if (selectors !== undefined) one(selectors, path);
  return out;
}

/** Every target is checked; the first one is kept (a note has one page). */
function readTargets(annotation: Json, id: string | undefined, path: Path, report: Report): { first?: TargetRead; count: number } {
  const one = (target: unknown, at: Path): TargetRead | undefined => {
    if (typeof target === 'string') {
      if (target === id) return {};
      return report.check(HttpUrl, target, at) === undefined ? undefined : { source: target };
    }
    if (!isObject(target)) return void report.problem(at, `expected a target (an object or an address), found ${kindOf(target)}`);
    const sourceKey = target.source !== undefined ? 'source' : 'id';
    const source = target[sourceKey];
    if (source === undefined) return void report.problem([...at, 'source'], 'a target needs a source (the address of the page)');
    if (source === id) return {};
    if (report.check(HttpUrl, source, [...at, sourceKey]) === undefined) return undefined;
    return { source: source as string, ...readSelectors(target.selector, [...at, 'selector'], report) };
  };
  const { target } = annotation;
  if (target === undefined) {
    report.problem([...path, 'target'], 'an annotation needs a target (the page it is about)');
    return { count: 0 };
  }
  if (!Array.isArray(target)) return { first: one(target, [...path, 'target']), count: 1 };
  if (target.length === 0) report.problem([...path, 'target'], 'an annotation needs a target (the page it is about)');
  const read = target.map((t, k) => one(t, [...path, 'target', k]));
  return { first: read[0], count: target.length };
}

/** The first line of a text with something in it, cut like a v1 note's title. */
function titleFrom(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  return line.length > DERIVED_TITLE_LENGTH ? `${line.slice(0, DERIVED_TITLE_LENGTH - 1).trimEnd()}…` : line;
}

interface Candidate {
  note: NoteRecord;
  tags: number;
  other: number;
}

function readAnnotation(value: unknown, path: Path, now: number, report: Report): Candidate | undefined {
  if (!isObject(value)) return void report.problem(path, `expected an annotation (an object), found ${kindOf(value)}`);
  const before = report.count;
  const head = report.check(AnnotationHead, value, path);
  const bodies = readBodies(value, path, report);
  const targets = readTargets(value, head?.id, path, report);
  const extension = value[NOTE_PROPERTY] === undefined ? undefined : report.check(NoteExtensionIn, value[NOTE_PROPERTY], [...path, NOTE_PROPERTY]);
  if (!head || report.count > before) return undefined;

  const id = head.id;
  const created = head.created === undefined ? undefined : Date.parse(head.created);
  const modified = head.modified === undefined ? undefined : Date.parse(head.modified);
  const createdAt = created ?? modified ?? now;
  const updatedAt = modified ?? createdAt;
  const found = targets.first ?? {};
  let body = bodies.text;
  let target: NoteTarget | undefined;
  if (found.source && found.quote)
    target = {
      source: found.source,
      ...(extension?.canonical && { canonical: extension.canonical }),
      pageTitle: extension?.pageTitle ?? '',
      quote: found.quote,
      ...(found.position && { position: found.position }),
    };
  else if (found.source) {
    // A note about a whole page: a note's target is a passage, so the page's address is kept in the
    // text, as the v1 notes without a quote were (lib/store/database.ts, upgradeNote).
    body = body ? `${body}\n\n${found.source}` : found.source;
    report.note(`${id} is about a whole page, not a passage: imported as a note with the page's address in its text`);
  }
  if (targets.count > 1) report.note(`${id} has ${targets.count} targets; kept the first`);

  const note: NoteRecord = extension
    ? {
        id,
        title: extension.title,
        body,
        ...(extension.date && { date: extension.date }),
        certainty: extension.certainty,
        actorIds: extension.actors.map((a) => a.key as ActorKey),
        ...(target && { target }),
        pageKeys: pageKeysOf(target),
        createdAt,
        updatedAt,
      }
    : {
        id,
        title: titleFrom(bodies.text) || titleFrom(found.quote?.exact ?? '') || (found.source ?? id).slice(0, DERIVED_TITLE_LENGTH),
        body,
        certainty: 'reported',
        actorIds: [],
        ...(target && { target }),
        pageKeys: pageKeysOf(target),
        createdAt,
        updatedAt,
      };
  // The same check the background makes: what comes out of here is a note the store accepts.
  const checked = NoteSchema.safeParse(note);
  if (!checked.success) {
    for (const issue of checked.error.issues) report.problem(path, `as a note, ${formatPath(issue.path as (string | number)[])}: ${issue.message}`);
    return undefined;
  }
  return { note, tags: extension ? 0 : bodies.tags, other: bodies.other };
}

function readFollowed(value: unknown, path: Path, report: Report): ReaderActorRecord[] {
  const list = report.check(z.array(z.unknown()).max(MAX_IMPORT_ACTORS, `at most ${MAX_IMPORT_ACTORS} followed names can be imported at once`), value, path);
  if (!list) return [];
  const byId = new Map<string, ReaderActorRecord>();
  list.forEach((item, k) => {
    const name = report.check(FollowedNameIn, item, [...path, k]);
    if (!name) return;
    const actor: ReaderActorRecord = {
      id: name.id,
      kind: name.kind,
      name: name.name,
      spellings: name.spellings,
      aliasKeys: [...new Set([name.name, ...name.spellings].map(looseName))],
      createdAt: Date.parse(name.created),
      updatedAt: Date.parse(name.modified),
    };
    if (report.check(ReaderActorSchema, actor, [...path, k]) === undefined) return;
    const other = byId.get(actor.id);
    if (!other || other.updatedAt <= actor.updatedAt) byId.set(actor.id, actor);
  });
  return [...byId.values()];
}

/**
 * Reads an export (Backstory's, or any W3C Web Annotation file) into notes and followed names. All or
 * nothing: any problem refuses the whole file, and up to MAX_LISTED_PROBLEMS problems are listed with
 * their paths. `messages` tells what was done that the reader may not expect (duplicates, pages
 * without a passage, tags). `now` dates annotations that say nothing of when they were made.
 */
export function parseAnnotationImport(json: unknown, now: number): AnnotationImport {
  const report = new Report();
  const located = locate(json, report);
  if (located.items.length > MAX_IMPORT_NOTES) {
    report.problem([], `the file holds ${located.items.length} annotations; at most ${MAX_IMPORT_NOTES} can be imported at once`);
    return { ok: false, errors: report.errors() };
  }
  const actors = located.followed ? readFollowed(located.followed.value, located.followed.path, report) : [];

  // The same id twice: the copy edited last wins, as it would against the database (importReaderData).
  const kept = new Map<string, { candidate: Candidate; copies: number }>();
  let tags = 0;
  let other = 0;
  for (const { value, path } of located.items) {
    const candidate = readAnnotation(value, path, now, report);
    if (!candidate) continue;
    tags += candidate.tags;
    other += candidate.other;
    const seen = kept.get(candidate.note.id);
    if (!seen) kept.set(candidate.note.id, { candidate, copies: 1 });
    else {
      seen.copies++;
      if (candidate.note.updatedAt >= seen.candidate.note.updatedAt) seen.candidate = candidate;
    }
  }
  if (report.failed) return { ok: false, errors: report.errors() };

  for (const [id, { candidate, copies }] of kept)
    if (copies > 1) report.note(`${id} appears ${copies === 2 ? 'twice' : `${copies} times`}; kept the one modified ${iso(candidate.note.updatedAt)}`);
  if (tags) report.note(`${tags} ${tags === 1 ? 'tag was' : 'tags were'} not imported: Backstory links notes to the names they are about, not to tags`);
  if (other) report.note(`${other} ${other === 1 ? 'body that is not text was' : 'bodies that are not text were'} left out`);
  return { ok: true, notes: [...kept.values()].map((k) => k.candidate.note), actors, messages: report.notes() };
}
