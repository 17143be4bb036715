/**
 * Long passes over the side panel's timeline (500k events with a 100k-actor pack) cut into short tasks,
 * so that the panel answers the reader between them: a pass is written as a generator that yields every
 * few hundred items, and `runInSlices` runs it for a few milliseconds per task, then lets the browser
 * paint and handle input before going on. A newer pass (the next keystroke) aborts the one running.
 * No browser API beyond the event loop, so the passes are tested in Node.
 */
import { nextTask } from '../scan/budget';

export { nextTask };

/** Milliseconds of work per task: well under the 50 ms long-task line, with room for the frame. */
export const SLICE_BUDGET_MS = 8;

export interface SliceOptions {
  signal?: AbortSignal;
  budgetMs?: number;
  /** Called at the end of every slice but the last, before yielding: where a pass shows its progress. */
  onSlice?(): void;
  /** How to wait for the next task (tests pass a counter). */
  yieldTask?(): Promise<void>;
}

/** Thrown out of `runInSlices` when its signal aborted it. */
export class SlicesAborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'SlicesAborted';
  }
}

/**
 * Runs `steps` to its end, `budgetMs` at a time, and resolves with its return value. The generator
 * decides how often it may be interrupted (its yields); each yield checks the clock.
 */
export async function runInSlices<T>(steps: Iterator<unknown, T>, { signal, budgetMs = SLICE_BUDGET_MS, onSlice, yieldTask = nextTask }: SliceOptions = {}): Promise<T> {
  for (;;) {
    if (signal?.aborted) throw new SlicesAborted();
    const started = performance.now();
    let step = steps.next();
    while (!step.done && performance.now() - started < budgetMs) step = steps.next();
    if (step.done) return step.value;
    onSlice?.();
    await yieldTask();
  }
}

/** Runs `steps` at once: what a small timeline does, where slicing would only add a frame of delay. */
export function runAtOnce<T>(steps: Iterator<unknown, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}
