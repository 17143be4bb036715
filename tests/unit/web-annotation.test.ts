/**
 * The reader's notes as W3C Web Annotations and as a pack: export then import gives the same notes
 * (through the database too), a Hypothesis-style file imports, malformed files are refused whole with
 * every problem at its JSON path, and the reader's pack passes the pack validator.
 */
import { readFileSync } from 'node:fs';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import english from '@/public/_locales/en/messages.json';
import { formatCatalogueMessage, type Catalogue } from '@/lib/i18n/catalogue';
import { importFile, MAX_IMPORT_BYTES, OutcomeView } from '@/entrypoints/options/ReaderData';
import type { NoteRecord, ReaderActorRecord } from '@/lib/notes/model';
import { packQuote, readerPack } from '@/lib/notes/reader-pack';
import {
  ANNOTATION_CONTEXT,
  parseAnnotationImport,
  toAnnotation,
  toCollection,
  type AnnotationImport,
} from '@/lib/notes/web-annotation';
import { validatePack } from '@/lib/pack/validate';
import { BackstoryDatabase } from '@/lib/store/database';
import { clearNotes, importReaderData } from '@/lib/store/reader';
import { uniqueName } from './helpers';

const NOW = Date.UTC(2026, 2, 1, 12, 0);
const day = (d: number, h = 9) => Date.UTC(2025, 10, d, h, 30, 15, 123);

const followed: ReaderActorRecord[] = [
  { id: 'kirill-dmitriev', kind: 'person', name: 'Kirill Dmitriev', spellings: ['Кирилл Дмитриев'], aliasKeys: ['kirill dmitriev', 'кирилл дмитриев'], createdAt: day(1), updatedAt: day(2) },
  { id: 'rdif', kind: 'organization', name: 'RDIF', spellings: [], aliasKeys: ['rdif'], createdAt: day(3), updatedAt: day(3) },
];

const notes: NoteRecord[] = [
  {
    id: 'urn:uuid:0f3c8a52-9b1e-4c3a-8d7e-2a1b3c4d5e6f',
    title: 'Back channel again',
    body: 'Dmitriev as the go-between, as in February.\nSecond line.',
    date: '2025-11-20',
    certainty: 'confirmed',
    actorIds: ['reader/kirill-dmitriev', 'us-russia-2025/steve-witkoff'],
    target: {
      source: 'https://www.example-news.com/world/peace-plan?utm_source=rss',
      canonical: 'https://www.example-news.com/world/peace-plan',
      pageTitle: 'Peace plan talks — Example News',
      quote: { type: 'TextQuoteSelector', exact: 'Kirill Dmitriev met Steve Witkoff in Miami', prefix: 'officials said. ', suffix: ' over three days' },
      position: { type: 'TextPositionSelector', start: 2841, end: 2883 },
    },
    pageKeys: ['https://www.example-news.com/world/peace-plan'],
    createdAt: day(20),
    updatedAt: day(21),
  },
  {
    id: 'urn:uuid:1a2b3c4d-0000-4000-8000-000000000001',
    title: '<b>Bold</b> & "quoted"',
    body: '<img src=x onerror="alert(1)"> stays text',
    certainty: 'disputed',
    actorIds: ['reader/rdif'],
    target: {
      source: 'https://analysis.example.org/rdif',
      pageTitle: '',
      quote: { type: 'TextQuoteSelector', exact: 'RDIF', prefix: 'the fund (', suffix: ') said' },
    },
    pageKeys: ['https://analysis.example.org/rdif'],
    createdAt: day(22),
    updatedAt: day(22),
  },
  {
    // A v1 note made on no page.
    id: 'urn:backstory:note:v1-7',
    title: 'Remember',
    body: '',
    certainty: 'reported',
    actorIds: [],
    pageKeys: [],
    createdAt: day(5),
    updatedAt: day(6),
  },
];

