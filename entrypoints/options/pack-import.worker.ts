/**
 * The options page's import worker (lib/store/pack-import-worker.ts): a file is read, checked and
 * installed here so that neither the options page nor, in Firefox, the background page that shares its
 * thread has a long task. Only the page that started it can message it.
 */
import { BUILT_IN_PACK_IDS } from '@/data/builtin-pack-ids';
import { READER_PACK_ID } from '@/lib/notes/model';
import { BackstoryDatabase } from '@/lib/store/database';
import { createImportWorker, type ImportWorkerMessage, type ImportWorkerRequest } from '@/lib/store/pack-import-worker';

let database: BackstoryDatabase | undefined;
/** The worker's global scope, as far as it is used (the project's types are the DOM's, not a worker's). */
const scope = self as unknown as {
  postMessage(message: ImportWorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ImportWorkerRequest>) => void): void;
};

const onRequest = createImportWorker({
  database: () => (database ??= new BackstoryDatabase()),
  reservedIds: [...BUILT_IN_PACK_IDS, READER_PACK_ID],
  post: (message: ImportWorkerMessage) => scope.postMessage(message),
});

scope.addEventListener('message', (event) => void onRequest(event.data));
