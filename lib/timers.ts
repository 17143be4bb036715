/**
 * The timers the pure state machines use, injected so unit tests can drive time by hand. The defaults
 * look the global functions up at each call, so fake timers installed after this module loaded apply too.
 */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const globalTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout> | undefined),
};
