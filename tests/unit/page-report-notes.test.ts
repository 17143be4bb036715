/** A page report may say which of the reader's notes its content script anchored (the panel's orphans). */
import { describe, expect, it } from 'vitest';
import { requestChecks } from '@/lib/messages/requests';

const base = { url: 'https://news.example/a', title: 'A', lang: 'en', actors: [] };
const check = (payload: unknown) => requestChecks['page:report'](payload);

describe('page report: notes anchored', () => {
  it('is optional: a report without it passes as before', () => {
    expect(check(base)).toEqual({ ok: true, value: base });
  });

  it('keeps each note id with whether its passage was found', () => {
    const notes = [{ id: 'urn:uuid:1', anchored: true }, { id: 'https://annotations.example/42', anchored: false }];
    expect(check({ ...base, notes })).toEqual({ ok: true, value: { ...base, notes } });
  });

  it('refuses malformed entries, empty or overlong ids, extra fields and more than 2000 notes', () => {
    for (const notes of [
      [{ id: 'urn:uuid:1' }],
      [{ id: 'urn:uuid:1', anchored: 'yes' }],
      [{ id: '', anchored: true }],
      [{ id: 'x'.repeat(2049), anchored: true }],
      [{ id: 'urn:uuid:1', anchored: true, quote: 'extra' }],
      'urn:uuid:1',
    ])
      expect(check({ ...base, notes }).ok, JSON.stringify(notes).slice(0, 80)).toBe(false);
    const many = Array.from({ length: 2001 }, (_, k) => ({ id: `urn:uuid:${k}`, anchored: k % 2 === 0 }));
    expect(check({ ...base, notes: many }).ok).toBe(false);
    expect(check({ ...base, notes: many.slice(0, 2000) }).ok).toBe(true);
    expect(check({ ...base, notes: [{ id: 'x'.repeat(2048), anchored: true }] }).ok).toBe(true);
  });
});
