/**
 * The pure rules behind "Names you follow" on the options page (entrypoints/options/FollowedNames.tsx):
 * the list's order, what the edit form starts with, what stops it from being saved and the request it
 * sends. The checks mirror FollowRequestSchema (./schema.ts), so the reader gets a message in their
 * language before the background would refuse the request with zod's.
 */
import type { ActorKind } from '../pack/schema';
import type { FollowRequest } from '../store/reader';
import { splitSpellings } from './form';
import type { ReaderActorRecord } from './model';
import { NOTE_LIMITS } from './schema';

/** The shortest name the background accepts (FollowRequestSchema), after trimming. */
export const MIN_NAME_LENGTH = 2;

/**
 * Followed names in the reader's alphabetical order: accent- and case-blind, numbers by value
 * ("Group 9" before "Group 10"); the id settles a tie, so the order never flickers between updates.
 */
export function sortFollowed(actors: readonly ReaderActorRecord[], locale: string): ReaderActorRecord[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return [...actors].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The edit form's fields: the spellings as the textarea holds them, one per line. */
export interface FollowEditFields {
  name: string;
  kind: ActorKind;
  spellings: string;
}

export interface FollowEditProblems {
  name?: 'required' | 'short' | 'long';
  spellings?: 'many' | 'long';
}

/** What the edit form starts with: the followed name as it is stored. */
export function editFields(actor: Pick<ReaderActorRecord, 'name' | 'kind' | 'spellings'>): FollowEditFields {
  return { name: actor.name, kind: actor.kind, spellings: actor.spellings.join('\n') };
}

/** What stops an edit from being saved; an empty object when nothing does. */
export function followEditProblems(fields: FollowEditFields): FollowEditProblems {
  const name = fields.name.trim();
  const spellings = splitSpellings(fields.spellings);
  const nameProblem = name === '' ? 'required' : name.length < MIN_NAME_LENGTH ? 'short' : name.length > NOTE_LIMITS.name ? 'long' : undefined;
  const spellingsProblem =
    spellings.length > NOTE_LIMITS.spellings ? 'many' : spellings.some((s) => s.length > NOTE_LIMITS.name) ? 'long' : undefined;
  return { ...(nameProblem && { name: nameProblem }), ...(spellingsProblem && { spellings: spellingsProblem }) };
}

/** The 'actor:update' request for the edited fields: the name trimmed, the spellings split (splitSpellings). */
export function updateRequest(id: string, fields: FollowEditFields): FollowRequest & { id: string } {
  return { id, name: fields.name.trim(), kind: fields.kind, spellings: splitSpellings(fields.spellings) };
}

/** True when saving would change nothing the reader can see: the form just closes, no request is sent. */
export function isUnchanged(actor: Pick<ReaderActorRecord, 'name' | 'kind' | 'spellings'>, fields: FollowEditFields): boolean {
  const next = updateRequest('', fields);
  return (
    next.name === actor.name &&
    next.kind === actor.kind &&
    next.spellings.length === actor.spellings.length &&
    next.spellings.every((s, k) => s === actor.spellings[k])
  );
}
