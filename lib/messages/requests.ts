/**
 * Runtime checks for every request in the message map, for the background only (it is the one place
 * that trusts nothing it receives). Keyed by the map, so a new message type without a check fails to compile.
 */
import { z } from '../zod';
import { PACK_ITEM_KEY_PATTERN } from '../pack/keys';
import { MAX_PAGE_ACTORS, type MessageType, type PayloadCheck } from './protocol';
import { FollowRequestSchema, MAX_IMPORT_ACTORS, MAX_IMPORT_NOTES, NoteDraftSchema, NoteId, NoteSchema, ReaderActorSchema } from '../notes/schema';
import { MAX_ANCHOR_TEXT } from '../notes/model';
import { Slug } from '../pack/schema';

const Empty = z.strictObject({});

const text = (max: number) => z.string().max(max);
/** A word's 32-bit hash (lib/match/text.ts hashFolded). */
const wordHash = z.int().min(0).max(0xffff_ffff);

const ActorKey = text(300).regex(PACK_ITEM_KEY_PATTERN, 'an actor key is "packId/actorId"');

const PageReport = z.strictObject({
  url: text(2048),
  title: text(500),
  lang: text(35),
  published: z.iso.date().optional(),
  canonical: text(2048).optional(),
  actors: z.array(z.strictObject({ actor: ActorKey, count: z.int().positive().max(1_000_000) })).max(MAX_PAGE_ACTORS),
  notes: z.array(z.strictObject({ id: text(2048).min(1), anchored: z.boolean() })).max(2_000).optional(),
});

const CardRequest = z.strictObject({
  actor: ActorKey,
  lang: text(35),
  published: z.iso.date().optional(),
  today: z.iso.date(),
  pageActors: z.array(ActorKey).max(MAX_PAGE_ACTORS),
  limit: z.int().min(1).max(1000),
});

const requestSchemas: { [K in MessageType]: z.ZodType } = {
  'lexicon:head': Empty,
  // A page asks for the words it found once each: a few thousand on the longest pages.
  'lexicon:parts': z.strictObject({ stamp: text(100), asks: z.array(z.tuple([wordHash, wordHash])).max(100_000) }),
  'page:report': PageReport,
  'page:forget': Empty,
  'page:get': z.strictObject({ tabId: z.int().nonnegative().optional() }),
  'status:get': Empty,
  'packs:list': Empty,
  'diagnostics:get': Empty,
  'pack:installed': z.strictObject({ id: Slug }),
  'pack:enable': z.strictObject({ id: Slug, enabled: z.boolean() }),
  'pack:remove': z.strictObject({ id: Slug }),
  'pack:undo-remove': z.strictObject({ id: Slug }),
  'card:get': CardRequest,
  'timeline:open': z.strictObject({ actor: ActorKey }),
  'i18n:catalogue': z.strictObject({ lang: z.enum(['en', 'it']) }),
  'notes:page': z.strictObject({ urls: z.array(text(2048)).max(2), lang: text(35) }),
  'notes:anchor': z.strictObject({ urls: z.array(text(2048)).max(2), text: text(MAX_ANCHOR_TEXT) }),
  'note:prefill': z.strictObject({ text: text(5_000), lang: text(35) }),
  'compose:open': z.strictObject({ tabId: z.int().nonnegative(), mode: z.enum(['note', 'follow']) }),
  'card-ui:load': Empty,
  'note:save': z.strictObject({ note: NoteDraftSchema }),
  'note:delete': z.strictObject({ id: NoteId }),
  'note:restore': z.strictObject({ note: NoteSchema }),
  'notes:import': z.strictObject({ notes: z.array(NoteSchema).max(MAX_IMPORT_NOTES), actors: z.array(ReaderActorSchema).max(MAX_IMPORT_ACTORS) }),
  'notes:clear': Empty,
  'actors:search': z.strictObject({ query: text(200), lang: text(35), limit: z.int().min(1).max(50) }),
  'actors:describe': z.strictObject({ keys: z.array(ActorKey).max(50), lang: text(35) }),
  'actor:follow': FollowRequestSchema,
  'actor:update': FollowRequestSchema.extend({ id: text(80) }),
  'actor:unfollow': z.strictObject({ id: text(80) }),
};

export const requestChecks = Object.fromEntries(
  Object.entries(requestSchemas).map(([type, schema]) => [
    type,
    ((payload) => {
      const result = schema.safeParse(payload ?? {});
      return result.success
        ? { ok: true, value: result.data }
        : { ok: false, message: result.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ') };
    }) satisfies PayloadCheck,
  ]),
) as { [K in MessageType]: PayloadCheck };
