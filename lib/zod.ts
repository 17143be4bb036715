/**
 * The one place zod is imported from. zod 4 probes `new Function` to compile fast parsers, which the
 * extension CSP forbids ('unsafe-eval'); jitless mode must be set before any schema is defined, and
 * an ES module's imports run first, so the config lives in the module every schema imports.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
