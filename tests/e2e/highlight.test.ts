/**
 * Highlighting in both real browsers, read back from the page's own CSS.highlights registry: the
 * demo pages in Italian and English highlight what they should and none of the traps, live changes
 * are followed, the user's fields stay untouched, and the page's DOM is never written to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { BROWSERS, writeSettings, type Session } from './support/harness';
import { scanned, until } from './support/wait';

interface Painted {
  name: string;
  text: string;
  /** Up to 40 characters of the block's text before and after the highlight. */
  before: string;
  after: string;
}

/** Runs in the page: every Backstory highlight with its surrounding text. */
function readHighlights(): Painted[] {
  const out: Painted[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('backstory')) continue;
    for (const r of highlight as unknown as Iterable<AbstractRange>) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      const block = (r.startContainer.parentElement ?? document.body).closest('p, li, h1, h2, h3, div, aside, q, section, td') ?? document.body;
      const before = document.createRange();
      before.setStart(block, 0);
      before.setEnd(r.startContainer, r.startOffset);
      const after = document.createRange();
      after.setStart(r.endContainer, r.endOffset);
      after.setEnd(block, block.childNodes.length);
      out.push({ name, text: range.toString(), before: before.toString().slice(-40), after: after.toString().slice(0, 40) });
    }
  }
  return out;
}

const squash = (s: string) => s.replace(/\s+/gu, ' ');
const texts = (painted: Painted[]) => painted.map((p) => squash(p.text));

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic({ '/demo/': 'data/demo' });
});
afterAll(() => server?.close());

