/**
 * Whole-pack validation: the schema first, then what a schema cannot say (unique ids, references,
 * calendar dates, date order). Every problem is reported with its path, so an author fixes a pack
 * in one pass and an import is refused with a message a person can act on.
 */
import { Pack, type Pack as PackData } from './schema';
import { canBeOnOrBefore, parsePartialDate } from './dates';

export interface Problem {
  path: string;
  message: string;
}

export type PackCheck = { ok: true; pack: PackData; warnings: Problem[] } | { ok: false; problems: Problem[] };

export function validatePack(input: unknown): PackCheck {
  const parsed = Pack.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const pack = parsed.data;
  const problems = [...findReferenceProblems(pack), ...findDateProblems(pack)];
  return problems.length ? { ok: false, problems } : { ok: true, pack, warnings: findAliasWarnings(pack) };
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
  const checkCalendar = (text: string | undefined, path: string) => {
    if (text !== undefined && !parsePartialDate(text)) problems.push({ path, message: `"${text}" is not a calendar date` });
  };
  pack.sources.forEach((s, i) => {
    checkCalendar(s.published, `sources[${i}].published`);
    checkCalendar(s.via?.published, `sources[${i}].via.published`);
  });
  pack.actors.forEach((actor, i) => checkCalendar(actor.background?.asOf, `actors[${i}].background.asOf`));
  pack.events.forEach((event, i) => {
    checkCalendar(event.date, `events[${i}].date`);
    checkCalendar(event.end, `events[${i}].end`);
    if (event.end && !canBeOnOrBefore(event.date, event.end))
      problems.push({ path: `events[${i}].end`, message: `ends (${event.end}) before it starts (${event.date})` });
    // A source cannot report what had not happened yet when it was published; announced plans say so with a tag.
    if (event.tags.includes('planned')) return;
    event.sources.forEach((cite, j) => {
      const when = published.get(cite.source);
      if (when && parsePartialDate(when) && parsePartialDate(event.date) && !canBeOnOrBefore(event.date, when))
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
 * Checks that every quote occurs verbatim in the archived copy of its source. `archivedText` returns
 * the text of a copy, or undefined when the copy is not available here (then nothing is claimed).
 */
export function findQuoteProblems(pack: PackData, archivedText: (file: string) => string | undefined): Problem[] {
  const problems: Problem[] = [];
  const texts = new Map<string, string | undefined>();
  for (const source of pack.sources) {
    const text = source.archivedCopy ? archivedText(source.archivedCopy) : undefined;
    texts.set(source.id, text === undefined ? undefined : collapseSpace(text));
  }
  pack.events.forEach((event, i) =>
    event.sources.forEach((cite, j) => {
      const text = texts.get(cite.source);
      if (text !== undefined && !text.includes(collapseSpace(cite.quote)))
        problems.push({
          path: `events[${i}].sources[${j}].quote`,
          message: `not found verbatim in "${cite.source}": «${cite.quote}»`,
        });
    }),
  );
  return problems;
}
