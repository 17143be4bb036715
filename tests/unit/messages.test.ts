import { describe, expect, it, vi } from 'vitest';
import { createClient, createRouter, MessageError, type Handlers } from '@/lib/messages/protocol';
import { requestChecks } from '@/lib/messages/requests';

const handlers: Handlers<string> = {
  'status:get': () => ({ store: 'ready', packs: [], lastInstall: [] }),
  'packs:list': () => {
    throw new Error('disk on fire');
  },
  'diagnostics:get': (_payload, sender) => ({ errors: [{ at: 0, message: `asked by ${sender}` }] }),
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