const names = new Map([
  ['reader/kirill-dmitriev', 'Kirill Dmitriev'],
  ['reader/rdif', 'RDIF'],
  ['us-russia-2025/steve-witkoff', 'Steve Witkoff'],
]);

let ids = 0;
const newId = () => `urn:uuid:00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
const exported = () => JSON.parse(JSON.stringify(toCollection(notes, names, NOW, { followed, newId }))) as Record<string, unknown>;
const byId = (list: readonly NoteRecord[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

function failed(result: AnnotationImport) {
  if (result.ok) throw new Error('expected the import to be refused');
  return result.errors;
}

function succeeded(result: AnnotationImport) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

/** A valid foreign annotation, to break one field at a time. */
const annotation = (k: number, extra: Record<string, unknown> = {}) => ({
  '@context': ANNOTATION_CONTEXT,
  type: 'Annotation',
  id: `https://example.org/anno/${k}`,
  created: '2026-01-02T03:04:05Z',
  body: { type: 'TextualBody', value: `note ${k}` },
  target: { source: 'https://example.org/page', selector: { type: 'TextQuoteSelector', exact: 'a passage' } },
  ...extra,
});
const page = (items: unknown[]) => ({ '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', total: items.length, first: { type: 'AnnotationPage', items } });

describe('export as W3C Web Annotations', () => {
  it('writes a collection with one embedded page of standard annotations', () => {
    const collection = exported();
    expect(collection).toMatchObject({ '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', total: 3, label: 'Backstory notes, exported 2026-03-01' });
    const first = collection.first as { type: string; partOf: string; items: Record<string, unknown>[] };
    expect(first.type).toBe('AnnotationPage');
    expect(first.partOf).toBe(collection.id);
    // Oldest first: the note without a page was made on 5 November.
    expect(first.items.map((a) => a.id)).toEqual([notes[2]!.id, notes[0]!.id, notes[1]!.id]);
    expect(collection['backstory:followed']).toEqual([
      { id: 'kirill-dmitriev', kind: 'person', name: 'Kirill Dmitriev', spellings: ['Кирилл Дмитриев'], created: '2025-11-01T09:30:15.123Z', modified: '2025-11-02T09:30:15.123Z' },
      { id: 'rdif', kind: 'organization', name: 'RDIF', spellings: [], created: '2025-11-03T09:30:15.123Z', modified: '2025-11-03T09:30:15.123Z' },
    ]);
  });

  it('maps a note to body, target and the "backstory:note" property', () => {
    expect(toAnnotation(notes[0]!, names)).toEqual({
      '@context': ANNOTATION_CONTEXT,
      id: notes[0]!.id,
      type: 'Annotation',
      motivation: 'commenting',
      created: '2025-11-20T09:30:15.123Z',
      modified: '2025-11-21T09:30:15.123Z',
      body: [
        { type: 'TextualBody', value: notes[0]!.body, format: 'text/plain', purpose: 'commenting' },
        { type: 'TextualBody', value: 'Kirill Dmitriev', format: 'text/plain', purpose: 'tagging' },
        { type: 'TextualBody', value: 'Steve Witkoff', format: 'text/plain', purpose: 'tagging' },
      ],
      target: {
        source: 'https://www.example-news.com/world/peace-plan?utm_source=rss',
        selector: [notes[0]!.target!.quote, notes[0]!.target!.position],
      },
      'backstory:note': {
        title: 'Back channel again',
        date: '2025-11-20',
        certainty: 'confirmed',
        actors: [
          { key: 'reader/kirill-dmitriev', name: 'Kirill Dmitriev' },
          { key: 'us-russia-2025/steve-witkoff', name: 'Steve Witkoff' },
        ],
        pageTitle: 'Peace plan talks — Example News',
        canonical: 'https://www.example-news.com/world/peace-plan',
      },
    });
    // A note made on no page targets itself (a target may be a bare IRI); an unknown name is a bare key.
    const alone = toAnnotation({ ...notes[2]!, actorIds: ['other/unknown'] }, names);
    expect(alone.target).toBe('urn:backstory:note:v1-7');
    expect(alone['backstory:note'].actors).toEqual([{ key: 'other/unknown' }]);
    expect(alone.body).toHaveLength(1);
  });

  it('round-trips: notes → collection → JSON → parse gives the same notes and followed names', () => {
    const result = succeeded(parseAnnotationImport(exported(), NOW));
    expect(byId(result.notes)).toEqual(byId(notes));
    expect(result.actors).toEqual(followed);
    expect(result.messages).toEqual([]);
  });

  it('round-trips through the database: export, clear, import gives the same notes', async () => {
    const db = new BackstoryDatabase(uniqueName('notes-io'));
    await importReaderData(db, notes, followed);
    const file = JSON.stringify(toCollection(await db.readerNotes.toArray(), names, NOW, { followed: await db.readerActors.toArray() }));
    expect(await clearNotes(db)).toBe(3);
    const parsed = succeeded(parseAnnotationImport(JSON.parse(file), NOW));
    expect(await importReaderData(db, parsed.notes, parsed.actors)).toEqual({ added: 3, updated: 0, keptNewer: [], actorsAdded: 0 });
    expect(byId(await db.readerNotes.toArray())).toEqual(byId(notes));
    // Importing the same file again changes nothing: the stored copies are as new.
    expect((await importReaderData(db, parsed.notes, parsed.actors)).keptNewer).toHaveLength(3);
    db.close();
  });

  it('keeps HTML in every string as text, verbatim', () => {
    const result = succeeded(parseAnnotationImport(exported(), NOW));
    const html = result.notes.find((n) => n.id === notes[1]!.id)!;
    expect(html.title).toBe('<b>Bold</b> & "quoted"');
    expect(html.body).toBe('<img src=x onerror="alert(1)"> stays text');
    const foreign = succeeded(parseAnnotationImport([annotation(1, { body: '<script>alert(1)</script>\n<p>second</p>' })], NOW));
    expect(foreign.notes[0]).toMatchObject({ title: '<script>alert(1)</script>', body: '<script>alert(1)</script>\n<p>second</p>' });
  });

  it('accepts an AnnotationPage, a bare list, a single annotation and embedded next pages', () => {
    const items = (exported().first as { items: unknown[] }).items;
    expect(succeeded(parseAnnotationImport({ type: 'AnnotationPage', items }, NOW)).notes).toHaveLength(3);
    expect(succeeded(parseAnnotationImport(items, NOW)).notes).toHaveLength(3);
    expect(succeeded(parseAnnotationImport(items[0], NOW)).notes).toHaveLength(1);
    const paged = { type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [items[0]], next: { type: 'AnnotationPage', items: items.slice(1) } } };
    expect(succeeded(parseAnnotationImport(paged, NOW)).notes).toHaveLength(3);
  });
});

