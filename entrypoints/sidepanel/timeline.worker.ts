/**
 * The side panel's timeline worker: reads every installed pack's timeline as parts
 * (lib/store/timeline-parts.ts) and posts them to the panel, paced (lib/store/timeline-channel.ts), for
 * the panel to make into its entries. Parsing the blocks and folding their search text here keeps that
 * work, and the garbage it leaves, off the panel's thread. Only the panel that started it can message it
 * (a dedicated worker has no other sender), and it reads the same database the panel does (the
 * extension's origin).
 */
import { BackstoryDatabase } from '@/lib/store/database';
import { readTimelineParts } from '@/lib/store/timeline-parts';
import { pacedSender, type TimelineWorkerMessage, type TimelineWorkerRequest } from '@/lib/store/timeline-channel';

/** The worker's global scope, as far as it is used (the project's types are the DOM's, not a worker's). */
const scope = self as unknown as {
  postMessage(message: TimelineWorkerMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TimelineWorkerRequest>) => void): void;
};

const sender = pacedSender((message, transfer) => scope.postMessage(message, transfer));
let started = false;

scope.addEventListener('message', ({ data }) => {
  if (data.kind === 'more') sender.more();
  else if (!started) {
    started = true;
    void readAll();
  }
});

async function readAll() {
  const db = new BackstoryDatabase();
  try {
    for await (const part of readTimelineParts(db)) await sender.send(part);
    scope.postMessage({ kind: 'done' });
  } catch (error) {
    scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    db.close();
  }
}
