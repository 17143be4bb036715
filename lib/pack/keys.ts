/**
 * Keys that name a pack item across every installed pack: "packId/itemId". Ids are slugs (lib/pack/schema),
 * so the one slash splits unambiguously. Actors are the items that travel most (matcher index, page
 * reports, hover cards, the timeline's focus), hence their own names; events and sources use the same rule.
 */
export type PackItemKey = `${string}/${string}`;
export type ActorKey = PackItemKey;

/** What a well-formed key looks like, for checking keys that arrive from outside (messages, storage). */
export const PACK_ITEM_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function packItemKey(packId: string, itemId: string): PackItemKey {
  return `${packId}/${itemId}`;
}

export const actorKey: (packId: string, actorId: string) => ActorKey = packItemKey;

/** The pack and actor of a key, or undefined when `key` is not a well-formed key. */
export function parseActorKey(key: string): { packId: string; actorId: string } | undefined {
  if (!PACK_ITEM_KEY_PATTERN.test(key)) return undefined;
  const slash = key.indexOf('/');
  return { packId: key.slice(0, slash), actorId: key.slice(slash + 1) };
}

export function isActorKey(value: unknown): value is ActorKey {
  return typeof value === 'string' && PACK_ITEM_KEY_PATTERN.test(value);
}
