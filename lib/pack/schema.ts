/**
 * The knowledge-pack format, `backstory-pack/1`: the single source of truth. The JSON Schema in
 * data/pack.schema.json is generated from this file (`npm run data:schema`) for pack authors.
 *
 * Shape checks live here; checks that need the whole pack (unique ids, cross-references, date
 * order) live in ./validate.ts, so that a pack author gets every problem at once with its path.
 */
import { z } from '../zod';

export const PACK_FORMAT = 'backstory-pack/1';

/** Lowercase ASCII slug: stable ids that survive renames and translations. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use a lowercase slug like "kirill-dmitriev"');

/** BCP 47 primary language subtag ("en", "it", "ru", "uk" …). */
export const LangCode = z.string().regex(/^[a-z]{2,3}$/, 'use a two- or three-letter language code');

/**
 * A date as ISO text whose length is its precision: "2018" (year), "2025-03" (month),
 * "2025-12-02" (day). Calendar validity (no 31 February) is checked in ./dates.ts.
 */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'use "YYYY", "YYYY-MM" or "YYYY-MM-DD"');

/** Text in several languages; English and Italian are required because the UI speaks both. */
export const LocalizedText = z
  .object({ en: z.string().trim().min(1), it: z.string().trim().min(1) })
  .catchall(z.string().trim().min(1));

const HttpUrl = z.url({ protocol: /^https?$/, error: 'only http and https links are allowed' });

export const SourceKind = z.enum(['news', 'analysis', 'opinion', 'translation']);

export const Source = z
  .strictObject({
    id: Slug,
    outlet: z.string().min(1),
    title: z.string().min(1),
    author: z.string().min(1).optional(),
    published: PartialDate,
    language: LangCode,
    kind: SourceKind,
    url: HttpUrl.optional(),
    via: z
      .strictObject({
        outlet: z.string().min(1),
        published: PartialDate.optional(),
        url: HttpUrl.optional(),
      })
      .optional()
      .describe('the outlet whose report this source relays or translates'),
    archivedCopy: z
      .string()
      .regex(/^[\w.-]+$/)
      .optional()
      .describe('file name of the archived text the quotes are checked against (data:check)'),
  })
  .describe('an article or report the pack cites');

/**
 * How a name is matched. Matching is case-insensitive and accent-insensitive unless the alias says
 * otherwise; inflection rules come from the alias language (see lib/match), `forms` adds irregular
 * inflected forms the rules cannot derive.
 */
export const Alias = z.strictObject({
  text: z.string().trim().min(2),
  lang: LangCode,
  part: z
    .enum(['full', 'surname', 'given', 'short', 'acronym', 'title'])
    .default('full')
    .describe('which part of the name this is; a bare surname preceded by another given name is someone else'),
  caseSensitive: z.boolean().default(false).describe('true when a lowercase form is a common word'),
  ambiguous: z
    .enum(['common-word', 'shared-name'])
    .optional()
    .describe('counted only when the page also names this actor unambiguously'),
  inflect: z.boolean().default(true).describe('apply the language’s case-ending rules'),
  forms: z.array(z.string().trim().min(2)).default([]).describe('irregular inflected forms, same rules as text'),
  notWhenPartOf: z
    .array(z.string().trim().min(2))
    .default([])
    .describe('longer phrases containing this alias that name something else ("Donald Trump Jr.", "trump card")'),
});

export const RelationType = z.enum([
  'family-of',
  'son-in-law-of',
  'friend-of',
  'aide-to',
  'adviser-to',
  'envoy-of',
  'spokesperson-of',
  'minister-of',
  'head-of',
  'member-of',
  'part-of',
  'works-for',
  'ally-of',
]);

export const Relation = z.strictObject({
  type: RelationType,
  actor: Slug,
  note: LocalizedText.optional(),
});

export const ActorKind = z.enum(['person', 'organization']);

/**
 * What the pack's authors know of an actor from outside its cited sources (a title, a later post): kept
 * apart from `role`, which says only what the sources say, and dated, because such facts go stale.
 */
export const Background = z
  .strictObject({
    text: LocalizedText,
    asOf: PartialDate.describe('when the text was last checked to be true'),
  })
  .describe('general knowledge no cited source states, shown on the card as background with its date');

export const Actor = z.strictObject({
  id: Slug,
  kind: ActorKind,
  outlet: z
    .boolean()
    .optional()
    .describe(
      'true for a news outlet kept as an actor because it acts in an event (an interview it gave its name to); its photo credits, datelines and attributions ("told X", "according to X") are not highlighted. An outlet that only reports is a source, not an actor.',
    ),
  wikidata: z
    .string()
    .regex(/^Q[1-9][0-9]*$/, 'use a Wikidata item id like "Q7747"')
    .optional()
    .describe('the Wikidata item of this actor: two packs that give the same item show one actor (lib/pack/identity.ts)'),
  name: LocalizedText.describe('display name per language; en and it required'),
  role: LocalizedText.describe('what this actor is, as the cited sources present it in the period the pack covers'),
  background: Background.optional(),
  country: z
    .string()
    .regex(/^(?:[A-Z]{2}|INT)$/, 'use an ISO 3166-1 alpha-2 code, or INT for international bodies'),
  aliases: z.array(Alias).min(1),
  relations: z.array(Relation).default([]),
});

