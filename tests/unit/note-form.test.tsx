/**
 * The reader's note components: the pure rules of lib/notes/form.ts (date precision, validation, keys,
 * focus wrapping) and the static structure of the forms and the note card, rendered to a string. What
 * the reader or a page wrote (the quote, a title, a name) is text, never HTML.
 */
import { readFileSync } from 'node:fs';
import { renderToString } from 'preact-render-to-string';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import english from '@/public/_locales/en/messages.json';
import { formatCatalogueMessage, type Catalogue } from '@/lib/i18n/catalogue';
import { Certainty } from '@/lib/pack/schema';
import {
  CERTAINTIES,
  changePrecision,
  dialogKeyAction,
  isValidDate,
  moveActive,
  noteProblems,
  precisionOf,
  rememberDate,
  splitSpellings,
  wrapFocus,
  type KeyLike,
} from '@/lib/notes/form';
import { NoteForm, type NoteFormProps } from '@/components/note/NoteForm';
import { FollowForm } from '@/components/note/FollowForm';
import { NoteCard } from '@/components/note/NoteCard';
import { noteExcerpt } from '@/components/note/NoteList';

const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
const escaped = '&lt;img src=x onerror=&quot;alert(1)&quot;>&lt;script>alert(2)&lt;/script>';

beforeAll(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) =>
    formatCatalogueMessage(english as Catalogue, key, ([] as string[]).concat(substitutions ?? []))) as typeof browser.i18n.getMessage);
});

describe('date precision', () => {
  it('reads the precision from the length, day when there is no date', () => {
    expect(precisionOf('2025')).toBe('year');
    expect(precisionOf('2025-02')).toBe('month');
    expect(precisionOf('2025-02-12')).toBe('day');
    expect(precisionOf(undefined)).toBe('day');
    expect(precisionOf('')).toBe('day');
  });

  it('trims to a coarser precision', () => {
    expect(changePrecision('2025-02-12', 'month')).toBe('2025-02');
    expect(changePrecision('2025-02', 'year')).toBe('2025');
    expect(changePrecision('2025-02-12', 'year')).toBe('2025');
    expect(changePrecision('2025-02-12', 'day')).toBe('2025-02-12');
  });

  it('extends to a finer one from the first month or day, or from what the reader had', () => {
    expect(changePrecision('2025', 'month')).toBe('2025-01');
    expect(changePrecision('2025-02', 'day')).toBe('2025-02-01');
    expect(changePrecision('2025', 'day')).toBe('2025-01-01');
    expect(changePrecision('2025', 'day', '2025-02-12')).toBe('2025-02-12');
    expect(changePrecision('2025', 'month', '2025-02-12')).toBe('2025-02');
    // The remembered day belongs to another year: not used.
    expect(changePrecision('2024', 'day', '2025-02-12')).toBe('2024-01-01');
  });

  it('keeps an empty date empty and clears an invalid one it cannot extend', () => {
    expect(changePrecision('', 'year')).toBe('');
    expect(changePrecision('', 'day')).toBe('');
    expect(changePrecision('20', 'day')).toBe('');
    expect(changePrecision('2025-13', 'day')).toBe('');
    expect(changePrecision('2025-13', 'year')).toBe('2025');
  });

  it('survives day → month → year → day with nothing lost', () => {
    let remembered = rememberDate('', '2025-02-12');
    let date = '2025-02-12';
    for (const to of ['month', 'year', 'month', 'day'] as const) {
      date = changePrecision(date, to, remembered);
      remembered = rememberDate(remembered, date);
    }
    expect(date).toBe('2025-02-12');
    // A new month typed at month precision replaces the remembered day.
    remembered = rememberDate(remembered, '2025-03');
    expect(remembered).toBe('2025-03');
    expect(rememberDate('2025-03', 'garbage')).toBe('2025-03');
  });
});

describe('date validity', () => {
  it('accepts no date, and a real date at the chosen precision only', () => {
    expect(isValidDate('', 'day')).toBe(true);
    expect(isValidDate('2025-02-12', 'day')).toBe(true);
    expect(isValidDate('2024-02-29', 'day')).toBe(true);
    expect(isValidDate('2025-02-29', 'day')).toBe(false);
    expect(isValidDate('2025-02-30', 'day')).toBe(false);
    expect(isValidDate('2025-13', 'month')).toBe(false);
    expect(isValidDate('2025-02', 'day')).toBe(false);
    expect(isValidDate('2025', 'month')).toBe(false);
    expect(isValidDate('2025', 'year')).toBe(true);
    expect(isValidDate('25', 'year')).toBe(false);
    expect(isValidDate('abcd', 'year')).toBe(false);
  });

  it('requires a title and a readable date', () => {
    expect(noteProblems({ title: 'x', date: '', precision: 'day' })).toEqual({});
    expect(noteProblems({ title: '   ', date: '', precision: 'day' })).toEqual({ title: 'required' });
    expect(noteProblems({ title: 'x', date: '2025-02-30', precision: 'day' })).toEqual({ date: 'invalid' });
    expect(noteProblems({ title: 'x', date: '', precision: 'day', dateUnreadable: true })).toEqual({ date: 'invalid' });
  });
});