describe('import of annotations made elsewhere (Hypothesis)', () => {
  const hypothesis = JSON.parse(readFileSync(new URL('../fixtures/hypothesis-annotations.jsonld', import.meta.url), 'utf8'));

  it('maps each annotation to a note, reported and about no name', () => {
    const result = succeeded(parseAnnotationImport(hypothesis, NOW));
    expect(result.actors).toEqual([]);
    const [first, second, wholePage, stringBody, noBody] = result.notes;
    expect(first).toEqual({
      id: 'https://hypothes.is/a/Kq3vNmT0EfCz9x8Abc12Qw',
      title: 'Dmitriev again as the back channel.',
      body: 'Dmitriev again as the back channel.\nCompare with the February meeting in Riyadh.',
      certainty: 'reported',
      actorIds: [],
      target: {
        source: 'https://www.example-news.com/world/2025/11/20/peace-plan-talks?utm_source=rss',
        pageTitle: '',
        quote: {
          type: 'TextQuoteSelector',
          exact: "Kirill Dmitriev, the head of Russia's sovereign wealth fund, met Steve Witkoff in Miami over three days",
          prefix: 'people familiar with the talks. ',
          suffix: ', according to two officials.',
        },
        // The document-wide offsets; the XPath-relative ones inside the RangeSelector are left out.
        position: { type: 'TextPositionSelector', start: 2841, end: 2968 },
      },
      pageKeys: ['https://www.example-news.com/world/2025/11/20/peace-plan-talks'],
      createdAt: Date.parse('2025-11-20T09:14:03.512Z'),
      updatedAt: Date.parse('2025-11-20T09:16:41.003Z'),
    });
    // An empty text: titled by the quote.
    expect(second!.title).toBe('Peskov said the Kremlin had not received the text officially');
    expect(second!.target!.position).toEqual({ type: 'TextPositionSelector', start: 611, end: 669 });
    // A page note (no selector): the address goes into the text, the note has no passage.
    expect(wholePage).toMatchObject({
      title: 'Whole piece worth rereading after the summit.',
      body: 'Whole piece worth rereading after the summit.\n\nhttps://analysis.example.org/2025/11/what-the-plan-says',
      pageKeys: [],
    });
    expect(wholePage!.target).toBeUndefined();
    // No "created": the modification time stands in; a string body and a lone selector object are read.
    expect(stringBody).toMatchObject({ title: 'A string body, as some tools write it.', createdAt: Date.parse('2025-11-24T12:00:00Z'), updatedAt: Date.parse('2025-11-24T12:00:00Z') });
    expect(stringBody!.target!.quote).toEqual({ type: 'TextQuoteSelector', exact: 'The envoy arrived in Moscow on Monday', prefix: '', suffix: '' });
    // No body at all.
    expect(noBody).toMatchObject({ title: 'a 30-day ceasefire on energy infrastructure', body: '' });
    expect(result.messages).toEqual([
      'https://hypothes.is/a/Ms5xPoV2EfCz9x8Ghi56Sy is about a whole page, not a passage: imported as a note with the page\'s address in its text',
      '2 tags were not imported: Backstory links notes to the names they are about, not to tags',
    ]);
  });

  it('dates an annotation that says nothing of when with the time of the import', () => {
    const result = succeeded(parseAnnotationImport([annotation(1, { created: undefined })], NOW));
    expect(result.notes[0]).toMatchObject({ createdAt: NOW, updatedAt: NOW });
  });

  it('points at the other format when given a Hypothesis client export', () => {
    expect(failed(parseAnnotationImport({ export_date: '2025-11-20', annotations: [] }, NOW))).toEqual([
      { path: 'annotations', message: 'this looks like a Hypothesis export in its own format; export the annotations as W3C Web Annotations (JSON-LD) instead' },
    ]);
  });
});

