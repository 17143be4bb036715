/**
 * Reading a pack file a reader chose: everything that decides whether it may be installed, before a
 * single row is written. Pure (no browser API): the options page checks the size with it before reading
 * the file, and its import worker checks the text it read again (lib/store/pack-import-worker.ts).
 *
 * Order matters for hostile files: the size first (a huge file is refused unread), then the nesting
 * depth by a flat scan (a deeply nested file never reaches a recursive parser or validator), then
 * JSON.parse, then the schema and the whole-pack checks of ./validate.ts, then the ids this install
 * cannot take (the built-in pack's, the reader's own).
 */
import type { Pack } from './schema';
import { validatePack, type Problem } from './validate';

/**
 * Files above this (MiB) are refused before they are read: a 200 MB file would be held several times over
 * while being read, parsed and installed, which a browser can run out of memory doing; the limit leaves
 * the scale target (100,000 actors with their aliases and events) room below it (decisions §35).
 */
export const MAX_PACK_BYTES = 190 * 1024 * 1024;

/** The deepest a valid pack nests is 6 (pack, events, event, sources, citation…): 32 leaves room and stops abuse. */
export const MAX_JSON_DEPTH = 32;

/** The reader is shown at most this many problems, and how many more there are. */
export const MAX_SHOWN_PROBLEMS = 50;

/** The path of problems about the file as a whole rather than a place in it. */
export const FILE_PATH = '(file)';

export type ImportCheck =
  | { ok: true; pack: Pack; warnings: Problem[] }
  | { ok: false; problems: Problem[]; /** Problems left out of `problems`. */ more: number };

export interface ImportRules {
  /** Ids an imported pack may not take: the built-in packs', and the reader's own names'. */
  reservedIds: readonly string[];
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** Refuses a file by its size alone, so that it is never read whole. */
export function sizeProblem(bytes: number): Problem | undefined {
  if (bytes <= MAX_PACK_BYTES) return undefined;
  return { path: FILE_PATH, message: `the file is ${megabytes(bytes)}; packs of up to ${megabytes(MAX_PACK_BYTES)} can be imported` };
}

/**
 * The first place where arrays and objects nest deeper than `max`, found by one pass over the text
 * that skips strings: no recursion, so no stack to overflow whatever the file holds.
 */
export function depthProblem(text: string, max = MAX_JSON_DEPTH): Problem | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max)
        return { path: FILE_PATH, message: `the JSON nests deeper than ${max} levels (at character ${i + 1}); a pack never does` };
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

/** At most MAX_SHOWN_PROBLEMS problems, and the count of those left out. */
export function firstProblems(problems: readonly Problem[]): { problems: Problem[]; more: number } {
  return { problems: problems.slice(0, MAX_SHOWN_PROBLEMS), more: Math.max(0, problems.length - MAX_SHOWN_PROBLEMS) };
}

const refuse = (problems: readonly Problem[]): ImportCheck => ({ ok: false, ...firstProblems(problems) });

/** Everything that decides whether `text` is a pack this install may take. */
export function checkPackText(text: string, { reservedIds }: ImportRules, mark?: (phase: string) => void): ImportCheck {
  // A string of n characters is at least n bytes in UTF-8: this bound never refuses a file under the limit.
  const tooBig = sizeProblem(text.length);
  if (tooBig) return refuse([tooBig]);
  const tooDeep = depthProblem(text);
  if (tooDeep) return refuse([tooDeep]);
  mark?.('depth scan');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return refuse([{ path: FILE_PATH, message: `the file is not JSON (${detail})` }]);
  }
  mark?.('parse');
  const check = validatePack(data);
  mark?.('validate');
  if (!check.ok) return refuse(check.problems);
  if (reservedIds.includes(check.pack.id))
    return refuse([{ path: 'id', message: `"${check.pack.id}" is the id of Backstory's own pack; give this pack an id of its own` }]);
  return check;
}

/** Compares semantic versions "1.2.3" (the schema guarantees the shape): negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) {
    const diff = (pa![i] ?? 0) - (pb![i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * What importing a pack of `version` does given what is installed under its id: a new pack or a higher
 * version goes ahead; the same or a lower version would replace what the reader has, so they are asked first.
 */
export type ImportPlan = { action: 'install' } | { action: 'update'; from: string } | { action: 'confirm'; installed: string; reason: 'same' | 'older' };

export function planImport(version: string, installed: string | undefined): ImportPlan {
  if (installed === undefined) return { action: 'install' };
  const order = compareVersions(version, installed);
  if (order > 0) return { action: 'update', from: installed };
  return { action: 'confirm', installed, reason: order === 0 ? 'same' : 'older' };
}
