import type { Pack } from './schema';

export interface PackStats {
  actors: number;
  events: number;
  sources: number;
  /** Event–source citations, and how many of them carry a quote (the others cite the source alone). */
  citations: number;
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
    citations: pack.events.reduce((n, e) => n + e.sources.length, 0),
    quotes: pack.events.reduce((n, e) => n + e.sources.filter((c) => c.quote !== undefined).length, 0),
    aliases,
    aliasesByLang,
  };
}
