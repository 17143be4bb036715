/**
 * Whole-pack validation: the schema first, then what a schema cannot say (unique ids, references,
 * calendar dates, date order). Every problem is reported with its path, so an author fixes a pack
 * in one pass and an import is refused with a message a person can act on.
 */
import { Pack, type Pack as PackData } from './schema';
import { coveredDays } from './dates';
import { fastParsePack } from './fast-parse';

export interface Problem {
  path: string;
  message: string;
}

export type PackCheck =
  | { ok: true; pack: PackData; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

export function validatePack(input: unknown): PackCheck {
  // The fast path gives zod's result for a pack zod accepts; anything else goes to zod for its verdict and messages.
  let pack = fastParsePack(input);
  if (!pack) {
    const parsed = Pack.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
      };
    }
    pack = parsed.data;
  }
  const problems = [...findReferenceProblems(pack), ...findDateProblems(pack)];
  return problems.length
    ? { ok: false, problems }
    : { ok: true, pack, warnings: findAliasWarnings(pack) };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  ) || '(pack)';
}

function duplicateIds(items: readonly { id: string }[], where: string): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    if (seen.has(item.id)) problems.push({ path: `${where}[${i}].id`, message: `duplicate id "${item.id}"` });
    seen.add(item.id);
  });
  return problems;
}

function findReferenceProblems(pack: PackData): Problem[] {
  const actorIds = new Set(pack.actors.map((a) => a.id));
  const sourceIds = new Set(pack.sources.map((s) => s.id));
  const problems = [
    ...duplicateIds(pack.sources, 'sources'),
    ...duplicateIds(pack.actors, 'actors'),
    ...duplicateIds(pack.events, 'events'),
  ];
  pack.actors.forEach((actor, i) =>
    actor.relations.forEach((rel, j) => {
      const path = `actors[${i}].relations[${j}].actor`;
      if (!actorIds.has(rel.actor)) problems.push({ path, message: `unknown actor "${rel.actor}"` });
      if (rel.actor === actor.id) problems.push({ path, message: 'an actor cannot be related to itself' });
    }),
  );
  pack.events.forEach((event, i) => {
    event.actors.forEach((ref, j) => {
      if (!actorIds.has(ref.actor))
        problems.push({ path: `events[${i}].actors[${j}].actor`, message: `unknown actor "${ref.actor}"` });
    });
    event.sources.forEach((cite, j) => {
      if (!sourceIds.has(cite.source))
        problems.push({ path: `events[${i}].sources[${j}].source`, message: `unknown source "${cite.source}"` });
    });
  });
  return problems;
}

function findDateProblems(pack: PackData): Problem[] {
  const problems: Problem[] = [];
  const published = new Map(pack.sources.map((s) => [s.id, s.published]));
  // A big pack repeats a few thousand dates over its events: each is parsed once (null: not a calendar date).
  const days = new Map<string, { first: string; last: string } | null>();
  const covered = (text: string) => {
    let range = days.get(text);
    if (range === undefined) days.set(text, (range = coveredDays(text) ?? null));
    return range;
  };
  /** canBeOnOrBefore of ./dates.ts, on the parsed dates. */
  const onOrBefore = (a: string, b: string) => {
    const [ra, rb] = [covered(a), covered(b)];
    return !!ra && !!rb && ra.first <= rb.last;
  };
  const checkCalendar = (text: string | undefined, path: string) => {
    if (text !== undefined && !covered(text)) problems.push({ path, message: `"${text}" is not a calendar date` });
  };
  pack.sources.forEach((s, i) => {
    checkCalendar(s.published, `sources[${i}].published`);
    checkCalendar(s.via?.published, `sources[${i}].via.published`);
  });
  pack.actors.forEach((actor, i) => checkCalendar(actor.background?.asOf, `actors[${i}].background.asOf`));
  pack.events.forEach((event, i) => {
    checkCalendar(event.date, `events[${i}].date`);
    checkCalendar(event.end, `events[${i}].end`);
    if (event.end && !onOrBefore(event.date, event.end))
      problems.push({ path: `events[${i}].end`, message: `ends (${event.end}) before it starts (${event.date})` });
    // A source cannot report what had not happened yet when it was published; announced plans say so with a tag.
    if (event.tags.includes('planned')) return;
    event.sources.forEach((cite, j) => {
      const when = published.get(cite.source);
      if (when && covered(when) && covered(event.date) && !onOrBefore(event.date, when))
        problems.push({
          path: `events[${i}].sources[${j}]`,
          message: `event dated ${event.date} is cited from "${cite.source}", published earlier (${when}); tag it "planned" if it was announced`,
        });
    });
  });
  return problems;
}

