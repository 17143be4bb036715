/**
 * Backstory's performance measures (`backstory:index`, `:scan`, `:components`, `:card-ui`, `:card`) land in the
 * page's own performance timeline, which any page script can read: in a reader's browser they would
 * tell the page that Backstory is installed, what it found, and which name the reader hovered. So only
 * the measured builds record them (`npm run build:measured` for the tests, `--mode bench` for the
 * bench). In a production build MEASURED is the constant false and the bundler drops the calls' bodies.
 */
export const MEASURED = import.meta.env.MODE === 'measured' || import.meta.env.MODE === 'bench';

/** Records a measure in measured builds only; `options` is not even evaluated in production. */
export function measure(name: `backstory:${string}`, options: () => PerformanceMeasureOptions): void {
  if (MEASURED) performance.measure(name, options());
}
