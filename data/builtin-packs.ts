/** The packs every build ships and the background installs on first open (see lib/store/service.ts). */
import usRussia2025 from './packs/us-russia-2025.json';

export const BUILT_IN_PACKS: readonly unknown[] = [usRussia2025];
