/**
 * The background owns the database and answers every message. It is thin on purpose: the store,
 * the router and the request checks are in lib/, tested in Node.
 */
import builtInPack from '@/data/packs/us-russia-2025.json';
import { createDiagnostics } from '@/lib/diagnostics';
import { createRouter, type Reply } from '@/lib/messages/protocol';
import { requestChecks } from '@/lib/messages/requests';
import { listPacks } from '@/lib/store/packs';
import { createStore, describe, StoreUnavailableError } from '@/lib/store/service';

export default defineBackground(() => {
  const diagnostics = createDiagnostics();
  self.addEventListener('error', (event) => diagnostics.record(event.error ?? event.message));
  self.addEventListener('unhandledrejection', (event) => diagnostics.record(event.reason));

  const store = createStore({ builtInPacks: [builtInPack] });

  const route = createRouter<Browser.runtime.MessageSender>(
    {
      'status:get': async () => {
        try {
          const db = await store.database();
          return { store: 'ready', packs: await listPacks(db), lastInstall: store.lastInstall() };
        } catch (error) {
          return { store: 'unavailable', problem: describe(error), packs: [], lastInstall: [] };
        }
      },
      'packs:list': async () => listPacks(await store.database()),
      'diagnostics:get': () => ({ errors: diagnostics.list() }),
    },
    requestChecks,
    (error): Reply<never> => {
      diagnostics.record(error);
      const code = error instanceof StoreUnavailableError ? 'store-unavailable' : 'internal';
      return { ok: false, error: { code, message: describe(error) } };
    },
  );

  // sendResponse + `return true` rather than a returned promise: the one form both browsers honour.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void route(message, sender).then(sendResponse);
    return true;
  });

  // Install or update: write the built-in pack now rather than on the first request.
  browser.runtime.onInstalled.addListener(() => {
    store.database().catch((error: unknown) => diagnostics.record(error));
  });
});