describe('spellings', () => {
  it('splits one per line, trimmed, without blanks or repeats', () => {
    expect(splitSpellings(' Dmitriev \r\n\nДмитриев\nDmitriev\n  ')).toEqual(['Dmitriev', 'Дмитриев']);
    expect(splitSpellings('')).toEqual([]);
  });
});

describe('keys', () => {
  const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, isComposing: false, ...mods });

  it('saves on Enter in a single-line field, never on a button or select', () => {
    expect(dialogKeyAction(key('Enter'), 'line')).toBe('save');
    expect(dialogKeyAction(key('Enter'), 'other')).toBeUndefined();
    expect(dialogKeyAction(key('Enter', { shiftKey: true }), 'line')).toBeUndefined();
  });

  it('makes a new line on Enter in the note and saves on Ctrl/Cmd+Enter', () => {
    expect(dialogKeyAction(key('Enter'), 'multiline')).toBeUndefined();
    expect(dialogKeyAction(key('Enter', { shiftKey: true }), 'multiline')).toBeUndefined();
    expect(dialogKeyAction(key('Enter', { ctrlKey: true }), 'multiline')).toBe('save');
    expect(dialogKeyAction(key('Enter', { metaKey: true }), 'multiline')).toBe('save');
  });

  it('cancels on Escape anywhere, and leaves an input method its Enter', () => {
    expect(dialogKeyAction(key('Escape'), 'line')).toBe('cancel');
    expect(dialogKeyAction(key('Escape'), 'multiline')).toBe('cancel');
    expect(dialogKeyAction(key('Escape'), 'other')).toBe('cancel');
    expect(dialogKeyAction(key('Enter', { isComposing: true }), 'line')).toBeUndefined();
    expect(dialogKeyAction(key('a'), 'line')).toBeUndefined();
  });

  it('wraps Tab at both ends of the dialog only', () => {
    expect(wrapFocus(4, 5, false)).toBe(0);
    expect(wrapFocus(0, 5, true)).toBe(4);
    expect(wrapFocus(2, 5, false)).toBeUndefined();
    expect(wrapFocus(2, 5, true)).toBeUndefined();
    expect(wrapFocus(-1, 5, false)).toBe(0);
    expect(wrapFocus(-1, 5, true)).toBe(4);
    expect(wrapFocus(0, 0, false)).toBeUndefined();
  });

  it('moves the highlighted suggestion with wrapping', () => {
    expect(moveActive(-1, 3, 1)).toBe(0);
    expect(moveActive(-1, 3, -1)).toBe(2);
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(0, 0, 1)).toBe(-1);
  });
});

it('offers every certainty of the schema, in its order', () => {
  expect([...CERTAINTIES]).toEqual(Certainty.options);
});

const noop = () => undefined;
const formProps = (overrides: Partial<NoteFormProps> = {}): NoteFormProps => ({
  quote: `Quote ${hostile}`,
  initial: {
    title: `Title ${hostile}`,
    date: '2025-02',
    certainty: 'reported',
    actors: [{ key: 'evil/actor', name: `Mallory ${hostile}`, kind: 'person' }],
    body: `Body ${hostile}`,
  },
  searchActors: async () => [],
  onSave: noop,
  onCancel: noop,
  locale: 'en',
  ...overrides,
});

