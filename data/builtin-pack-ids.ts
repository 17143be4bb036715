/**
 * The ids of the packs in ./builtin-packs.ts, apart from their content: the import worker must refuse
 * them (decisions §35) and should not carry the packs themselves to know them (350 kB of worker).
 * tests/unit/pack-import.test.ts checks the two lists agree.
 */
export const BUILT_IN_PACK_IDS: readonly string[] = ['us-russia-2025'];
