/**
 * What the background needs to know about the page for ranking and the side panel: language,
 * publication date, title, canonical address, and the actors found with their counts. Read-only.
 *
 * Called after every scan and on live pages up to once a second, on input the page controls: the
 * JSON-LD is read within lib/page/metadata.ts's limits and parsed again only when it changed.
 */
import { firstDay, JSON_LD_LIMITS, jsonLdBlocksDatePublished, type JsonLdBlock } from '@/lib/page/metadata';
import { MAX_PAGE_ACTORS, type PageReport } from '@/lib/messages/protocol';
import type { ActorKey } from '@/lib/pack/keys';

export function readPageContext(doc: Document): Omit<PageReport, 'actors'> {
  const url = location.href.slice(0, 2048);
  try {
    const meta = (selector: string) => doc.querySelector<HTMLMetaElement>(selector)?.content;
    const published = firstDay([
      meta('meta[property="article:published_time"]'),
      meta('meta[name="article:published_time"]'),
      jsonLdDay(doc),
      meta('meta[itemprop="datePublished"]'),
      meta('meta[name="date"]'),
      doc.querySelector('time[datetime]')?.getAttribute('datetime'),
    ]);
    const canonical = doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
    return {
      url,
      title: String(doc.title).slice(0, 500),
      lang: (doc.documentElement.lang || meta('meta[http-equiv="content-language"]') || '').slice(0, 35),
      ...(published && { published }),
      ...(canonical && /^https?:/.test(canonical) && { canonical: canonical.slice(0, 2048) }),
    };
  } catch {
    // Nothing above should throw; if a page still finds a way, the report goes out with what is certain.
    return { url, title: '', lang: '' };
  }
}

/**
 * The JSON-LD date, parsed once per page state. The key is the page address plus, for each JSON-LD
 * <script> the limits let us look at, the element, its first text node and its text length: replacing
 * a block's text (`textContent = …`, the parser, a framework) makes a new text node, editing it in
 * place changes its length, adding or removing a block changes the list, and an SPA navigation changes
 * the address. Computing the key reads no text, so an unchanged page costs a few node look-ups.
 */
let jsonLdCache: { key: unknown[]; day: string | undefined } | undefined;

function jsonLdDay(doc: Document): string | undefined {
  const scripts = doc.querySelectorAll<HTMLScriptElement>('script[type="application/ld+json"]');
  const blocks: (JsonLdBlock & { script: HTMLScriptElement })[] = [];
  for (let i = 0; i < scripts.length && i < JSON_LD_LIMITS.maxBlocks; i++) blocks.push(scriptBlock(scripts[i]!));
  const key: unknown[] = [location.href];
  for (const block of blocks) key.push(block.script, block.script.firstChild, block.length);
  if (jsonLdCache && sameKey(jsonLdCache.key, key)) return jsonLdCache.day;
  const day = jsonLdBlocksDatePublished(blocks);
  jsonLdCache = { key, day };
  return day;
}

/** Script text is its child text nodes; a block split into very many of them is not worth reading. */
const MAX_TEXT_NODES = 64;

function scriptBlock(script: HTMLScriptElement): JsonLdBlock & { script: HTMLScriptElement } {
  let length = 0;
  const children = script.childNodes;
  if (children.length > MAX_TEXT_NODES) length = Infinity;
  else for (const child of children) if (child.nodeType === Node.TEXT_NODE) length += (child as Text).length;
  return { script, length, text: () => script.text };
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Actors with their mention counts, the most mentioned first, at most MAX_PAGE_ACTORS of them. */
export function countActors(mentions: readonly { actor: ActorKey }[]): PageReport['actors'] {
  const counts = new Map<ActorKey, number>();
  for (const m of mentions) counts.set(m.actor, (counts.get(m.actor) ?? 0) + 1);
  return [...counts]
    .map(([actor, count]) => ({ actor, count }))
    .sort((a, b) => b.count - a.count || a.actor.localeCompare(b.actor))
    .slice(0, MAX_PAGE_ACTORS);
}