describe('note form', () => {
  let html: string;
  beforeAll(() => {
    html = renderToString(<NoteForm {...formProps()} />);
  });

  it('is a dialog named by its heading', () => {
    expect(html).toMatch(/role="dialog" aria-labelledby="backstory-note-heading"/);
    expect(html).toMatch(/<h2 id="backstory-note-heading"[^>]*>Add to Backstory<\/h2>/);
  });

  it('shows every string it is given as text', () => {
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain(`<blockquote>Quote ${escaped}</blockquote>`);
    expect(html).toContain(`value="Title ${escaped}"`);
    expect(html).toContain(`Body ${escaped}</textarea>`);
    expect(html).toContain(`aria-label="Remove Mallory ${escaped}"`);
  });

  it('labels every field', () => {
    for (const id of ['title', 'date', 'precision', 'actors', 'body', 'certainty']) {
      expect(html).toContain(`for="backstory-note-${id}"`);
      expect(html).toContain(`id="backstory-note-${id}"`);
    }
    expect(html).toMatch(/<input[^>]*id="backstory-note-title"[^>]*required/);
  });

  it('shows the date at its precision', () => {
    expect(html).toMatch(/<input[^>]*id="backstory-note-date"[^>]*type="month"[^>]*value="2025-02"/);
    expect(html).toMatch(/<option selected value="month">/);
    const day = renderToString(<NoteForm {...formProps({ initial: { ...formProps().initial, date: undefined } })} />);
    expect(day).toMatch(/<input[^>]*id="backstory-note-date"[^>]*type="date"[^>]*value\/>/);
    const year = renderToString(<NoteForm {...formProps({ initial: { ...formProps().initial, date: '2019' } })} />);
    expect(year).toMatch(/<input[^>]*id="backstory-note-date"[^>]*type="text"[^>]*value="2019"/);
  });

  it('has a combobox that controls its (closed) listbox', () => {
    expect(html).toMatch(/<input[^>]*role="combobox"[^>]*aria-expanded="false"[^>]*aria-controls="backstory-note-actors-list"/);
    expect(html).toMatch(/<ul[^>]*id="backstory-note-actors-list"[^>]*role="listbox"[^>]*hidden/);
    expect(html).not.toContain('aria-activedescendant');
  });

  it('chooses among the five certainties, with the initial one selected', () => {
    expect(html.match(/<option[^>]*value="(confirmed|reported|claimed|unconfirmed|disputed)"/g)).toHaveLength(5);
    expect(html).toMatch(/<option selected value="reported">/);
  });

  it('has Save and Cancel, and offers to follow only when asked to', () => {
    expect(html).toMatch(/<button type="submit"[^>]*>Save<\/button>/);
    expect(html).toMatch(/<button type="button"[^>]*>Cancel<\/button>/);
    expect(html).not.toContain('Follow this name instead');
    const offered = renderToString(<NoteForm {...formProps({ onFollow: noop, initial: { ...formProps().initial, actors: [] } })} />);
    expect(offered).toContain('Follow this name instead');
  });

  it('shows the caller’s error as an alert, as text', () => {
    const failed = renderToString(<NoteForm {...formProps({ error: `Nope ${hostile}` })} />);
    expect(failed).toContain(`role="alert">Nope ${escaped}</p>`);
  });
});

describe('follow form', () => {
  let html: string;
  beforeAll(() => {
    html = renderToString(<FollowForm name={`  Mallory ${hostile} `} onSave={noop} onCancel={noop} />);
  });

  it('is a dialog with the name prefilled, as text', () => {
    expect(html).toMatch(/role="dialog" aria-labelledby="backstory-follow-heading"/);
    expect(html).toContain('>Follow this name</h2>');
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toMatch(/<input[^>]*id="backstory-follow-name"[^>]*required[^>]*value="Mallory &lt;img/);
  });

  it('asks the kind with radios, person first and checked', () => {
    expect(html).toMatch(/<fieldset[^>]*><legend[^>]*>This is<\/legend>/);
    expect(html).toMatch(/<input type="radio"[^>]*value="person" checked/);
    expect(html).toMatch(/<input type="radio"[^>]*value="organization"/);
    expect(html).toContain('for="backstory-follow-spellings"');
    expect(html).toMatch(/<textarea[^>]*id="backstory-follow-spellings"/);
  });
});

describe('note card', () => {
  const note = {
    title: `Title ${hostile}`,
    body: `First line ${hostile}\nSecond line`,
    date: '2025-02',
    certainty: 'claimed' as const,
    actorNames: ['Kirill Dmitriev', `Mallory ${hostile}`],
    quote: `Quote ${hostile}`,
  };
  let html: string;
  beforeAll(() => {
    html = renderToString(<NoteCard note={note} locale="en" onClose={noop} onOpenTimeline={noop} />);
  });

  it('renders the reader’s and the page’s text as text', () => {
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain(`Title ${escaped}</h2>`);
    expect(html).toContain(`“Quote ${escaped}”`);
  });

  it('keeps the body’s line breaks as characters, for CSS to show', () => {
    expect(html).toContain(`<p class="note-body">First line ${escaped}\nSecond line</p>`);
    expect(html).not.toContain('<br');
    const css = readFileSync(new URL('../../components/card/card.css', import.meta.url), 'utf8');
    expect(css).toMatch(/\.note-body \{[^}]*white-space: pre-wrap/);
  });

  it('says whose note it is, when, how certain and about whom', () => {
    expect(html).toContain('Your note');
    expect(html).toContain('<time datetime="2025-02">February 2025</time>');
    expect(html).toContain('>claimed</span>');
    expect(html).toContain(`About Kirill Dmitriev, Mallory ${escaped}`);
    expect(html).toMatch(/role="dialog" aria-labelledby="backstory-note-card"/);
    expect(html).toContain('Open in the timeline');
  });

  it('leaves out what the note does not have', () => {
    const bare = renderToString(<NoteCard note={{ title: 'T', body: '', certainty: 'confirmed', actorNames: [] }} locale="en" />);
    expect(bare).not.toMatch(/<time|note-body|note-quote|About |card-close|card-footer/);
  });
});

describe('note excerpt', () => {
  it('puts the body on one line and cuts it at a word', () => {
    expect(noteExcerpt('one\n\ntwo  three')).toBe('one two three');
    expect(noteExcerpt('alpha beta gamma delta', 12)).toBe('alpha beta…');
    expect(noteExcerpt('https://example.com/a-very-long-address', 12)).toBe('https://exam…');
  });
});
