/**
 * What the background needs to know about the page for ranking and the side panel: language,
 * publication date, title, canonical address, and the actors found with their counts. Read-only.
 */
import { firstDay, jsonLdDatePublished } from '@/lib/page/metadata';
import type { PageReport } from '@/lib/messages/protocol';
import type { ActorKey } from '@/lib/pack/keys';

export function readPageContext(doc: Document): Omit<PageReport, 'actors'> {
  const meta = (selector: string) => doc.querySelector<HTMLMetaElement>(selector)?.content;
  const jsonLd = [...doc.querySelectorAll('script[type="application/ld+json"]')]
    .slice(0, 20)
    .map((s) => jsonLdDatePublished(s.textContent ?? ''));
  const published = firstDay([
    meta('meta[property="article:published_time"]'),
    meta('meta[name="article:published_time"]'),
    ...jsonLd,
    meta('meta[itemprop="datePublished"]'),
    meta('meta[name="date"]'),
    doc.querySelector('time[datetime]')?.getAttribute('datetime'),
  ]);
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  return {
    url: location.href.slice(0, 2048),
    title: doc.title.slice(0, 500),
    lang: (doc.documentElement.lang || meta('meta[http-equiv="content-language"]') || '').slice(0, 35),
    ...(published && { published }),
    ...(canonical && /^https?:/.test(canonical) && { canonical: canonical.slice(0, 2048) }),
  };
}

export function countActors(mentions: readonly { actor: ActorKey }[]): PageReport['actors'] {
  const counts = new Map<ActorKey, number>();
  for (const m of mentions) counts.set(m.actor, (counts.get(m.actor) ?? 0) + 1);
  return [...counts].map(([actor, count]) => ({ actor, count })).sort((a, b) => b.count - a.count || a.actor.localeCompare(b.actor));
}