describe.each(BROWSERS)('$name', ({ launch }) => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(() => session?.close());

  async function openDemo(file: string) {
    const page = await session.open(server.url(`/demo/${file}`));
    await scanned(page);
    return { page, painted: await page.evaluate(readHighlights) };
  }

  it('Italian page: full names across markup, Italian spellings, no Charles Kushner', async () => {
    const { page, painted } = await openDemo('it-cremlino-dicembre.html');
    expect(texts(painted)).toEqual(
      expect.arrayContaining([
        'Steve Witkoff',
        'Jared Kushner',
        'Vladimir Putin',
        'Jurij Ušakov',
        'Kirill Dmitriev',
        'Sergej Lavrov',
        'Marco Rubio',
        'Cremlino',
        'Casa Bianca',
        'NATO',
      ]),
    );
    expect(painted.filter((p) => p.before.endsWith('Charles '))).toEqual([]);
    expect(new Set(painted.map((p) => p.name))).toEqual(new Set(['backstory-person', 'backstory-organization']));
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('Italian page: the first-call report', async () => {
    const { page, painted } = await openDemo('it-telefonata-febbraio.html');
    expect(texts(painted)).toEqual(
      expect.arrayContaining(['Donald Trump', 'Vladimir Putin', 'Dmitry Peskov', 'Mike Waltz', 'Pam Bondi', 'Volodymyr Zelensky', 'Trump', 'Putin']),
    );
    await page.close();
  });

  it('English page: possessives, Cyrillic and German inflections, and none of the traps', async () => {
    const { page, painted } = await openDemo('en-summer-calls.html');
    const found = texts(painted);
    expect(found).toEqual(
      expect.arrayContaining(['Vladimir Putin', 'Donald Trump', 'Yury Ushakov', 'Steve Witkoff', 'Mike Waltz', 'Marco Rubio', 'Путин', 'Трамп', 'Лавров', 'Putins', 'Juri Uschakow']),
    );
    // TASS only reports the call: an outlet that only reports is a source, not an actor (decisions, "Outlets are sources").
    expect(found).not.toContain('TASS');
    // Дмитриеву is a declined bare surname marked shared-name in the pack, and this page never names
    // Kirill Dmitriev in full: an ambiguous name with no unambiguous mention beside it is left alone.
    expect(found).not.toContain('Дмитриеву');
    // Possessives: the name is highlighted, not the 's.
    expect(painted.some((p) => p.text === 'Putin' && /^[’']s/.test(p.after))).toBe(true);
    expect(painted.some((p) => p.text === 'Trump' && /^'s/.test(p.after))).toBe(true);
    // Traps.
    expect(painted.filter((p) => p.before.endsWith('Ivanka '))).toEqual([]);
    expect(painted.filter((p) => p.text.startsWith('Donald Trump') && p.after.startsWith(' Jr'))).toEqual([]);
    expect(found.filter((t) => /waltz/i.test(t))).toEqual(['Mike Waltz']);
    expect(found).not.toContain('лавров');
    await page.close();
  });

  it('English page: a trump card, Bondi Beach and Bondi Rescue are not actors; the form stays untouched', async () => {
    const { page, painted } = await openDemo('en-normalisation.html');
    const found = texts(painted);
    expect(found).toEqual(expect.arrayContaining(['Kirill Dmitriev', 'Russian Direct Investment Fund', 'Pam Bondi', 'Sergey Lavrov', 'ExxonMobil', 'Belavia']));
    expect(found.filter((t) => /bondi/i.test(t))).toEqual(['Pam Bondi']);
    expect(found.filter((t) => /trump/i.test(t))).not.toContain('trump');
    const inComments = await page.evaluate(() => {
      const form = document.querySelector('section.comments')!;
      let n = 0;
      for (const [name, h] of CSS.highlights)
        if (name.startsWith('backstory'))
          for (const r of h as unknown as Iterable<AbstractRange>) if (form.contains(r.startContainer)) n++;
      return n;
    });
    expect(inComments).toBe(0);

    // Typing in the page's own fields: the value, the focus and the editable text stay the user's.
    await page.evaluate(() => {
      const input = document.querySelector('section.comments input') as HTMLInputElement;
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    });
    await page.type(' and Lavrov');
    await page.evaluate(() => {
      const editable = document.querySelector('[contenteditable]') as HTMLElement;
      editable.focus();
      getSelection()!.collapse(editable, editable.childNodes.length);
    });
    await page.type(' and Putin');
    // A marker after the typing: once its name is painted, the live updates have dealt with every change
    // made before it (changes are rescanned in order, one rescan at a time).
    await page.evaluate(() => {
      const p = Object.assign(document.createElement('p'), { id: 'marker', textContent: 'Marker: Sergey Lavrov.' });
      document.querySelector('article')!.append(p);
    });
    await until('the marker painted', async () => (await page.evaluate(readHighlights)).some((p) => p.text === 'Sergey Lavrov' && p.after.startsWith('.') && p.before === 'Marker: '));
    const state = await page.evaluate(() => ({
      input: (document.querySelector('section.comments input') as HTMLInputElement).value,
      editable: document.querySelector('[contenteditable]')!.textContent,
      focused: document.activeElement?.hasAttribute('contenteditable'),
    }));
    expect(state).toEqual({ input: 'Putin Witkoff and Lavrov', editable: 'Draft note about Dmitriev and Putin', focused: true });
    await page.close();
  });

  it('finds names inside open shadow roots and styles them without touching the DOM', async () => {
    const { page, painted } = await openDemo('en-web-component.html');
    expect(texts(painted)).toEqual(
      expect.arrayContaining(['Kremlin', 'Steve Witkoff', 'Jared Kushner', 'Vladimir Putin', 'Sergey Lavrov', 'Marco Rubio']),
    );
    // <live-note> is defined by script and has no light-DOM text: found by the components pass after the first.
    await until('the script-defined component', async () => texts(await page.evaluate(readHighlights)).includes('Kirill Dmitriev'));
    const components = await page.evaluate(() => (performance.getEntriesByName('backstory:components')[0] as PerformanceMeasure | undefined)?.detail);
    expect(components).toMatchObject({ shadowRoots: 1 }); // <briefing-card>'s root was already met by the first pass
    const shadow = await page.evaluate(() => {
      const root = document.querySelector('briefing-card')!.shadowRoot!;
      return { adopted: root.adoptedStyleSheets.length, styleElements: root.querySelectorAll('style').length, html: root.innerHTML.length };
    });
    // One constructed sheet adopted for ::highlight(); the component's own markup is as it was.
    expect(shadow).toMatchObject({ adopted: 1, styleElements: 1 });
    await page.screenshot(`test-results/highlight-shadow-${session.name}.png`);

    // Live: a paragraph added inside the shadow root is found too.
    await page.evaluate(() => {
      const p = Object.assign(document.createElement('p'), { id: 'later', textContent: 'Later, Dmitry Peskov added a comment.' });
      document.querySelector('briefing-card')!.shadowRoot!.append(p);
    });
    await until('the paragraph added in the shadow root painted', () =>
      page.evaluate(() => {
        const p = document.querySelector('briefing-card')!.shadowRoot!.querySelector('#later')!;
        return [...CSS.highlights].some(
          ([n, h]) => n.startsWith('backstory') && [...(h as unknown as Iterable<AbstractRange>)].some((r) => p.contains(r.startContainer)),
        );
      }),
    );

    // Live: a script-defined component added later is found too.
    const before = texts(await page.evaluate(readHighlights)).filter((t) => t === 'Kirill Dmitriev').length;
    await page.evaluate(() => document.querySelector('main')!.append(document.createElement('live-note')));
    await until('the added component', async () => texts(await page.evaluate(readHighlights)).filter((t) => t === 'Kirill Dmitriev').length === before + 1);
    await page.close();
  });

  it('follows live changes: added paragraphs, edited text and removed text', async () => {
    const { page } = await openDemo('en-normalisation.html');
    // How soon is a figure of `npm run bench`; here: that it happens.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'later';
      p.append('Late update: Dmitry ', Object.assign(document.createElement('b'), { textContent: 'Peskov' }), ' spoke to reporters.');
      document.querySelector('article')!.append(p);
    });
    await until('the added paragraph painted', async () => (await page.evaluate(readHighlights)).some((p) => p.text === 'Dmitry Peskov'));

    // Edited text: the name disappears from the paragraph, so must its highlight.
    await page.evaluate(() => {
      const b = document.querySelector('#later b')!;
      b.firstChild!.textContent = 'Smith';
    });
    // Until the rescan, the old range reaches past the shorter text and cannot be read back: not yet.
    await until('the edited name unpainted', async () => {
      const painted = await page.evaluate(readHighlights).catch(() => undefined);
      return painted !== undefined && !painted.some((p) => /Peskov/.test(p.text));
    });

    // Removed text: the Belavia paragraph goes, and its highlight with it.
    const before = (await page.evaluate(readHighlights)).filter((p) => p.text === 'Belavia').length;
    expect(before).toBeGreaterThan(0);
    await page.evaluate(() => {
      for (const p of document.querySelectorAll('article p')) if (p.textContent!.includes('Belavia')) p.remove();
    });
    await until('the removed name unpainted', async () => !(await page.evaluate(readHighlights)).some((p) => p.text === 'Belavia'));
    await page.close();
  });

  it('switches off and on from the settings, live, and per site', async () => {
    const demo = await openDemo('it-cremlino-dicembre.html');
    expect(demo.painted.length).toBeGreaterThan(10);
    const options = await session.openExtensionPage('options.html');
    const setSettings = (value: Record<string, unknown>) => writeSettings(options, value);
    const count = () => demo.page.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('backstory')).length);

    await setSettings({ enabled: true, disabledSites: ['127.0.0.1'] });
    await until('off for this site', async () => (await count()) === 0);
    await setSettings({ enabled: true, disabledSites: [] });
    await until('all highlights back', async () => (await demo.page.evaluate(readHighlights)).length === demo.painted.length);
    await setSettings({ enabled: false, disabledSites: [] });
    await until('off everywhere', async () => (await count()) === 0);
    await setSettings({ enabled: true, disabledSites: [] });
    await options.close();
    await demo.page.close();
  });

  it('reports the page context and the actors found to the background', async () => {
    const demo = await openDemo('it-cremlino-dicembre.html');
    const options = await session.openExtensionPage('options.html');
    await demo.page.bringToFront();
    // Reports are coalesced to one a second: ask until the background has the one with every actor in it.
    const report = await until('the page report', async () => {
      const reply = await options.evaluate(() =>
        ((globalThis as any).browser ?? (globalThis as any).chrome).runtime.sendMessage({ type: 'page:get', payload: {} }),
      );
      expect(reply.ok).toBe(true);
      const actors: { count: number }[] = reply.value?.actors ?? [];
      return actors.reduce((n, a) => n + a.count, 0) === demo.painted.length && reply.value;
    });
    expect(report).toMatchObject({
      lang: 'it',
      published: '2025-12-03',
      canonical: 'http://127.0.0.1/demo/it-cremlino-dicembre.html',
      title: expect.stringContaining('Witkoff'),
    });
    const counts = Object.fromEntries(report.actors.map((a: { actor: string; count: number }) => [a.actor, a.count]));
    expect(counts['us-russia-2025/vladimir-putin']).toBeGreaterThanOrEqual(5);
    expect(counts['us-russia-2025/jared-kushner']).toBeGreaterThanOrEqual(3);
    expect(Object.values(counts).reduce((a: number, b) => a + (b as number), 0)).toBe(demo.painted.length);
    await options.close();
    await demo.page.close();
  });

  it('the keyboard toggle message hides and restores the page’s highlights', async () => {
    const demo = await openDemo('it-telefonata-febbraio.html');
    const options = await session.openExtensionPage('options.html');
    await demo.page.bringToFront();
    const toggle = () =>
      options.evaluate(async () => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
        return api.tabs.sendMessage(tab.id, { type: 'highlights:toggle', payload: {} });
      });
    expect(await toggle()).toEqual({ ok: true, value: { painting: false } });
    expect((await demo.page.evaluate(readHighlights)).length).toBe(0);
    expect(await toggle()).toEqual({ ok: true, value: { painting: true } });
    await until('the highlights back', async () => (await demo.page.evaluate(readHighlights)).length === demo.painted.length);
    await options.close();
    await demo.page.close();
  });
});
