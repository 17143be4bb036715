/**
 * When two installed packs know the same person: the same Wikidata item, or, when either of them gives
 * none, the same display name (any case, any accents) and the same kind. The reader then sees one actor
 * with both packs' events, and its names are one actor to the matcher (a name two copies of the same
 * person share is not "ambiguous"). Pure, so the background, the hover card and the side panel group
 * alike and the rule is tested in Node.
 *
 * Limits, on purpose:
 * - never two actors of one pack in a group: a pack that lists two people of the same name means two;
 * - a name that two different Wikidata items carry ("John Smith" the senator and the actor) merges
 *   nothing that lacks an item: it could be either.
 */
import { looseName } from '../text/normalize';

export interface ActorIdentity {
  /** "packId/actorId" (lib/pack/keys). */
  key: string;
  kind: string;
  name: Readonly<Record<string, string>>;
  wikidata?: string;
}

const packOf = (key: string) => key.slice(0, key.indexOf('/'));
/** The name two packs must agree on when one of them gives no Wikidata item: the English one, as every pack has it. */
export const nameKey = (actor: Pick<ActorIdentity, 'kind' | 'name'>) => `${actor.kind}\u0000${looseName(actor.name.en ?? '')}`;

/**
 * Groups of keys that are one actor (two or more each, in code-unit order), for the actors given. An
 * actor in no group is shown on its own.
 */
export function sameActorGroups(actors: readonly ActorIdentity[]): string[][] {
  const parent = new Map<string, string>();
  const packs = new Map<string, Set<string>>();
  for (const a of actors) {
    parent.set(a.key, a.key);
    packs.set(a.key, new Set([packOf(a.key)]));
  }
  const root = (key: string): string => {
    let r = key;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(key, r);
    return r;
  };
  /** Joins the groups of a and b unless that would put two actors of one pack together. */
  const join = (a: string, b: string) => {
    const [ra, rb] = [root(a), root(b)];
    if (ra === rb) return;
    const [pa, pb] = [packs.get(ra)!, packs.get(rb)!];
    for (const pack of pb) if (pa.has(pack)) return;
    parent.set(rb, ra);
    for (const pack of pb) pa.add(pack);
  };

  const byItem = new Map<string, string[]>();
  const byName = new Map<string, ActorIdentity[]>();
  for (const a of actors) {
    if (a.wikidata) byItem.set(a.wikidata, [...(byItem.get(a.wikidata) ?? []), a.key]);
    byName.set(nameKey(a), [...(byName.get(nameKey(a)) ?? []), a]);
  }
  for (const keys of byItem.values()) for (const key of keys.slice(1)) join(keys[0]!, key);
  for (const namesakes of byName.values()) {
    if (namesakes.length < 2) continue;
    const items = new Set(namesakes.flatMap((a) => (a.wikidata ? [a.wikidata] : [])));
    if (items.size > 1) continue; // two different people of one name: nothing without an item joins either
    // Same name and kind, at most one item among them: either no one says, or no one contradicts it.
    for (const a of namesakes.slice(1)) join(namesakes[0]!.key, a.key);
  }

  const groups = new Map<string, string[]>();
  for (const a of actors) {
    const r = root(a.key);
    groups.set(r, [...(groups.get(r) ?? []), a.key]);
  }
  return [...groups.values()].filter((keys) => keys.length > 1).map((keys) => keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Each grouped key → the key its group is shown and matched under: the first in code-unit order (the
 * order the matcher breaks ties in). Keys in no group are absent.
 */
export function shownKeys(actors: readonly ActorIdentity[]): Map<string, string> {
  const shown = new Map<string, string>();
  for (const keys of sameActorGroups(actors)) for (const key of keys) shown.set(key, keys[0]!);
  return shown;
}