/**
 * The malformed files and what the reader is told, one case each. The table is the record of the
 * messages (it is quoted in the closing note): change both together.
 */
const MALFORMED: { name: string; file: () => unknown; errors: { path: string; message: string }[] }[] = [
  { name: 'not an object: a number', file: () => 42, errors: [{ path: '(file)', message: 'expected a W3C Web Annotation collection, page or list of annotations, found a number' }] },
  { name: 'not an object: null', file: () => null, errors: [{ path: '(file)', message: 'expected a W3C Web Annotation collection, page or list of annotations, found null' }] },
  { name: 'an object of another kind', file: () => ({ type: 'Person' }), errors: [{ path: 'type', message: 'expected "AnnotationCollection", "AnnotationPage" or "Annotation"' }] },
  {
    name: 'a collection whose page is elsewhere',
    file: () => ({ type: 'AnnotationCollection', total: 2, first: 'https://example.org/annotations?page=0' }),
    errors: [{ path: 'first', message: 'this page of the collection is not in the file but at "https://example.org/annotations?page=0": only annotations in the file can be imported' }],
  },
  { name: 'a page without items', file: () => ({ type: 'AnnotationCollection', first: { type: 'AnnotationPage' } }), errors: [{ path: 'first.items',  message: "expected the page's list of annotations, found nothing" }] },
  { name: 'an item that is not an object', file: () => page(['hello']), errors: [{ path: 'first.items[0]', message: 'expected an annotation (an object), found a string' }] },
  {
    name: 'wrong shapes, each at its path',
    file: () =>
      page([
        annotation(0),
        annotation(1, { id: undefined, type: 'Note', created: 'yesterday' }),
        annotation(2, { target: { source: 'https://example.org/p', selector: [{ type: 'TextQuoteSelector', exact: 5 }, { type: 'TextPositionSelector', start: 9, end: 3 }] } }),
        annotation(3, { body: [42], target: undefined }),
      ]),
    errors: [
      { path: 'first.items[1].id', message: 'an annotation needs an id (an IRI such as "urn:uuid:…")' },
      { path: 'first.items[1].type', message: 'type must be "Annotation"' },
      { path: 'first.items[1].created', message: 'use an ISO 8601 date and time, like "2026-03-01T10:00:00Z"' },
      { path: 'first.items[2].target.selector[0].exact', message: 'Invalid input: expected string, received number' },
      { path: 'first.items[2].target.selector[1]', message: 'end must come after start' },
      { path: 'first.items[3].body[0]', message: 'expected a body (an object or a text), found a number' },
      { path: 'first.items[3].target', message: 'an annotation needs a target (the page it is about)' },
    ],
  },
  {
    name: 'a javascript: page address',
    file: () => page([annotation(0, { target: { source: 'javascript:alert(document.cookie)', selector: { type: 'TextQuoteSelector', exact: 'x' } } })]),
    errors: [{ path: 'first.items[0].target.source', message: 'only http and https page addresses are allowed' }],
  },
  {
    name: 'a javascript: target given as a bare address',
    file: () => [annotation(0, { target: ['https://example.org/ok', 'javascript:alert(1)'] })],
    errors: [{ path: '[0].target[1]', message: 'only http and https page addresses are allowed' }],
  },
  {
    name: 'a javascript: annotation id',
    file: () => [annotation(0, { id: 'javascript:alert(1)' })],
    errors: [{ path: '[0].id', message: 'an id cannot be a javascript:, data: or vbscript: address' }],
  },
  {
    name: 'over-long strings',
    file: () =>
      page([
        annotation(0, { body: { type: 'TextualBody', value: 'x'.repeat(20_001) } }),
        annotation(1, { target: { source: 'https://example.org/p', selector: { type: 'TextQuoteSelector', exact: 'q'.repeat(5_001) } } }),
        annotation(2, { 'backstory:note': { title: 't'.repeat(301), certainty: 'reported', actors: [] } }),
        annotation(3, { target: `https://example.org/${'p'.repeat(2_100)}` }),
        annotation(4, { id: `urn:x:${'i'.repeat(2_100)}` }),
        annotation(5, { body: ['y'.repeat(10_000), 'z'.repeat(10_000)] }),
      ]),
    errors: [
      { path: 'first.items[0].body.value', message: "a note's text may be at most 20000 characters long" },
      { path: 'first.items[1].target.selector.exact', message: 'a quoted passage may be at most 5000 characters long' },
      { path: 'first.items[2]["backstory:note"].title', message: 'a title may be at most 300 characters long' },
      { path: 'first.items[3].target', message: 'a page address may be at most 2048 characters long' },
      { path: 'first.items[4].id', message: 'an id may be at most 2048 characters long' },
      { path: 'first.items[5].body', message: "the note's text, all bodies together, is 20002 characters long; at most 20000 are allowed" },
    ],
  },
  {
    name: "Backstory's own property, malformed",
    file: () => page([annotation(0, { 'backstory:note': { title: ' ', certainty: 'sure', actors: [{ key: 'Not A Key' }], date: '2025-13', extra: 1 } })]),
    errors: [
      { path: 'first.items[0]["backstory:note"].title', message: 'a note needs a title' },
      { path: 'first.items[0]["backstory:note"].date', message: 'use "YYYY", "YYYY-MM" or "YYYY-MM-DD"' },
      { path: 'first.items[0]["backstory:note"].certainty', message: 'Invalid option: expected one of "confirmed"|"reported"|"claimed"|"unconfirmed"|"disputed"' },
      { path: 'first.items[0]["backstory:note"].actors[0].key', message: 'an actor key is "packId/actorId"' },
      { path: 'first.items[0]["backstory:note"]', message: 'Unrecognized key: "extra"' },
    ],
  },
  {
    name: 'a malformed followed name',
    file: () => ({ ...page([]), 'backstory:followed': [{ id: 'Not a slug', kind: 'person', name: 'X', spellings: [], created: '2026-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z' }] }),
    errors: [
      { path: '["backstory:followed"][0].id', message: 'use a lowercase slug' },
      { path: '["backstory:followed"][0].name', message: 'Too small: expected string to have >=2 characters' },
    ],
  },
  {
    name: 'a time before 1970 (the store keeps times as positive numbers)',
    file: () => [annotation(0, { created: '1969-12-31T23:59:59Z' })],
    errors: [
      { path: '[0]', message: 'as a note, createdAt: Too small: expected number to be >=0' },
      { path: '[0]', message: 'as a note, updatedAt: Too small: expected number to be >=0' },
    ],
  },
];

