import { describe, expect, it, vi } from 'vitest';
import {
  classifySender,
  createClient,
  createRouter,
  createTabClient,
  MAX_PAGE_ACTORS,
  MessageError,
  SENDER_RULES,
  TAB_CHECKS,
  TAB_SENDER_RULES,
  type Handlers,
  type SenderFacts,
  type TabMessageMap,
} from '@/lib/messages/protocol';
import { requestChecks } from '@/lib/messages/requests';

const OURS = { id: 'backstory@test', origin: 'chrome-extension://backstory/' };
/** The senders the browser can vouch for, as runtime.MessageSender gives them. */
const SENDERS = {
  optionsPage: { id: OURS.id, url: `${OURS.origin}options.html` },
  /** The popup opened in a tab (as the E2E opens it): still an extension page. */
  popupInTab: { id: OURS.id, url: `${OURS.origin}popup.html?tab=3`, tab: { id: 9 }, frameId: 0 },
  background: { id: OURS.id },
  contentScript: { id: OURS.id, url: 'https://news.example/a', tab: { id: 3 }, frameId: 0 },
  subFrame: { id: OURS.id, url: 'https://ads.example/frame', tab: { id: 3 }, frameId: 7 },
  otherExtension: { id: 'someone-else', url: 'chrome-extension://other/page.html' },
  noId: { url: 'https://news.example/a', tab: { id: 3 }, frameId: 0 },
} satisfies Record<string, SenderFacts>;

const handlers: Handlers<SenderFacts> = {
  'lexicon:head': () => ({ format: 'backstory-lexicon/3', stamp: 's', firstWords: 0, filter: { fingerprintBits: 16, seed: 0, segmentLength: 4, segmentCount: 1, base64: '' } }),
  'lexicon:parts': () => ({ stale: true }),
  'page:report': () => null,
  'page:forget': () => null,
  'page:get': ({ tabId }) => (tabId === 7 ? { url: 'https://a.example/', title: 'A', lang: 'en', actors: [] } : null),
  'status:get': () => ({ store: 'ready', packs: [], lastInstall: [] }),
  'packs:list': () => {
    throw new Error('disk on fire');
  },
  'diagnostics:get': (_payload, sender) => ({ errors: [{ at: 0, message: `asked by ${sender.url}` }] }),
  'card:get': () => null,
  'timeline:open': () => ({ opened: 'window' }),
  'i18n:catalogue': () => ({}),
  'notes:page': () => [],
  'notes:anchor': () => [],
  'note:prefill': () => ({ named: 0, actors: [] }),
  'compose:open': () => ({ opened: false, reason: 'no-selection' }),
  'card-ui:load': () => null,
  'note:save': ({ note }) => ({ ...note, id: note.id ?? 'urn:uuid:new', pageKeys: [], createdAt: 1, updatedAt: 1 }),
  'note:delete': () => null,
  'note:restore': () => null,
  'notes:import': ({ notes }) => ({ added: notes.length, updated: 0, keptNewer: [], actorsAdded: 0 }),
  'notes:clear': () => ({ removed: 0 }),
  'actors:search': () => [],
  'actors:describe': () => [],
  'actor:follow': () => ({ actor: 'reader/someone' }),
  'actor:update': () => null,
  'actor:unfollow': () => null,
  'pack:installed': () => null,
  'pack:enable': ({ enabled }) => ({ enabled }),
  'pack:remove': () => ({ removed: true }),
  'pack:undo-remove': () => ({ restored: true }),
};
const route = createRouter<SenderFacts>({ handlers, checks: requestChecks, rules: SENDER_RULES, senderOf: (sender) => classifySender(sender, OURS) });
const fromPage = (message: unknown) => route(message, SENDERS.optionsPage);
const fromTab = (message: unknown) => route(message, SENDERS.contentScript);

