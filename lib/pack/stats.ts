import type { Pack } from './schema';

export interface PackStats {
  actors: number;
  events: number;
  sources: number;
  quotes: number;
  aliases: number;
  aliasesByLang: Record<string, number>;
}

export function packStats(pack: Pack): PackStats {
  const aliasesByLang: Record<string, number> = {};
  let aliases = 0;
  for (const actor of pack.actors)
    for (const alias of actor.aliases) {
      aliases++;
      aliasesByLang[alias.lang] = (aliasesByLang[alias.lang] ?? 0) + 1;
    }
  return {
    actors: pack.actors.length,
    events: pack.events.length,
    sources: pack.sources.length,
    quotes: pack.events.reduce((n, e) => n + e.sources.length, 0),
    aliases,
    aliasesByLang,
  };
}
