/**
 * "Names you follow" on the options page: the pure rules of lib/notes/followed.ts (order, checks, the
 * update request) and the static structure of the list, the edit form and the status line, rendered to
 * a string. A name is the reader's (or an imported file's) text, never HTML.
 */
import { renderToString } from 'preact-render-to-string';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import english from '@/public/_locales/en/messages.json';
import italian from '@/public/_locales/it/messages.json';
import { formatCatalogueMessage, type Catalogue } from '@/lib/i18n/catalogue';
import { fieldKindOf } from '@/lib/notes/form';
import { editFields, followEditProblems, isUnchanged, sortFollowed, updateRequest } from '@/lib/notes/followed';
import type { ReaderActorRecord } from '@/lib/notes/model';
import { NOTE_LIMITS } from '@/lib/notes/schema';
import { FollowRequestSchema } from '@/lib/notes/schema';
import { FollowedNamesView, type FollowedActions, type FollowedLoad } from '@/entrypoints/options/FollowedNames';
import { ReaderData } from '@/entrypoints/options/ReaderData';

const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
const escaped = '&lt;img src=x onerror=&quot;alert(1)&quot;>&lt;script>alert(2)&lt;/script>';

function speak(catalogue: Catalogue) {
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue(catalogue === italian ? 'it' : 'en-US');
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) =>
    formatCatalogueMessage(catalogue, key, ([] as string[]).concat(substitutions ?? []))) as typeof browser.i18n.getMessage);
}

beforeEach(() => speak(english as Catalogue));
afterEach(() => {
  vi.restoreAllMocks();
});

const actor = (id: string, name: string, extra: Partial<ReaderActorRecord> = {}): ReaderActorRecord => ({
  id,
  kind: 'person',
  name,
  spellings: [],
  aliasKeys: [],
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});

const tulsi = actor('tulsi-gabbard', 'Tulsi Gabbard', { spellings: ['Gabbard', 'T. Gabbard'] });
const aipac = actor('aipac', 'AIPAC', { kind: 'organization' });

const never = () => new Promise<never>(() => undefined);
const actions: FollowedActions = { update: never, unfollow: never, restore: never };
const loaded = (...actors: ReaderActorRecord[]): FollowedLoad => ({ phase: 'loaded', actors });

describe('the order of followed names', () => {
  it('is alphabetical in the reader’s language: accents and case do not count, numbers by value', () => {
    const names = ['zeta', 'Émile', 'alpha', 'Group 10', 'Group 9', 'Eric'].map((name, k) => actor(`a${k}`, name));
    expect(sortFollowed(names, 'en').map((a) => a.name)).toEqual(['alpha', 'Émile', 'Eric', 'Group 9', 'Group 10', 'zeta']);
  });

  it('settles a tie by id and leaves the given list alone', () => {
    const given = [actor('b', 'Same'), actor('a', 'same')];
    expect(sortFollowed(given, 'it').map((a) => a.id)).toEqual(['a', 'b']);
    expect(given.map((a) => a.id)).toEqual(['b', 'a']);
  });
});

