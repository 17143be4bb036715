/** The card renders pack strings as text, never as HTML, whatever a pack (or an imported one) contains. */
import { renderToString } from 'preact-render-to-string';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import english from '@/public/_locales/en/messages.json';
import { formatCatalogueMessage, type Catalogue } from '@/lib/i18n/catalogue';
import { ActorCard, EventItem, SourceQuote } from '@/components/card/ActorCard';
import { citedSources } from '@/lib/store/card';
import type { SourceRecord } from '@/lib/store/records';
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
  notes: [],
};

/** The English catalogue, with $1-style placeholders filled as the browser would. */
beforeAll(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) =>
    formatCatalogueMessage(english as Catalogue, key, ([] as string[]).concat(substitutions ?? []))) as typeof browser.i18n.getMessage);
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

describe('a source cited without a quote', () => {
  const gazette: SourceRecord = {
    packId: 'p', id: 'gazette', outlet: 'The Gazette', title: 'A call', published: '2025-02-13', language: 'it', kind: 'news',
  };
  const sources = citedSources([{ source: 'gazette' }, { source: 'gazette', quote: 'si sono sentiti' }, { source: 'gone' }], (id) =>
    id === 'gazette' ? gazette : undefined,
  );
  const event = card.events[0]!;

  it('reaches the card with no quote field, beside a quoted one', () => {
    expect(sources).toEqual([
      { outlet: 'The Gazette', title: 'A call', published: '2025-02-13', quoteLang: 'it' },
      { outlet: 'The Gazette', title: 'A call', published: '2025-02-13', quote: 'si sono sentiti', quoteLang: 'it' },
    ]);
  });

  it('shows its outlet line and no empty blockquote', () => {
    const html = renderToString(<SourceQuote source={sources[0]!} locale="en" />);
    expect(html).toBe('<p class="event-cited">The Gazette, February 13, 2025</p>');
    expect(renderToString(<SourceQuote source={sources[1]!} locale="en" />)).toContain('<blockquote lang="it">“si sono sentiti”</blockquote>');
  });

  it('offers no Quote button when none of the event’s sources has a quote', () => {
    const html = renderToString(<EventItem event={{ ...event, sources: [sources[0]!] }} locale="en" />);
    expect(html).toContain('The Gazette');
    expect(html).not.toContain('event-quote-toggle');
    expect(renderToString(<EventItem event={{ ...event, sources }} locale="en" />)).toContain('event-quote-toggle');
  });
});

describe('background facts in the card', () => {
  const withBackground: CardReply = {
    ...card,
    actor: { ...card.actor, role: 'US National Security Adviser', background: { text: `Confirmed as UN ambassador ${hostile}`, asOf: '2025-09' } },
  };

  it('are labelled as background with their date, apart from the role, as text', () => {
    const html = renderToString(<ActorCard card={withBackground} locale="en" />);
    expect(html).toContain('<p class="card-role">US National Security Adviser · United States</p>');
    expect(html).toContain('<p class="card-background">Background, as of September 2025: Confirmed as UN ambassador &lt;img');
    expect(html).not.toMatch(/<img|<script/i);
  });

  it('say so in Italian too', async () => {
    const italian = (await import('@/public/_locales/it/messages.json')).default as Catalogue;
    expect(formatCatalogueMessage(italian, 'cardBackground', ['settembre 2025', 'Ambasciatore'])).toBe('Contesto, aggiornato a settembre 2025: Ambasciatore');
  });

  it('are not there when the pack has none', () => {
    expect(renderToString(<ActorCard card={card} locale="en" />)).not.toContain('card-background');
  });
});

describe('the reader’s notes in the card', () => {
  const notes: CardReply['notes'] = [
    { id: 'urn:uuid:1', title: `Note ${hostile}`, body: `Line one ${hostile}\nline two`, date: '2025-02', certainty: 'claimed' },
    { id: 'urn:uuid:2', title: 'Undated', body: '', certainty: 'confirmed' },
  ];

  it('come after the events, marked as the reader’s, as text', () => {
    const html = renderToString(<ActorCard card={{ ...card, notes }} locale="en" />);
    expect(html).not.toMatch(/<img|<script/i);
    expect(html.indexOf('Your notes')).toBeGreaterThan(html.indexOf('data-event="evil/event"'));
    expect(html.match(/>Your note</g)).toHaveLength(2);
    expect(html).toContain('February 2025');
    expect(html).toContain('Line one &lt;img src=x onerror=&quot;alert(1)&quot;>&lt;script>alert(2)&lt;/script> line two');
  });

  it('are not there when there are none', () => {
    expect(renderToString(<ActorCard card={card} locale="en" />)).not.toContain('Your notes');
  });

  it('are all a followed name has: no role, country or ranking, and no event count', () => {
    const own: CardReply = {
      ...card,
      actor: { key: 'reader/mallory', kind: 'person', name: 'Mallory', role: '', country: '', relations: [], own: true },
      events: [],
      total: 0,
      notes,
    };
    const html = renderToString(<ActorCard card={own} locale="en" onOpenTimeline={() => undefined} />);
    expect(html).toContain('A name you follow');
    expect(html).not.toMatch(/ · |What matters|No events|All 0 events/);
    expect(html).toContain('Your notes');
    expect(html).toContain('Open in the timeline');
    const none = renderToString(<ActorCard card={{ ...own, notes: [] }} locale="en" />);
    expect(none).toContain('You have not written about this name yet.');
  });
});

describe('catalogues', () => {
  it('fill placeholders as browser.i18n does, in both languages, with the same keys', async () => {
    const italian = (await import('@/public/_locales/it/messages.json')).default as Catalogue;
    expect(formatCatalogueMessage(italian, 'popupMentions', ['12', '5'])).toBe('12 menzioni di 5 attori noti in questa pagina');
    expect(formatCatalogueMessage(english as Catalogue, 'relation_son_in_law_of', ['Donald Trump'])).toBe('son-in-law of Donald Trump');
    expect(formatCatalogueMessage(english as Catalogue, 'no-such-key', [])).toBe('');
    expect(Object.keys(italian).sort()).toEqual(Object.keys(english).sort());
  });
});
