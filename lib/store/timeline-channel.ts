/**
 * The side panel and its timeline worker (entrypoints/sidepanel/timeline.worker.ts) talk in parts
 * (./timeline-parts.ts): the panel asks to start, the worker posts parts, and the panel asks for one more
 * each time it has made one into entries. The worker keeps PARTS_AHEAD parts posted ahead of what the
 * panel has taken: unpaced, it read 500k events faster than the panel made them into entries, and the
 * parts waiting in the panel's memory doubled its collector's work (docs/bench.md). Pure: both ends take
 * the channel's functions, so the pacing is tested in Node.
 */
import type { TimelinePart } from './timeline-parts';

export type TimelineWorkerRequest = { kind: 'read' } | { kind: 'more' };

/** What the worker posts: the parts in order, then the end or the failure. */
export type TimelineWorkerMessage = TimelinePart | { kind: 'done' } | { kind: 'failed'; message: string };

export const PARTS_AHEAD = 2;

/** The buffers a part can hand over rather than copy (its blocks' folded-text offsets). */
export const transferablesOf = (part: TimelinePart): ArrayBuffer[] =>
  part.kind === 'events' ? part.blocks.flatMap((b) => (b.folded ? [b.folded.starts.buffer as ArrayBuffer] : [])) : [];

/** The worker's end: `send` waits while PARTS_AHEAD parts are posted and not yet taken; `more` is the panel's ask. */
export function pacedSender(post: (message: TimelineWorkerMessage, transfer: ArrayBuffer[]) => void) {
  let credit = PARTS_AHEAD;
  let resume: (() => void) | undefined;
  return {
    more(): void {
      credit++;
      resume?.();
    },
    async send(part: TimelinePart): Promise<void> {
      while (credit === 0) await new Promise<void>((resolve) => (resume = resolve));
      credit--;
      post(part, transferablesOf(part));
    },
  };
}

/** What the panel's end needs of a worker. */
export interface PartsSource {
  postMessage(request: TimelineWorkerRequest): void;
  onmessage: ((event: { data: TimelineWorkerMessage }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

/** The panel's end: the worker's parts in the order posted, one more asked for as each is taken; throws when it fails, stops or `signal` aborts. */
export async function* partsFrom(worker: PartsSource, signal?: AbortSignal): AsyncGenerator<TimelinePart> {
  const queue: (TimelineWorkerMessage | undefined)[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const stop = (error: Error) => {
    failure ??= error;
    wake?.();
  };
  worker.onmessage = ({ data }) => {
    queue.push(data);
    wake?.();
  };
  worker.onerror = (event) => stop(new Error(event.message || 'the timeline worker stopped'));
  signal?.addEventListener('abort', () => stop(new DOMException('The timeline read was stopped', 'AbortError')), { once: true });
  worker.postMessage({ kind: 'read' });
  for (let next = 0; ; ) {
    while (next === queue.length && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
    const message = queue[next]!;
    // Read once: the queue lets go of what was taken, so a part's objects are not kept past their entries.
    queue[next++] = undefined;
    if (message.kind === 'done') return;
    if (message.kind === 'failed') throw new Error(message.message);
    yield message;
    worker.postMessage({ kind: 'more' });
  }
}
