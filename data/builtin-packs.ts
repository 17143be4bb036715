/**
 * The packs every build ships and the background installs on first open (see lib/store/service.ts).
 * Only their ids and versions are in the background's code: the content is a file of the extension,
 * read when a pack must be installed (first run, an update, rows to repair). Evaluated as an object
 * literal it cost every service-worker start about 16 ms (docs/bench.md, "What a wake costs").
 * The file is not web-accessible: pages cannot read it.
 */
import { id, version } from './packs/us-russia-2025.json';
import { BUILT_IN_PACK_FILES } from './builtin-pack-files';
import type { LazyPack } from '../lib/store/service';

/** A pack file packaged with the extension, by its path inside it. */
export function packagedPack(packId: string, packVersion: string, path: string, urlOf: (path: string) => string): LazyPack {
  return {
    id: packId,
    version: packVersion,
    async read() {
      const response = await fetch(urlOf(path));
      if (!response.ok) throw new Error(`the built-in pack file ${path} could not be read (${response.status})`);
      return response.json();
    },
  };
}

export const builtInPacks = (urlOf: (path: string) => string): readonly LazyPack[] => [
  packagedPack(id, version, `/${BUILT_IN_PACK_FILES['data/packs/us-russia-2025.json']}`, urlOf),
];