/**
 * Not errors, but worth an author's look: duplicate aliases, one name claimed by two actors unflagged,
 * and one actor's spelling given different rules in different languages (the matcher does not know a
 * page's language, so the loosest rule would win: "лавров" would match through a case-blind uk alias).
 */
function findAliasWarnings(pack: PackData): Problem[] {
  const warnings: Problem[] = [];
  pack.actors.forEach((actor, i) => {
    const seen = new Map<string, { text: string; caseSensitive: boolean; rule: string }[]>();
    actor.aliases.forEach((alias, j) => {
      const rule = `caseSensitive=${alias.caseSensitive}, ambiguous=${alias.ambiguous ? 'yes' : 'no'}`;
      const group = seen.get(alias.text.toLowerCase()) ?? [];
      // Two exact-case spellings ("NATO", and the ambiguous Italian "Nato") never match the same text.
      const clash = group.find(
        (g) => g.rule !== rule && (!g.caseSensitive || !alias.caseSensitive || g.text === alias.text),
      );
      if (clash)
        warnings.push({ path: `actors[${i}].aliases[${j}]`, message: `"${alias.text}" (${alias.lang}) has ${rule} but ${clash.rule} in another language` });
      group.push({ text: alias.text, caseSensitive: alias.caseSensitive, rule });
      seen.set(alias.text.toLowerCase(), group);
    });
  });
  const owners = new Map<string, string>();
  pack.actors.forEach((actor, i) => {
    const own = new Set<string>();
    actor.aliases.forEach((alias, j) => {
      // "NATO" (exact case) and "Nato" (any case) are different rules, not a duplicate.
      const text = alias.caseSensitive ? alias.text : alias.text.toLocaleLowerCase(alias.lang);
      const key = `${alias.lang}\u0000${alias.caseSensitive}\u0000${text}`;
      if (own.has(key)) warnings.push({ path: `actors[${i}].aliases[${j}]`, message: `"${alias.text}" (${alias.lang}) is listed twice` });
      own.add(key);
      const other = owners.get(key);
      if (other && other !== actor.id && !alias.ambiguous)
        warnings.push({
          path: `actors[${i}].aliases[${j}]`,
          message: `"${alias.text}" (${alias.lang}) also names "${other}"; mark it ambiguous`,
        });
      owners.set(key, actor.id);
    });
  });
  return warnings;
}

/** Whitespace is layout, not wording: a quote that wraps differently is still verbatim. */
const collapseSpace = (text: string) => text.replace(/\s+/gu, ' ').trim();

/**
 * At most this share of an archived article may be covered by the pack's quotes together: the quotes
 * are evidence for the claims, not a reprint of the article (decisions, "Quote budget").
 */
export const MAX_QUOTED_SHARE = 0.25;

/**
 * An archived article as a reader sees it: the Markdown its copy was saved with (links, bold, italics,
 * list bullets, as the seed articles use them) taken away, so a quote carries the words that matter
 * ("né confermare né smentire", not the markup around it), then whitespace collapsed. Square brackets not
 * followed by a link target stay: they are a translator's insertions ("[gli Stati Uniti continuino]").
 */
export function readableText(markdown: string): string {
  const text = markdown
    .replace(/!?\[([^\]\n]*)\]\([^)\s]*\)/gu, '$1')
    .replace(/\*\*([^*]+?)\*\*/gu, '$1')
    .replace(/\*([^*\s](?:[^*]*?[^*\s])?)\*/gu, '$1')
    .replace(/^[ \t]*[-*+][ \t]+/gmu, '');
  return collapseSpace(text);
}

