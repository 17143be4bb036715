/** The card renders pack strings as text, never as HTML, whatever a pack (or an imported one) contains. */
import { renderToString } from 'preact-render-to-string';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import english from '@/public/_locales/en/messages.json';
import { ActorCard } from '@/components/card/ActorCard';
import type { CardReply } from '@/lib/messages/protocol';

const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

const card: CardReply = {
  actor: {
    key: 'evil/actor',
    kind: 'person',
    name: `Mallory ${hostile}`,
    role: `Role ${hostile}`,
    country: 'US',
    relations: [{ type: 'friend-of', actor: 'evil/other', name: `Other ${hostile}` }],
  },
  pageDay: '2025-12-03',
  pageDayKnown: true,
  events: [
    {
      key: 'evil/event',
      date: '2025-12-02',
      title: `Title ${hostile}`,
      summary: `Summary ${hostile}`,
      certainty: 'disputed',
      later: false,
      shared: [`Shared ${hostile}`],
      sources: [{ outlet: `Outlet ${hostile}`, title: 't', published: '2025-12-03', quote: `Quote ${hostile}`, quoteLang: 'it' }],
    },
  ],
  total: 1,
  laterCount: 0,
};

/** The English catalogue, with $1-style placeholders filled as the browser would. */
beforeAll(() => {
  const catalogue = english as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) => {
    const entry = catalogue[key];
    if (!entry) return '';
    const values = ([] as string[]).concat(substitutions ?? []);
    return entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return values[Number(content.slice(1)) - 1] ?? '';
    });
  }) as typeof browser.i18n.getMessage);
});

describe('card rendering', () => {
  it('escapes every pack string', () => {
    const html = renderToString(<ActorCard card={card} locale="en" onOpenTimeline={() => undefined} onClose={() => undefined} />);
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;>');
    expect(html).toContain('December 2, 2025');
    expect(html).toContain('role="dialog"');
    expect(html).toContain('friend of Other &lt;img');
  });
});
