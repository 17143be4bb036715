/**
 * Which actor the timeline should show: set by "Open timeline" (hover card), read by the side panel
 * when it opens and whenever it changes. In storage.session: it matters for this browsing session only.
 */
import { isActorKey, type ActorKey } from '../pack/keys';

export interface TimelineFocus {
  actor: ActorKey;
  at: number;
}

export function parseFocus(value: unknown): TimelineFocus | undefined {
  const v = value as Partial<TimelineFocus> | undefined;
  return isActorKey(v?.actor) && typeof v.at === 'number' ? { actor: v.actor, at: v.at } : undefined;
}