describe('the edit form’s rules', () => {
  it('starts from the stored name, kind and spellings, one per line', () => {
    expect(editFields(tulsi)).toEqual({ name: 'Tulsi Gabbard', kind: 'person', spellings: 'Gabbard\nT. Gabbard' });
  });

  it('needs a name of two characters or more, and no more than the background takes', () => {
    const fields = editFields(tulsi);
    expect(followEditProblems(fields)).toEqual({});
    expect(followEditProblems({ ...fields, name: '   ' })).toEqual({ name: 'required' });
    expect(followEditProblems({ ...fields, name: ' T ' })).toEqual({ name: 'short' });
    expect(followEditProblems({ ...fields, name: 'Xi' })).toEqual({});
    expect(followEditProblems({ ...fields, name: 'x'.repeat(NOTE_LIMITS.name) })).toEqual({});
    expect(followEditProblems({ ...fields, name: 'x'.repeat(NOTE_LIMITS.name + 1) })).toEqual({ name: 'long' });
  });

  it('takes as many spellings as the background, each as long as a name; blank lines and repeats do not count', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, k) => `Spelling ${k}`).join('\n');
    const fields = editFields(tulsi);
    expect(followEditProblems({ ...fields, spellings: lines(NOTE_LIMITS.spellings) + '\n\n  \nSpelling 0\n' })).toEqual({});
    expect(followEditProblems({ ...fields, spellings: lines(NOTE_LIMITS.spellings + 1) })).toEqual({ spellings: 'many' });
    expect(followEditProblems({ ...fields, spellings: 'x'.repeat(NOTE_LIMITS.name + 1) })).toEqual({ spellings: 'long' });
    expect(followEditProblems({ name: '', kind: 'person', spellings: lines(30) })).toEqual({ name: 'required', spellings: 'many' });
  });

  it('agrees with the background’s check: what it lets through is accepted', () => {
    const fields = { name: '  Tulsi  Gabbard ', kind: 'organization' as const, spellings: ' Gabbard \r\n\nGabbard\nTulsi\n' };
    expect(followEditProblems(fields)).toEqual({});
    const edit = updateRequest('tulsi-gabbard', fields);
    expect(edit).toEqual({ id: 'tulsi-gabbard', name: 'Tulsi  Gabbard', kind: 'organization', spellings: ['Gabbard', 'Tulsi'] });
    const { id: _id, ...followRequest } = edit;
    expect(FollowRequestSchema.safeParse(followRequest).success).toBe(true);
    expect(FollowRequestSchema.safeParse({ ...followRequest, name: 'T' }).success).toBe(false);
  });

  it('knows when nothing changed, so Save just closes the form', () => {
    expect(isUnchanged(tulsi, editFields(tulsi))).toBe(true);
    expect(isUnchanged(tulsi, { ...editFields(tulsi), name: ' Tulsi Gabbard ', spellings: 'Gabbard\n\nT. Gabbard\n' })).toBe(true);
    expect(isUnchanged(tulsi, { ...editFields(tulsi), kind: 'organization' })).toBe(false);
    expect(isUnchanged(tulsi, { ...editFields(tulsi), name: 'Tulsi G.' })).toBe(false);
    expect(isUnchanged(tulsi, { ...editFields(tulsi), spellings: 'T. Gabbard\nGabbard' })).toBe(false);
    expect(isUnchanged(tulsi, { ...editFields(tulsi), spellings: 'Gabbard' })).toBe(false);
  });

  it('tells a single-line field from the spellings and from buttons (Enter saves only from the first)', () => {
    expect(fieldKindOf({ tagName: 'INPUT', type: 'text' })).toBe('line');
    expect(fieldKindOf({ tagName: 'INPUT', type: 'radio' })).toBe('line');
    expect(fieldKindOf({ tagName: 'INPUT' })).toBe('line');
    expect(fieldKindOf({ tagName: 'TEXTAREA' })).toBe('multiline');
    expect(fieldKindOf({ tagName: 'INPUT', type: 'submit' })).toBe('other');
    expect(fieldKindOf({ tagName: 'BUTTON', type: 'button' })).toBe('other');
    expect(fieldKindOf(null)).toBe('other');
  });
});

describe('the list', () => {
  it('shows each name sorted, with its kind, other spellings and buttons named after it', () => {
    const html = renderToString(<FollowedNamesView load={loaded(tulsi, aipac)} actions={actions} locale="en" />);
    expect(html).toContain('<h3 id="followed-heading">Names you follow</h3>');
    expect(html.indexOf('data-followed="aipac"')).toBeLessThan(html.indexOf('data-followed="tulsi-gabbard"'));
    expect(html).toMatch(/<li class="followed-name kind-organization" data-followed="aipac">.*<span class="followed-title">AIPAC<\/span><span class="followed-kind" data-kind="organization">Organization<\/span><\/div>/);
    expect(html).toContain('<span class="followed-kind" data-kind="person">Person</span><span class="followed-spellings">Other spellings: Gabbard, T. Gabbard</span>');
    expect(html).toContain('<button type="button" class="followed-edit-button" aria-label="Edit Tulsi Gabbard">Edit</button>');
    expect(html).toContain('<button type="button" class="followed-unfollow" aria-label="Unfollow Tulsi Gabbard">Unfollow</button>');
    expect(html).toContain('aria-label="Edit AIPAC"');
    // No spellings: no empty line for them.
    expect(html.match(/class="followed-spellings"/g)).toHaveLength(1);
    // The live regions are there before they have anything to say.
    expect(html).toContain('<div class="followed-status" role="status" tabindex="-1"></div><div class="followed-alert" role="alert"></div>');
    expect(html).not.toContain('followed-empty');
  });

  it('renders names as text', () => {
    const html = renderToString(
      <FollowedNamesView load={loaded(actor('x', `Mallory ${hostile}`, { spellings: [`M ${hostile}`] }))} actions={actions} locale="en" />,
    );
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain(`<span class="followed-title">Mallory ${escaped}</span>`);
    expect(html).toContain(`Other spellings: M ${escaped}`);
    expect(html).toContain(`aria-label="Edit Mallory ${escaped}"`);
  });

  it('says how to follow a name when there is none', () => {
    const html = renderToString(<FollowedNamesView load={loaded()} actions={actions} locale="en" />);
    expect(html).toContain('<p class="empty followed-empty">You follow no names yet. To follow one, select it on a page, right-click the selection and choose “Follow … in Backstory”.</p>');
    expect(html).not.toContain('<ul');
  });

  it('says nothing while loading, and why when the names cannot be read', () => {
    const loading = renderToString(<FollowedNamesView load={{ phase: 'loading' }} actions={actions} locale="en" />);
    expect(loading).toContain('aria-busy="true"');
    expect(loading).not.toMatch(/followed-empty|<ul/);
    const failed = renderToString(<FollowedNamesView load={{ phase: 'failed', problem: 'DatabaseClosedError' }} actions={actions} locale="en" />);
    expect(failed).toContain('<p role="alert" class="problem">The names you follow could not be read: DatabaseClosedError</p>');
  });

  it('speaks Italian', () => {
    speak(italian as Catalogue);
    const html = renderToString(<FollowedNamesView load={loaded(tulsi, aipac)} actions={actions} locale="it" />);
    expect(html).toContain('Nomi che segui');
    expect(html).toContain('>Organizzazione<');
    expect(html).toContain('Altre grafie: Gabbard, T. Gabbard');
    expect(html).toContain('aria-label="Modifica Tulsi Gabbard">Modifica</button>');
    expect(html).toContain('aria-label="Non seguire più Tulsi Gabbard">Non seguire più</button>');
    expect(renderToString(<FollowedNamesView load={loaded()} actions={actions} locale="it" />)).toContain('«Segui … in Backstory»');
  });
});

