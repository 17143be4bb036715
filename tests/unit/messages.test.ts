import { describe, expect, it, vi } from 'vitest';
import { createClient, createRouter, MessageError, type Handlers } from '@/lib/messages/protocol';
import { requestChecks } from '@/lib/messages/requests';

const handlers: Handlers<string> = {
  'matcher:get': () => ({ index: {} as never, kinds: {} }),
  'page:report': () => null,
  'page:get': ({ tabId }) => (tabId === 7 ? { url: 'https://a.example/', title: 'A', lang: 'en', actors: [] } : null),
  'status:get': () => ({ store: 'ready', packs: [], lastInstall: [] }),
  'packs:list': () => {
    throw new Error('disk on fire');
  },
  'diagnostics:get': (_payload, sender) => ({ errors: [{ at: 0, message: `asked by ${sender}` }] }),
  'card:get': () => null,
  'timeline:open': () => ({ opened: 'window' }),
  'i18n:catalogue': () => ({}),
};
const route = createRouter(handlers, requestChecks);

describe('router', () => {
  it('answers a well-formed message with its value', async () => {
    expect(await route({ type: 'diagnostics:get', payload: {} }, 'tab 3')).toEqual({
      ok: true,
      value: { errors: [{ at: 0, message: 'asked by tab 3' }] },
    });
  });

  it('answers malformed messages with a clear error instead of throwing', async () => {
    const cases: [unknown, string, RegExp][] = [
      [null, 'bad-request', /must be an object/],
      ['status:get', 'bad-request', /must be an object/],
      [{ payload: {} }, 'bad-request', /string "type"/],
      [{ type: 'evil:run', payload: {} }, 'unknown-type', /Unknown message type "evil:run"/],
      [{ type: '__proto__', payload: {} }, 'unknown-type', /Unknown/],
      [{ type: 'toString', payload: {} }, 'unknown-type', /Unknown/],
      [{ type: 'status:get', payload: { extra: 1 } }, 'bad-request', /Malformed "status:get"/],
      [{ type: 'status:get', payload: 'text' }, 'bad-request', /Malformed/],
    ];
    for (const [message, code, text] of cases) {
      const reply = await route(message, 'x');
      expect(reply.ok, JSON.stringify(message)).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe(code);
        expect(reply.error.message).toMatch(text);
      }
    }
  });

  it('checks page reports field by field', async () => {
    const good = { url: 'https://a.example/', title: 'A', lang: 'it', published: '2025-12-03', actors: [{ actor: 'p/a', count: 2 }] };
    expect((await route({ type: 'page:report', payload: good }, 'x')).ok).toBe(true);
    const bad = await route({ type: 'page:report', payload: { ...good, published: '3 Dec', actors: [{ actor: 'p/a', count: -1 }] } }, 'x');
    expect(bad.ok === false && bad.error.message).toMatch(/published.*actors\.0\.count/s);
    expect(await route({ type: 'page:get', payload: { tabId: 7 } }, 'x')).toMatchObject({ ok: true, value: { title: 'A' } });
    expect((await route({ type: 'page:get', payload: { tabId: -1 } }, 'x')).ok).toBe(false);
  });

  it('turns a handler failure into an error reply', async () => {
    expect(await route({ type: 'packs:list', payload: {} }, 'x')).toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk on fire' },
    });
  });
});

describe('client', () => {
  it('unwraps values and raises error replies as MessageError', async () => {
    const request = createClient((envelope) => route(envelope, 'page'));
    expect(await request('status:get', {})).toEqual({ store: 'ready', packs: [], lastInstall: [] });
    await expect(request('packs:list', {})).rejects.toMatchObject({ name: 'MessageError', code: 'internal' });
  });

  it('retries once while a killed service worker restarts', async () => {
    const send = vi
      .fn()
      .mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
      .mockResolvedValueOnce({ ok: true, value: { errors: [] } });
    expect(await createClient(send, 1)('diagnostics:get', {})).toEqual({ errors: [] });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('reports a missing answer instead of returning undefined', async () => {
    await expect(createClient(async () => undefined)('status:get', {})).rejects.toEqual(
      new MessageError('no-reply', 'The background did not answer "status:get".'),
    );
  });
});

describe('card requests', () => {
  const valid = { actor: 'us-russia-2025/steve-witkoff', lang: 'it', today: '2026-11-23', pageActors: [], limit: 4 };

  it('accepts a well-formed one', async () => {
    expect(await route({ type: 'card:get', payload: valid }, 'tab')).toEqual({ ok: true, value: null });
    expect(await route({ type: 'card:get', payload: { ...valid, published: '2025-12-03' } }, 'tab')).toMatchObject({ ok: true });
  });

  it('refuses a malformed actor key, date or limit with the field named', async () => {
    for (const [payload, field] of [
      [{ ...valid, actor: '<img src=x>' }, 'actor'],
      [{ ...valid, today: '23/11/2026' }, 'today'],
      [{ ...valid, published: '2025-02-30' }, 'published'],
      [{ ...valid, limit: 0 }, 'limit'],
    ] as const) {
      const reply = await route({ type: 'card:get', payload }, 'tab');
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(JSON.stringify(reply)).toContain(field);
    }
    expect(await route({ type: 'timeline:open', payload: { actor: 'no-slash' } }, 'tab')).toMatchObject({ ok: false });
  });
});
