/** Waiting in end-to-end tests: poll a probe until it yields something, with a named timeout. */
import type { TestPage } from './harness';

export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the content script finished `passes` scan passes (it reports one measure per pass). */
export function scanned(page: TestPage, passes = 1, timeoutMs = 10_000): Promise<true> {
  return until(
    `${passes} backstory:scan measure(s)`,
    async () => (await page.evaluate(() => performance.getEntriesByName('backstory:scan').length)) >= passes,
    timeoutMs,
  );
}