describe('malformed files are refused whole, with every problem at its path', () => {
  for (const { name, file, errors } of MALFORMED)
    it(name, () => {
      expect(failed(parseAnnotationImport(file(), NOW))).toEqual(errors);
    });

  it('lists the first 50 problems and counts the rest', () => {
    const items = Array.from({ length: 60 }, (_, k) => annotation(k, { target: { source: `ftp://example.org/${k}` } }));
    const errors = failed(parseAnnotationImport(page(items), NOW));
    expect(errors).toHaveLength(51);
    expect(errors[0]).toEqual({ path: 'first.items[0].target.source', message: 'only http and https page addresses are allowed' });
    expect(errors[49]!.path).toBe('first.items[49].target.source');
    expect(errors[50]).toEqual({ path: '', message: '…and 10 more problems' });
  });

  it('refuses the file when one annotation of many is wrong', () => {
    const items = [annotation(0), annotation(1), annotation(2, { target: { source: 'data:text/html,hi' } })];
    expect(failed(parseAnnotationImport(items, NOW))).toEqual([{ path: '[2].target.source', message: 'only http and https page addresses are allowed' }]);
  });

  it('keeps the later of two copies of one id, and says so', () => {
    const older = annotation(7, { modified: '2026-01-05T10:00:00Z', body: 'older' });
    const newer = annotation(7, { modified: '2026-02-01T08:30:00Z', body: 'newer' });
    for (const items of [[older, newer], [newer, older]]) {
      const result = succeeded(parseAnnotationImport(page(items), NOW));
      expect(result.notes.map((n) => n.body)).toEqual(['newer']);
      expect(result.messages).toEqual(['https://example.org/anno/7 appears twice; kept the one modified 2026-02-01T08:30:00.000Z']);
    }
    const thrice = succeeded(parseAnnotationImport([older, newer, older], NOW));
    expect(thrice.messages).toEqual(['https://example.org/anno/7 appears 3 times; kept the one modified 2026-02-01T08:30:00.000Z']);
  });

  it('cuts over-long quote context instead of refusing it', () => {
    const result = succeeded(parseAnnotationImport([annotation(0, { target: { source: 'https://example.org/p', selector: { type: 'TextQuoteSelector', exact: 'x', prefix: `${'a'.repeat(300)}END`, suffix: `START${'b'.repeat(300)}` } } })], NOW));
    const quote = result.notes[0]!.target!.quote;
    expect(quote.prefix).toHaveLength(200);
    expect(quote.prefix.endsWith('END')).toBe(true);
    expect(quote.suffix.startsWith('START')).toBe(true);
    expect(quote.suffix).toHaveLength(200);
  });
});

