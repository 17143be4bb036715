/**
 * Which actor the timeline should show: set by "Open timeline" (hover card), read by the side panel
 * when it opens and whenever it changes. In storage.session: it matters for this browsing session only.
 */
export const FOCUS_KEY = 'backstory:focus';

export interface TimelineFocus {
  actor: string;
  at: number;
}

export function parseFocus(value: unknown): TimelineFocus | undefined {
  const v = value as Partial<TimelineFocus> | undefined;
  return typeof v?.actor === 'string' && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(v.actor) && typeof v.at === 'number' ? { actor: v.actor, at: v.at } : undefined;
}
