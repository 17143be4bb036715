/**
 * Where each built-in pack's file goes in the extension (wxt.config.ts copies it there; data/builtin-packs.ts
 * reads it): source in the repository → path inside the built extension.
 */
export const BUILT_IN_PACK_FILES = {
  'data/packs/us-russia-2025.json': 'packs/us-russia-2025.json',
} as const;