describe("the reader's pack", () => {
  it('passes the pack validator', () => {
    const result = readerPack(notes, followed, names, NOW);
    if (!result.ok) throw new Error(result.reason);
    const check = validatePack(JSON.parse(JSON.stringify(result.pack)));
    expect(check.ok ? [] : check.problems).toEqual([]);
    const { pack } = result;
    expect(pack).toMatchObject({ format: 'backstory-pack/1', id: 'my-notes', version: '1.20260301.720', languages: ['en', 'ru'] });
    expect(pack.actors.map((a) => a.id)).toEqual(['kirill-dmitriev', 'rdif']);
    expect(pack.actors[0]!.name).toEqual({ en: 'Kirill Dmitriev', it: 'Kirill Dmitriev' });
    expect(pack.sources).toEqual([
      expect.objectContaining({ url: 'https://www.example-news.com/world/peace-plan', outlet: 'example-news.com', title: 'Peace plan talks — Example News', published: '2025-11-20' }),
      expect.objectContaining({ url: 'https://analysis.example.org/rdif', title: 'https://analysis.example.org/rdif', published: '2025-11-22' }),
    ]);
    expect(pack.events.map((e) => [e.id, e.date, e.actors.map((a) => a.actor), e.sources[0]!.quote])).toEqual([
      ['note-0f3c8a52-9b1e-4c3a-8d7e-2a1b3c4d5e6f', '2025-11-20', ['kirill-dmitriev'], 'Kirill Dmitriev met Steve Witkoff in Miami'],
      // "RDIF" is four characters: a quote by itself. The undated note takes the page's day.
      ['note-1a2b3c4d-0000-4000-8000-000000000001', '2025-11-22', ['rdif'], 'RDIF'],
    ]);
    expect(pack.events[1]!.title).toEqual({ en: '<b>Bold</b> & "quoted"', it: '<b>Bold</b> & "quoted"' });
    expect(result.left).toEqual({ noPage: 1, noName: 0, noQuote: 0, otherNames: ['Steve Witkoff'] });
  });

  it('tags a note dated after its page "planned", and still validates', () => {
    const later = { ...notes[0]!, date: '2026-02' };
    const result = readerPack([later], followed, names, NOW);
    if (!result.ok) throw new Error(result.reason);
    expect(result.pack.events[0]!.tags).toEqual(['planned']);
    expect(validatePack(result.pack).ok).toBe(true);
  });

  it('cuts quotes to 25 words and widens a too-short one with whole words of context', () => {
    const long = Array.from({ length: 40 }, (_, k) => `w${k}`).join('  ');
    expect(packQuote({ type: 'TextQuoteSelector', exact: long, prefix: '', suffix: '' })).toBe(Array.from({ length: 25 }, (_, k) => `w${k}`).join(' '));
    expect(packQuote({ type: 'TextQuoteSelector', exact: 'EU', prefix: 'one two three four five six seven eight (', suffix: ') said on Monday that nine ten eleven' })).toBe(
      'three four five six seven eight (EU) said on Monday that nine ten',
    );
    expect(packQuote({ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' })).toBeUndefined();
  });

  it('needs a followed name and a note to cite', () => {
    expect(readerPack(notes, [], names, NOW)).toMatchObject({ ok: false, reason: 'no-names' });
    expect(readerPack([notes[2]!], followed, names, NOW)).toMatchObject({ ok: false, reason: 'no-notes', left: { noPage: 1 } });
    const longQuote = JSON.parse(JSON.stringify(notes[0])) as NoteRecord;
    longQuote.target!.quote.exact = 'x';
    longQuote.target!.quote.prefix = '';
    longQuote.target!.quote.suffix = '';
    expect(readerPack([longQuote], followed, names, NOW)).toMatchObject({ ok: false, reason: 'no-notes', left: { noQuote: 1 } });
  });

  it('every quote of a pack made from many notes is at most 25 words', () => {
    const many: NoteRecord[] = Array.from({ length: 30 }, (_, k) => ({
      ...notes[0]!,
      id: `https://example.org/anno/${k}`,
      target: { ...notes[0]!.target!, quote: { type: 'TextQuoteSelector', exact: 'word '.repeat(k * 2 + 1), prefix: '', suffix: '' } },
    }));
    const result = readerPack(many, followed, names, NOW);
    if (!result.ok) throw new Error(result.reason);
    expect(validatePack(result.pack).ok).toBe(true);
    expect(new Set(result.pack.events.map((e) => e.id)).size).toBe(30);
  });
});

describe("the options page's import", () => {
  beforeEach(() => {
    vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('en-US');
    vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) =>
      formatCatalogueMessage(english as Catalogue, key, ([] as string[]).concat(substitutions ?? []))) as typeof browser.i18n.getMessage);
  });
  afterEach(() => vi.restoreAllMocks());

  const fileOf = (text: string, size = text.length) => ({ name: 'notes.jsonld', size, text: vi.fn(async () => text) });
  const noSend = () => Promise.reject(new Error('must not be sent'));

  it('refuses a file over the limit before reading it', async () => {
    const file = fileOf('[]', MAX_IMPORT_BYTES + 1);
    expect(await importFile(file, noSend)).toEqual({ kind: 'problem', text: '“notes.jsonld” is 10.1 MB; files up to 10 MB can be imported.' });
    expect(file.text).not.toHaveBeenCalled();
    expect((await importFile(fileOf('[]', 25 * 1024 * 1024), noSend)) as { text: string }).toMatchObject({ text: '“notes.jsonld” is 25 MB; files up to 10 MB can be imported.' });
  });

  it('says when the file is not JSON', async () => {
    const outcome = await importFile(fileOf('{"type": "AnnotationPage",'), noSend);
    expect(outcome).toMatchObject({ kind: 'problem' });
    expect((outcome as { text: string }).text).toMatch(/^“notes\.jsonld” is not a JSON file: /);
  });

  it('lists the problems of an invalid file and sends nothing', async () => {
    expect(await importFile(fileOf('{"type": "Person"}'), noSend)).toEqual({
      kind: 'invalid',
      file: 'notes.jsonld',
      errors: [{ path: 'type', message: 'expected "AnnotationCollection", "AnnotationPage" or "Annotation"' }],
    });
  });

  it('sends a valid file (a byte-order mark is fine) and shows the counts and messages', async () => {
    const send = vi.fn(async () => ({ added: 2, updated: 1, keptNewer: ['x'], actorsAdded: 0 }));
    const outcome = await importFile(fileOf(`\uFEFF${JSON.stringify(toCollection(notes, names, NOW, { followed }))}`), send);
    expect(send).toHaveBeenCalledWith({ notes: expect.any(Array), actors: followed });
    expect(outcome).toEqual({ kind: 'imported', file: 'notes.jsonld', outcome: { added: 2, updated: 1, keptNewer: ['x'], actorsAdded: 0 }, messages: [] });
    const html = renderToString(h(OutcomeView, { outcome }));
    expect(html).toContain('<div role="status"><p>Imported from “notes.jsonld”.</p>');
    expect(html).toMatch(/data-count="kept">1</);
  });

  it('renders what a file says as text, never as markup', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const html = renderToString(
      h(OutcomeView, { outcome: { kind: 'invalid', file: `${hostile}.json`, errors: [{ path: `[0].${hostile}`, message: hostile }, { path: '', message: '…and 3 more problems' }] } }),
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
    expect(html).toContain('<li>…and 3 more problems</li>');
    const messages = renderToString(h(OutcomeView, { outcome: { kind: 'imported', file: 'f', outcome: { added: 0, updated: 0, keptNewer: [], actorsAdded: 0 }, messages: [hostile] } }));
    expect(messages).not.toContain('<img');
  });
});
