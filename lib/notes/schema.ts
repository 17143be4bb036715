/**
 * zod shapes of the reader's data, for what crosses a trust boundary: a note or a followed name sent to
 * the background (lib/messages/requests.ts) and one read from an imported file (./web-annotation.ts).
 * Limits are generous for writing and tight enough that one message cannot fill the database.
 */
import { z } from '../zod';
import { PACK_ITEM_KEY_PATTERN } from '../pack/keys';
import { ActorKind, Certainty, PartialDate } from '../pack/schema';
import { NOTE_LIMITS } from './model';

/** Notes and followed names in one import message; a file holding more is refused on the options page first. */
export const MAX_IMPORT_NOTES = 20_000;
export const MAX_IMPORT_ACTORS = 5_000;

export { NOTE_LIMITS };

const ActorKeyText = z.string().max(300).regex(PACK_ITEM_KEY_PATTERN, 'an actor key is "packId/actorId"');
const HttpUrl = z.url({ protocol: /^https?$/, error: 'only http and https page addresses are allowed' }).max(NOTE_LIMITS.url);

export const TextQuoteSelectorSchema = z.strictObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(NOTE_LIMITS.quote),
  prefix: z.string().max(NOTE_LIMITS.context),
  suffix: z.string().max(NOTE_LIMITS.context),
});

export const TextPositionSelectorSchema = z
  .strictObject({ type: z.literal('TextPositionSelector'), start: z.int().nonnegative(), end: z.int().nonnegative() })
  .refine((s) => s.end > s.start, 'end must come after start');

export const NoteTargetSchema = z.strictObject({
  source: HttpUrl,
  canonical: HttpUrl.optional(),
  pageTitle: z.string().max(NOTE_LIMITS.title * 2),
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema.optional(),
});

const noteFields = {
  title: z.string().trim().min(1, 'a note needs a title').max(NOTE_LIMITS.title),
  body: z.string().max(NOTE_LIMITS.body),
  date: PartialDate.optional(),
  certainty: Certainty,
  actorIds: z.array(ActorKeyText).max(NOTE_LIMITS.actors),
  target: NoteTargetSchema.optional(),
};

export const NoteId = z.string().min(1).max(NOTE_LIMITS.url);

export const NoteDraftSchema = z.strictObject({ id: NoteId.optional(), ...noteFields });

export const NoteSchema = z.strictObject({
  id: NoteId,
  ...noteFields,
  pageKeys: z.array(z.string().max(NOTE_LIMITS.url)).max(2),
  createdAt: z.int().nonnegative(),
  updatedAt: z.int().nonnegative(),
});

export const FollowRequestSchema = z.strictObject({
  name: z.string().trim().min(2, 'a name has at least two characters').max(NOTE_LIMITS.name),
  kind: ActorKind,
  spellings: z.array(z.string().trim().max(NOTE_LIMITS.name)).max(NOTE_LIMITS.spellings),
});

export const ReaderActorSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use a lowercase slug').max(80),
  kind: ActorKind,
  name: z.string().trim().min(2).max(NOTE_LIMITS.name),
  spellings: z.array(z.string().trim().min(2).max(NOTE_LIMITS.name)).max(NOTE_LIMITS.spellings),
  // Recomputed on import (lib/store/reader.ts); checked here only for size.
  aliasKeys: z.array(z.string().max(NOTE_LIMITS.name)).max(400),
  createdAt: z.int().nonnegative(),
  updatedAt: z.int().nonnegative(),
});