export const Certainty = z.enum(['confirmed', 'reported', 'claimed', 'unconfirmed', 'disputed']);

/** A quote is evidence, not content: verbatim, in the source language, at most 25 words. */
export const Quote = z
  .string()
  .trim()
  .min(3)
  .refine((q) => q.split(/\s+/u).length <= 25, 'a quote may hold at most 25 words');

/**
 * A source cited for an event, with a short quote that shows the claim when the article's quote budget
 * allows one (data:check keeps every archived article under a quarter quoted); without one, the source
 * is cited on its own.
 */
export const Citation = z.strictObject({
  source: Slug,
  quote: Quote.optional().describe('verbatim evidence for the claim; omitted when the quote budget cannot carry it'),
});

/**
 * The closed vocabulary of what an actor does in an event, each word with its meaning. Closed so that
 * one word means one thing across packs (a forum where leaders met is its `venue`, not its `host`), and
 * so that a role claims no more than the source does: `envoy` means "sent by another", never a title.
 */
export const EVENT_ROLE_MEANINGS = {
  participant: 'takes part, on an equal footing with the others, in a meeting, call, negotiation or exercise',
  host: 'receives the other participants, at home or as the inviting side',
  guest: 'is received by a host',
  venue: 'the forum or occasion at which the event took place, not a party to it (a summit where two leaders met)',
  envoy: 'is sent by another actor of the event to speak or negotiate for them, as the source says; implies no official title',
  sender: 'sends an envoy, delegation or observers',
  absent: 'does not take part, and the source makes a point of it',
  speaker: 'makes the statement the event is about, in person or through the spokesperson of the same event',
  spokesperson: 'speaks as the press officer of another actor of the same event',
  respondent: 'is asked about the event and confirms, denies or declines to answer',
  audience: 'a statement or message is addressed to them',
  interviewer: 'interviews the speaker',
  reporter: 'the news outlet or agency through whose report the event is known',
  publisher: 'publishes or relays a text written by another actor of the event',
  commentator: 'writes the commentary in which the event is recounted and interpreted',
  author: 'issues the decision, measure, document, analysis or ultimatum the event is about',
  accused: 'held responsible for the action by the source, which is all the pack can say: the certainty tells how far that goes',
  proposer: 'makes the offer or proposal',
  recipient: 'an offer or proposal is made to them',
  accepted: 'accepts the offer or proposal',
  rejected: 'turns down the offer or proposal',
  'decision-maker': 'decides an action that others carry out',
  attacker: 'carries out the military attack',
  target: 'an attack, sanction, threat, ultimatum or pressure is aimed at them',
  beneficiary: 'gains from the decision',
  promoter: 'argues or lobbies for the course of action the event is about',
  observer: 'watches or reacts to the event without taking part in it',
  subject: 'what the event is about, without acting in it',
} as const satisfies Record<string, string>;

export type EventRole = keyof typeof EVENT_ROLE_MEANINGS;

const EVENT_ROLES = Object.keys(EVENT_ROLE_MEANINGS) as [EventRole, ...EventRole[]];

export const EventRole = z
  .enum(EVENT_ROLES, { error: `use one of the role words: ${EVENT_ROLES.join(', ')}` })
  .describe(
    `what the actor does in the event: ${Object.entries(EVENT_ROLE_MEANINGS)
      .map(([word, meaning]) => `"${word}" ${meaning}`)
      .join('; ')}`,
  );

export const EventActor = z.strictObject({
  actor: Slug,
  role: EventRole,
});

export const Event = z.strictObject({
  id: Slug,
  date: PartialDate,
  end: PartialDate.optional(),
  title: LocalizedText,
  summary: LocalizedText,
  actors: z.array(EventActor).min(1),
  place: LocalizedText.optional(),
  tags: z.array(Slug).default([]),
  certainty: Certainty,
  dateNote: LocalizedText.optional().describe('how a relative date was resolved, or why sources disagree'),
  sources: z.array(Citation).min(1),
});

export const Pack = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(PACK_FORMAT),
  id: Slug,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'use a semantic version like "1.0.0"'),
  title: LocalizedText,
  description: LocalizedText,
  languages: z.array(LangCode).min(1).describe('languages the aliases cover'),
  attribution: z.string().min(1),
  licence: z.string().min(1),
  sources: z.array(Source).min(1),
  actors: z.array(Actor).min(1),
  events: z.array(Event),
});

export type Pack = z.infer<typeof Pack>;
export type PackInput = z.input<typeof Pack>;
export type Source = z.infer<typeof Source>;
export type Actor = z.infer<typeof Actor>;
export type Alias = z.infer<typeof Alias>;
export type Event = z.infer<typeof Event>;
export type Certainty = z.infer<typeof Certainty>;
export type Background = z.infer<typeof Background>;
export type RelationType = z.infer<typeof RelationType>;
export type ActorKind = z.infer<typeof ActorKind>;
export type LocalizedText = z.infer<typeof LocalizedText>;
