/**
 * The packs' part of the timeline read in a worker (./timeline.worker.ts) and made into the panel's
 * entries here as its parts arrive, a slice at a time (decisions §53). Stopping the read ends the worker.
 */
import { assemblePackTimeline, type PackTimeline, type ReadOptions } from '@/lib/store/timeline';
import { partsFrom, type PartsSource } from '@/lib/store/timeline-channel';

export function readPackTimelineInWorker(options: ReadOptions): Promise<PackTimeline> {
  // Vite bundles the worker as a file of the extension: the extension's CSP allows it, a blob would not be.
  const worker = new Worker(new URL('./timeline.worker.ts', import.meta.url), { type: 'module' });
  return assemblePackTimeline(partsFrom(worker as PartsSource, options.signal), options).finally(() => worker.terminate());
}