/** How much of one archived article the quotes cover. */
export interface QuotedShare {
  source: string;
  archivedCopy: string;
  /** Characters covered by the union of the quotes found in it. */
  quoted: number;
  /** Characters of its readable text (markup stripped, whitespace collapsed). */
  length: number;
  /** quoted / length, 0 to 1. */
  share: number;
}

export interface QuoteAudit {
  problems: Problem[];
  /** Every source whose archived copy was available, in pack order. */
  shares: QuotedShare[];
}

interface Span {
  event: number;
  citation: number;
  start: number;
  end: number;
}

/**
 * The quotes against their archived articles: every quote verbatim in the readable text of its source;
 * no two quotes on the same passage (two events on one sentence mean the sentence states neither well,
 * and one event quoting itself twice is the same reprint); and no article more than MAX_QUOTED_SHARE
 * quoted. `archivedText` returns the text of a copy, or undefined when the copy is not available here
 * (then nothing is claimed about that source). A quote found more than once is placed where it first
 * occurs: the same words quoted twice are the same passage wherever they stand.
 */
export function auditQuotes(pack: PackData, archivedText: (file: string) => string | undefined): QuoteAudit {
  const problems: Problem[] = [];
  const texts = new Map<string, string>();
  for (const source of pack.sources) {
    const text = source.archivedCopy ? archivedText(source.archivedCopy) : undefined;
    if (text !== undefined) texts.set(source.id, readableText(text));
  }
  const spans = new Map<string, Span[]>();
  pack.events.forEach((event, i) =>
    event.sources.forEach((cite, j) => {
      const text = texts.get(cite.source);
      if (text === undefined || cite.quote === undefined) return;
      const quote = collapseSpace(cite.quote);
      const start = text.indexOf(quote);
      if (start < 0) {
        problems.push({
          path: `events[${i}].sources[${j}].quote`,
          message: `not found verbatim in "${cite.source}" (markup aside): «${cite.quote}»`,
        });
        return;
      }
      const found = spans.get(cite.source) ?? [];
      for (const other of found) {
        if (other.start >= start + quote.length || start >= other.end) continue;
        const otherEvent = pack.events[other.event]!.id;
        problems.push({
          path: `events[${i}].sources[${j}].quote`,
          message:
            other.event === i
              ? `overlaps this event's own quote events[${i}].sources[${other.citation}] in "${cite.source}"; quote the passage once`
              : `overlaps the quote of event "${otherEvent}" (events[${other.event}].sources[${other.citation}]) in "${cite.source}": events "${otherEvent}" and "${event.id}" quote the same passage`,
        });
      }
      found.push({ event: i, citation: j, start, end: start + quote.length });
      spans.set(cite.source, found);
    }),
  );
  const shares: QuotedShare[] = [];
  pack.sources.forEach((source, k) => {
    const text = texts.get(source.id);
    if (text === undefined) return;
    const quoted = coveredLength(spans.get(source.id) ?? []);
    const share = text.length ? quoted / text.length : 0;
    shares.push({ source: source.id, archivedCopy: source.archivedCopy!, quoted, length: text.length, share });
    if (share > MAX_QUOTED_SHARE)
      problems.push({
        path: `sources[${k}]`,
        message: `the quotes cover ${formatShare(share)} of "${source.id}" (${source.archivedCopy}); at most ${formatShare(MAX_QUOTED_SHARE)} may be quoted`,
      });
  });
  return { problems, shares };
}

/** Characters covered by the union of the spans (overlaps counted once). */
function coveredLength(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let covered = 0;
  let reach = 0;
  for (const { start, end } of sorted) {
    if (end <= reach) continue;
    covered += end - Math.max(start, reach);
    reach = end;
  }
  return covered;
}

export const formatShare = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The problems of auditQuotes alone. */
export function findQuoteProblems(pack: PackData, archivedText: (file: string) => string | undefined): Problem[] {
  return auditQuotes(pack, archivedText).problems;
}
