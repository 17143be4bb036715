/** The reader's notes in the side panel's lists: marked as the reader's own, with named actions, as text only. */
import { renderToString } from 'preact-render-to-string';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import english from '@/public/_locales/en/messages.json';
import { formatCatalogueMessage, type Catalogue } from '@/lib/i18n/catalogue';
import { EventList } from '@/components/timeline/EventList';
import { NoteEditor, NoteEntry, type NoteActions, type NoteTimelineEntry } from '@/components/timeline/NoteEntry';
import type { NoteRecord } from '@/lib/notes/model';
import { noteEntry, readerTimelineActor, type TimelineActor, type TimelineEntry } from '@/lib/store/timeline';

const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

const note: NoteRecord = {
  id: 'urn:uuid:1',
  title: `Zarubin ${hostile}`,
  body: `He was in the room ${hostile}`,
  date: '2025-12-02',
  certainty: 'claimed',
  actorIds: ['reader/pavel-zarubin', 'reader/gone'],
  target: {
    source: 'https://news.example/talks',
    pageTitle: `Talks ${hostile}`,
    quote: { type: 'TextQuoteSelector', exact: `the passage ${hostile}`, prefix: '', suffix: '' },
  },
  pageKeys: ['https://news.example/talks'],
  createdAt: Date.UTC(2025, 11, 3, 12),
  updatedAt: Date.UTC(2025, 11, 3, 12),
};
const zarubin = readerTimelineActor({ id: 'pavel-zarubin', kind: 'person', name: `Pavel ${hostile}`, spellings: [], aliasKeys: [], createdAt: 0, updatedAt: 0 });
const actors = new Map<string, TimelineActor>([[zarubin.key, zarubin]]);
const entry = noteEntry(note) as NoteTimelineEntry;
const actions: NoteActions = { save: async () => undefined, remove: () => undefined, reveal: () => undefined };
const props = { actors, lang: 'en', locale: 'en', onToggle: () => undefined, onActor: () => undefined, actions };

beforeAll(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) =>
    formatCatalogueMessage(english as Catalogue, key, ([] as string[]).concat(substitutions ?? []))) as typeof browser.i18n.getMessage);
});

describe("a note in the side panel's lists", () => {
  it('is marked as the reader\'s own, with Show on page, Edit and Delete named after the note', () => {
    const html = renderToString(<NoteEntry entry={entry} open={false} {...props} />);
    expect(html).toContain('class="tl-event tl-own certainty-claimed"');
    expect(html).toContain('data-note="urn:uuid:1"');
    expect(html).toContain('<span class="badge badge-own">Your note</span>');
    expect(html).toContain('December 2, 2025');
    for (const action of ['Show on page', 'Edit', 'Delete']) expect(html).toContain(`aria-label="${action}: Zarubin &lt;img src=x onerror=&quot;alert(1)&quot;>`);
    // A followed name is a chip that opens its view; an unfollowed one stays as its bare id.
    expect(html).toMatch(/<button type="button" class="chip chip-person chip-own">Pavel /);
    expect(html).toContain('<span class="chip chip-unknown">gone</span>');
    expect(html).not.toContain('orphan');
  });

  it('renders everything the reader wrote as text, never as HTML', () => {
    const html = renderToString(<NoteEntry entry={entry} open {...props} />);
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('He was in the room &lt;img');
    expect(html).toContain('Talks &lt;img');
    expect(html).toContain('href="https://news.example/talks" target="_blank" rel="noopener noreferrer"');
  });

  it('does not link a source that is not a web address', () => {
    const odd = noteEntry({ ...note, target: { ...note.target!, source: 'javascript:alert(1)' } }) as NoteTimelineEntry;
    expect(renderToString(<NoteEntry entry={odd} open {...props} />)).not.toContain('href=');
  });

  it('shows an orphaned note as kept, and an undated one as dated by its writing', () => {
    const html = renderToString(<NoteEntry entry={noteEntry({ ...note, date: undefined, target: undefined, pageKeys: [] }) as NoteTimelineEntry} open={false} orphaned {...props} />);
    expect(html).toContain('orphaned');
    expect(html).toContain('passage not found on this page — kept');
    expect(html).toContain('no date: the day it was written');
    expect(html).toContain(new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(note.createdAt)));
    // Without a passage there is nothing to show on a page.
    expect(html).not.toContain('Show on page');
  });

  it('sits in the event list among pack events, as a note', () => {
    const html = renderToString(<EventList events={[entry]} expanded={undefined} onExpand={() => undefined} notes={actions} orphans={new Set(['urn:uuid:1'])} {...props} />);
    expect(html).toContain('badge-own');
    expect(html).toContain('passage not found on this page — kept');
  });
});

describe('a pack event in the timeline', () => {
  const event: TimelineEntry = {
    key: 'p/first-call',
    date: '2025-02-12',
    title: { en: 'First call', it: 'Prima telefonata' },
    summary: { en: 'They spoke by phone.', it: 'Si sono sentiti.' },
    actors: [],
    tags: [],
    certainty: 'reported',
    sources: [
      { outlet: 'The Gazette', title: 'A call', published: '2025-02-13', quoteLang: 'it' },
      { outlet: 'The Courier', title: 'Another', published: '2025-02-14', via: 'TASS', quote: 'si sono sentiti', quoteLang: 'it' },
    ],
  };

  it('cites a source without a quote by its outlet line, with no empty blockquote', () => {
    const html = renderToString(<EventList events={[event]} expanded="p/first-call" onExpand={() => undefined} notes={actions} {...props} />);
    expect(html).toContain('<p class="tl-sources">The Gazette, The Courier</p>');
    expect(html).toContain('<p class="event-cited">The Gazette, February 13, 2025</p>');
    expect(html.match(/<blockquote/g)).toHaveLength(1);
    expect(html).toContain('<blockquote lang="it">“si sono sentiti”</blockquote><figcaption>The Courier (TASS), February 14, 2025</figcaption>');
  });
});

describe('the note edit form', () => {
  it('has a labelled field for each part, the date\'s precision, removable names and save and cancel', () => {
    const html = renderToString(<NoteEditor note={note} base="n" actors={actors} lang="en" onSave={async () => undefined} onCancel={() => undefined} />);
    expect(html).toContain('aria-label="Edit the note: Zarubin &lt;img');
    expect(html).toMatch(/Title<input[^>]*maxlength="300"[^>]*value="Zarubin &lt;img/);
    expect(html).toMatch(/<textarea[^>]*>He was in the room &lt;img/);
    expect(html).toMatch(/Date \(YYYY, YYYY-MM or YYYY-MM-DD\)<input[^>]*value="2025-12-02"/);
    expect(html).toContain('<span id="n-precision" class="note-precision">to the day</span>');
    expect(html).toContain('<option selected value="claimed">claimed</option>');
    expect(html).toContain('aria-label="Remove from the note: Pavel &lt;img');
    expect(html).toContain('aria-label="Remove from the note: gone"');
    expect(html).toContain('<button type="submit" class="primary">Save</button>');
    expect(html).toContain('>Cancel</button>');
    expect(html).not.toMatch(/<img|<script/i);
  });
});