describe('senders', () => {
  it('places each sender the browser vouches for', () => {
    expect(classifySender(SENDERS.optionsPage, OURS)).toBe('extension-page');
    expect(classifySender(SENDERS.popupInTab, OURS)).toBe('extension-page');
    expect(classifySender(SENDERS.background, OURS)).toBe('extension-page');
    expect(classifySender(SENDERS.contentScript, OURS)).toBe('top-frame');
    expect(classifySender(SENDERS.subFrame, OURS)).toBe('other');
    expect(classifySender(SENDERS.otherExtension, OURS)).toBe('other');
    expect(classifySender(SENDERS.noId, OURS)).toBe('other');
  });

  it('refuses a content script an extension-page-only question, with a clear message', async () => {
    for (const type of ['page:get', 'status:get', 'packs:list', 'diagnostics:get'] as const) {
      const reply = await fromTab({ type, payload: {} });
      expect(reply, type).toEqual({
        ok: false,
        error: { code: 'forbidden', message: `"${type}" is answered for Backstory's own pages only, and this came from a tab's top frame.` },
      });
    }
  });

  it('takes page reports from a top frame only', async () => {
    const report = { type: 'page:report', payload: { url: 'https://a.example/', title: 'A', lang: 'en', actors: [] } };
    expect((await fromTab(report)).ok).toBe(true);
    for (const sender of [SENDERS.optionsPage, SENDERS.subFrame, SENDERS.otherExtension])
      expect(await route(report, sender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('loads the card UI for a content script in a top frame only, asked with an empty payload', async () => {
    const load = { type: 'card-ui:load', payload: {} };
    expect(await fromTab(load)).toEqual({ ok: true, value: null });
    for (const sender of [SENDERS.optionsPage, SENDERS.subFrame, SENDERS.otherExtension])
      expect(await route(load, sender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await fromTab({ type: 'card-ui:load', payload: { file: '/background.js' } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('answers card and matcher questions from both, and nothing to anyone else', async () => {
    for (const type of ['lexicon:head', 'lexicon:parts', 'i18n:catalogue'] as const) {
      const payload = type === 'i18n:catalogue' ? { lang: 'en' } : type === 'lexicon:parts' ? { stamp: 's', asks: [[1, 0xffff_ffff]] } : {};
      expect((await fromTab({ type, payload })).ok, type).toBe(true);
      expect((await fromPage({ type, payload })).ok, type).toBe(true);
      expect(await route({ type, payload }, SENDERS.otherExtension)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await route({ type, payload }, SENDERS.subFrame)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('checks the sender before reading the payload', async () => {
    const reply = await fromTab({ type: 'page:get', payload: 'not even an object' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('router', () => {
  it('answers a well-formed message with its value', async () => {
    expect(await fromPage({ type: 'diagnostics:get', payload: {} })).toEqual({
      ok: true,
      value: { errors: [{ at: 0, message: `asked by ${OURS.origin}options.html` }] },
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
      const reply = await fromPage(message);
      expect(reply.ok, JSON.stringify(message)).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe(code);
        expect(reply.error.message).toMatch(text);
      }
    }
  });

  it('checks page reports field by field', async () => {
    const good = { url: 'https://a.example/', title: 'A', lang: 'it', published: '2025-12-03', actors: [{ actor: 'p/a', count: 2 }] };
    expect((await fromTab({ type: 'page:report', payload: good })).ok).toBe(true);
    const bad = await fromTab({ type: 'page:report', payload: { ...good, published: '3 Dec', actors: [{ actor: 'p/a', count: -1 }] } });
    expect(bad.ok === false && bad.error.message).toMatch(/published.*actors\.0\.count/s);
    expect(await fromPage({ type: 'page:get', payload: { tabId: 7 } })).toMatchObject({ ok: true, value: { title: 'A' } });
    expect((await fromPage({ type: 'page:get', payload: { tabId: -1 } })).ok).toBe(false);
  });

  it('stores no page report with a malformed actor key or too many actors', async () => {
    const base = { url: 'https://a.example/', title: 'A', lang: 'en' };
    for (const actor of ['<script>', 'p/a/b', 'P/A', 'p/', '/a', 'p/a\n'])
      expect(await fromTab({ type: 'page:report', payload: { ...base, actors: [{ actor, count: 1 }] } }), actor).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const many = Array.from({ length: MAX_PAGE_ACTORS + 1 }, (_, i) => ({ actor: `p/a${i}`, count: 1 }));
    const reply = await fromTab({ type: 'page:report', payload: { ...base, actors: many } });
    expect(reply.ok === false && reply.error.message).toMatch(/actors/);
    expect((await fromTab({ type: 'page:report', payload: { ...base, actors: many.slice(0, MAX_PAGE_ACTORS) } })).ok).toBe(true);
  });

  it('turns a handler failure into an error reply', async () => {
    expect(await fromPage({ type: 'packs:list', payload: {} })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk on fire' },
    });
  });
});

describe('tab messages', () => {
  const tabHandlers: Handlers<SenderFacts, TabMessageMap> = {
    'page:site': () => ({ host: 'news.example' }),
    'highlights:toggle': () => ({ painting: false }),
    'mention:step': ({ direction }) => ({ actor: direction === 1 ? 'p/next' : 'p/previous' }),
    'mention:reveal': ({ actor }) => ({ found: actor === 'p/a' }),
    'note:compose': ({ mode }) => ({ opened: mode === 'note' }),
    'note:reveal': ({ id }) => ({ found: id === 'urn:uuid:1' }),
  };
  const tabRoute = createRouter<SenderFacts, TabMessageMap>({ handlers: tabHandlers, checks: TAB_CHECKS, rules: TAB_SENDER_RULES, senderOf: (s) => classifySender(s, OURS) });

  it('go through a typed client to one tab, and are answered for our pages and background only', async () => {
    const send = vi.fn((_tabId: number, envelope: unknown) => tabRoute(envelope, SENDERS.background));
    const requestTab = createTabClient(send);
    expect(await requestTab(3, 'mention:step', { direction: -1 })).toEqual({ actor: 'p/previous' });
    expect(send).toHaveBeenCalledWith(3, { type: 'mention:step', payload: { direction: -1 } });
    expect(await tabRoute({ type: 'page:site', payload: {} }, SENDERS.otherExtension)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await tabRoute({ type: 'page:site', payload: {} }, SENDERS.contentScript)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('check their payloads without zod', async () => {
    expect(await tabRoute({ type: 'mention:step', payload: { direction: 2 } }, SENDERS.background)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await tabRoute({ type: 'mention:reveal', payload: { actor: 'javascript:alert(1)' } }, SENDERS.background)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await tabRoute({ type: 'highlights:toggle', payload: { evil: 1 } }, SENDERS.background)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await tabRoute({ type: 'mention:reveal', payload: { actor: 'p/a' } }, SENDERS.optionsPage)).toEqual({ ok: true, value: { found: true } });
  });

  it('do not retry a tab without our content script', async () => {
    const send = vi.fn().mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(createTabClient(send)(3, 'page:site', {})).rejects.toMatchObject({ code: 'no-reply' });
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('client', () => {
  it('unwraps values and raises error replies as MessageError', async () => {
    const request = createClient((envelope) => fromPage(envelope));
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
    await expect(createClient(async () => undefined)('status:get', {})).rejects.toEqual(new MessageError('no-reply', 'No answer to "status:get".'));
  });
});

describe('card requests', () => {
  const valid = { actor: 'us-russia-2025/steve-witkoff', lang: 'it', today: '2026-11-23', pageActors: [], limit: 4 };

  it('accepts a well-formed one', async () => {
    expect(await fromTab({ type: 'card:get', payload: valid })).toEqual({ ok: true, value: null });
    expect(await fromTab({ type: 'card:get', payload: { ...valid, published: '2025-12-03' } })).toMatchObject({ ok: true });
  });

  it('refuses a malformed actor key, date or limit with the field named', async () => {
    for (const [payload, field] of [
      [{ ...valid, actor: '<img src=x>' }, 'actor'],
      [{ ...valid, today: '23/11/2026' }, 'today'],
      [{ ...valid, published: '2025-02-30' }, 'published'],
      [{ ...valid, limit: 0 }, 'limit'],
      [{ ...valid, pageActors: ['not a key'] }, 'pageActors'],
    ] as const) {
      const reply = await fromTab({ type: 'card:get', payload });
      expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(JSON.stringify(reply)).toContain(field);
    }
    expect(await fromTab({ type: 'timeline:open', payload: { actor: 'no-slash' } })).toMatchObject({ ok: false });
  });
});

describe('pack messages', () => {
  const PACK_MESSAGES = [
    ['pack:installed', { id: 'example-brenmoor' }],
    ['pack:enable', { id: 'example-brenmoor', enabled: false }],
    ['pack:remove', { id: 'example-brenmoor' }],
    ['pack:undo-remove', { id: 'example-brenmoor' }],
  ] as const;

  it('are answered for the options page, and refused to a content script, a sub-frame and another extension', async () => {
    for (const [type, payload] of PACK_MESSAGES) {
      expect((await fromPage({ type, payload })).ok, type).toBe(true);
      for (const sender of [SENDERS.contentScript, SENDERS.subFrame, SENDERS.otherExtension])
        expect(await route({ type, payload }, sender), type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('check their payloads: ids are slugs, parts are bounded, flags are booleans', async () => {
    const bad = [
      ['pack:enable', { id: 'example-brenmoor', enabled: 'no' }],
      ['pack:remove', { id: '<script>' }],
      ['pack:installed', { id: '../x' }],
      ['pack:undo-remove', { id: 'x', extra: 1 }],
    ] as const;
    for (const [type, payload] of bad) expect(await fromPage({ type, payload }), type).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