describe('the edit form', () => {
  const html = () => renderToString(<FollowedNamesView load={loaded(tulsi, aipac)} actions={actions} locale="en" initialEditing="tulsi-gabbard" />);

  it('takes the row’s place, named after the name, with the stored values', () => {
    const page = html();
    expect(page).toContain('<li class="followed-name kind-person editing" data-followed="tulsi-gabbard"><form class="followed-edit" aria-label="Edit Tulsi Gabbard"');
    expect(page).not.toContain('aria-label="Unfollow Tulsi Gabbard"');
    // The other rows keep their buttons.
    expect(page).toContain('aria-label="Edit AIPAC"');
    expect(page).toMatch(/<label for="followed-tulsi-gabbard-name">Name<\/label><input id="followed-tulsi-gabbard-name" class="followed-name-input" type="text" required minlength="2" maxlength="200"[^>]* value="Tulsi Gabbard"/);
    expect(page).toMatch(/<legend>This is<\/legend><label class="check"><input type="radio" name="followed-tulsi-gabbard-kind" value="person" checked\/?>a person<\/label><label class="check"><input type="radio" name="followed-tulsi-gabbard-kind" value="organization"\/?>an organization<\/label>/);
    expect(page).toMatch(/<label for="followed-tulsi-gabbard-spellings">Other spellings, one per line<\/label><textarea id="followed-tulsi-gabbard-spellings"[^>]*>Gabbard\nT\. Gabbard<\/textarea>/);
  });

  it('has Save and Cancel named after the name, a hint for the keys and a place for the background’s refusal', () => {
    const page = html();
    expect(page).toContain('<button type="submit" class="followed-save" aria-disabled="false" aria-label="Save changes to Tulsi Gabbard">Save</button>');
    expect(page).toContain('<button type="button" class="followed-cancel" aria-label="Cancel editing Tulsi Gabbard">Cancel</button>');
    expect(page).toContain('<div class="followed-edit-alert" role="alert"></div>');
    expect(page).toContain('Enter in the name saves, Esc cancels.');
    expect(page).not.toContain('aria-invalid="true"');
  });

  it('renders the typed values as text', () => {
    const evil = actor('x', `Mallory ${hostile}`, { spellings: [`M ${hostile}`] });
    const page = renderToString(<FollowedNamesView load={loaded(evil)} actions={actions} locale="en" initialEditing="x" />);
    expect(page).not.toMatch(/<img|<script/i);
    expect(page).toContain(`value="Mallory ${escaped}"`);
    expect(page).toContain(`>M ${escaped}</textarea>`);
  });
});

describe('the status line', () => {
  it('offers Undo after an unfollow, named after the name', () => {
    const page = renderToString(
      <FollowedNamesView load={loaded(aipac)} actions={actions} locale="en" initialStatus={{ kind: 'unfollowed', actor: tulsi }} />,
    );
    expect(page).toContain(
      '<div class="followed-status" role="status" tabindex="-1"><p>Stopped following Tulsi Gabbard. <button type="button" class="followed-undo" aria-label="Undo: follow Tulsi Gabbard again">Undo</button></p></div>',
    );
    expect(page).toContain('<div class="followed-alert" role="alert"></div>');
  });

  it('puts a problem in the alert, the rest in the status', () => {
    const problem = renderToString(
      <FollowedNamesView load={loaded(aipac)} actions={actions} locale="en" initialStatus={{ kind: 'problem', text: 'It failed.' }} />,
    );
    expect(problem).toContain('<div class="followed-status" role="status" tabindex="-1"></div><div class="followed-alert" role="alert"><p class="problem">It failed.</p></div>');
    const done = renderToString(<FollowedNamesView load={loaded(aipac)} actions={actions} locale="en" initialStatus={{ kind: 'done', text: 'Following Tulsi Gabbard again.' }} />);
    expect(done).toContain('<div class="followed-status" role="status" tabindex="-1"><p>Following Tulsi Gabbard again.</p></div>');
  });
});

describe('in "Your notes"', () => {
  it('comes after the counts and before the export, without a settings section of its own', () => {
    const page = renderToString(<ReaderData />);
    expect(page.indexOf('Names you follow')).toBeGreaterThan(page.indexOf('reader-data-heading'));
    expect(page.indexOf('Names you follow')).toBeLessThan(page.indexOf('>Export<'));
    expect(page.match(/class="settings/g)).toHaveLength(1);
  });
});
