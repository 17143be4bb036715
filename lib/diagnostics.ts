import type { DiagnosticEntry } from './messages/protocol';

/**
 * The last errors a context caught, newest last, bounded so a page that throws in a loop cannot
 * grow the background's memory. The tests read it to prove "no error", the options page can show it.
 */
export function createDiagnostics(limit = 50) {
  const errors: DiagnosticEntry[] = [];
  return {
    record(error: unknown, now = Date.now()) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      errors.push({ at: now, message: message.slice(0, 500) });
      if (errors.length > limit) errors.splice(0, errors.length - limit);
    },
    list: (): DiagnosticEntry[] => [...errors],
  };
}
