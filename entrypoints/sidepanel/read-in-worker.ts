/**
 * The packs' part of the timeline read in a worker (./timeline.worker.ts) and made into the panel's
 * entries here as its parts arrive, a slice at a time (decisions, "The side panel reads the packs in a
 * worker"). Stopping the read ends the worker.
 */
import { assemblePackTimeline, type PackTimeline, type ReadOptions } from '@/lib/store/timeline';
import type { TimelinePart, TimelineWorkerMessage, TimelineWorkerRequest } from '@/lib/store/timeline-parts';

export function readPackTimelineInWorker(options: ReadOptions): Promise<PackTimeline> {
  // Vite bundles the worker as a file of the extension: the extension's CSP allows it, a blob would not be.
  const worker = new Worker(new URL('./timeline.worker.ts', import.meta.url), { type: 'module' });
  return assemblePackTimeline(partsFrom(worker, options.signal), options).finally(() => worker.terminate());
}

/** The worker's parts in the order posted, one more asked for as each is taken; throws when it fails, stops or the read is stopped. */
async function* partsFrom(worker: Worker, signal: AbortSignal | undefined): AsyncGenerator<TimelinePart> {
  const queue: TimelineWorkerMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const stop = (error: Error) => {
    failure ??= error;
    wake?.();
  };
  worker.onmessage = ({ data }: MessageEvent<TimelineWorkerMessage>) => {
    queue.push(data);
    wake?.();
  };
  worker.onerror = (event) => stop(new Error(event.message || 'the timeline worker stopped'));
  signal?.addEventListener('abort', () => stop(new DOMException('The timeline read was stopped', 'AbortError')), { once: true });
  const ask = (request: TimelineWorkerRequest) => worker.postMessage(request);
  ask({ kind: 'read' });
  for (let next = 0; ; ) {
    while (next === queue.length && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
    const message = queue[next]!;
    // Read once: the queue lets go of what was read, so a part's objects are not kept past their entries.
    queue[next++] = undefined as never;
    if (message.kind === 'done') return;
    if (message.kind === 'failed') throw new Error(message.message);
    yield message;
    ask({ kind: 'more' });
  }
}
