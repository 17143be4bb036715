import { describe, expect, it } from 'vitest';
import { auditQuotes, findQuoteProblems, MAX_QUOTED_SHARE, readableText, validatePack } from '@/lib/pack/validate';
import { miniPack } from './helpers';

const problemsOf = (input: unknown) => {
  const check = validatePack(input);
  return check.ok ? [] : check.problems;
};

describe('validatePack', () => {
  it('accepts the test pack and fills defaults', () => {
    const check = validatePack(miniPack());
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const trump = check.pack.actors.find((a) => a.id === 'donald-trump')!;
    expect(trump.aliases[0]).toMatchObject({ part: 'full', caseSensitive: false, inflect: true, forms: [], notWhenPartOf: [] });
    expect(check.pack.events[1]!.tags).toEqual([]);
  });

  it('names the path of every shape problem', () => {
    const pack = miniPack();
    pack.format = 'backstory-pack/2' as never;
    (pack.actors[0] as { id: string }).id = 'Vladimir Putin';
    (pack.sources[0] as { url: string }).url = 'javascript:alert(1)';
    (pack.events[0] as { certainty: string }).certainty = 'rumoured';
    const paths = problemsOf(pack).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['format', 'actors[0].id', 'sources[0].url', 'events[0].certainty']),
    );
  });

  it('refuses unknown fields, so a typo is not silently dropped', () => {
    const pack = miniPack();
    (pack.actors[0] as Record<string, unknown>).nmae = 'typo';
    expect(problemsOf(pack)[0]!.path).toBe('actors[0]');
  });

  it('requires English and Italian text', () => {
    const pack = miniPack();
    (pack.events[0]!.title as Record<string, string>) = { en: 'Only English' };
    expect(problemsOf(pack).map((p) => p.path)).toContain('events[0].title.it');
  });

  it('limits quotes to 25 words', () => {
    const pack = miniPack();
    pack.events[0]!.sources[0]!.quote = Array.from({ length: 26 }, (_, i) => `w${i}`).join(' ');
    expect(problemsOf(pack)).toEqual([
      { path: 'events[0].sources[0].quote', message: 'a quote may hold at most 25 words' },
    ]);
  });

  it('finds duplicate ids and dangling references', () => {
    const pack = miniPack();
    pack.actors.push({ ...pack.actors[0]! });
    pack.events[0]!.actors.push({ actor: 'nobody', role: 'participant' });
    pack.events[0]!.sources.push({ source: 'nowhere', quote: 'some words here' });
    pack.actors[1]!.relations = [{ type: 'ally-of', actor: 'donald-trump' }];
    expect(problemsOf(pack)).toEqual(
      expect.arrayContaining([
        { path: 'actors[2].id', message: 'duplicate id "vladimir-putin"' },
        { path: 'events[0].actors[2].actor', message: 'unknown actor "nobody"' },
        { path: 'events[0].sources[1].source', message: 'unknown source "nowhere"' },
        { path: 'actors[1].relations[0].actor', message: 'an actor cannot be related to itself' },
      ]),
    );
  });

  it('checks calendar dates and their order', () => {
    const pack = miniPack();
    pack.events[0]!.date = '2025-02-30';
    pack.events[1]!.end = '2017';
    expect(problemsOf(pack)).toEqual(
      expect.arrayContaining([
        { path: 'events[0].date', message: '"2025-02-30" is not a calendar date' },
        { path: 'events[1].end', message: 'ends (2017) before it starts (2018)' },
      ]),
    );
  });

  it('refuses an event cited from a source published before it, unless planned', () => {
    const pack = miniPack();
    pack.events[0]!.date = '2025-03';
    expect(problemsOf(pack)[0]!.path).toBe('events[0].sources[0]');
    pack.events[0]!.tags = ['planned'];
    expect(problemsOf(pack)).toEqual([]);
  });

  it('warns when two actors share an unflagged alias', () => {
    const pack = miniPack();
    pack.actors[1]!.aliases.push({ text: 'PUTIN', lang: 'en' });
    const check = validatePack(pack);
    expect(check.ok && check.warnings.map((w) => w.path)).toEqual(['actors[1].aliases[2]']);
  });

  it('warns when one spelling gets looser rules in another language', () => {
    const pack = miniPack();
    pack.actors[1]!.aliases.push({ text: 'Trump', lang: 'it', part: 'surname' });
    const check = validatePack(pack);
    expect(check.ok && check.warnings).toEqual([
      { path: 'actors[1].aliases[2]', message: '"Trump" (it) has caseSensitive=false, ambiguous=no but caseSensitive=true, ambiguous=yes in another language' },
    ]);
  });

  it('never throws on hostile input', () => {
    for (const input of [null, undefined, 42, 'pack', [], { format: 'backstory-pack/1' }, { actors: 'x' }])
      expect(validatePack(input).ok).toBe(false);
  });
});

describe('quotes against their archived articles', () => {
  const check = validatePack(miniPack());
  if (!check.ok) throw new Error('fixture invalid');
  const { pack } = check;
  /** Enough text around the fixture's two quotes that they stay well under the quote budget. */
  const padding = 'Officials on both sides gave no further detail about the substance of the conversation. '.repeat(3);
  const article = `${padding}Yesterday the two presidents\nspoke for ninety minutes; they had met five times before. ${padding}`;
  /** The fixture with its events' citations replaced. */
  const withCitations = (...citations: { source: string; quote?: string }[][]) => ({
    ...pack,
    events: pack.events.map((event, i) => ({ ...event, sources: citations[i] ?? event.sources })),
  });

  it('accepts quotes found verbatim, whatever the line wrapping', () => {
    expect(findQuoteProblems(pack, () => article)).toEqual([]);
  });

  it('reports a quote that was paraphrased or re-punctuated', () => {
    const edited = article.replace('two presidents', 'two Presidents');
    expect(findQuoteProblems(pack, () => edited)).toEqual([
      expect.objectContaining({ path: 'events[0].sources[0].quote' }),
    ]);
  });

  it('claims nothing when the archived copy is absent', () => {
    expect(auditQuotes(pack, () => undefined)).toEqual({ problems: [], shares: [] });
  });

  it('compares quotes with the article’s Markdown stripped', () => {
    const marked = `${padding}Yesterday **the two presidents**\nspoke for [ninety minutes](#); they had *met* five times before. ${padding}`;
    expect(findQuoteProblems(pack, () => marked)).toEqual([]);
    // The old code compared against the raw text, where the markup splits the quote.
    expect(marked.includes('the two presidents spoke')).toBe(false);
  });

  it('strips links, bold, italics and list bullets, and keeps a translator’s brackets', () => {
    expect(readableText('Secondo [Ipress](https://ipress.ua/x?a=1) il **primo passo** sull’*Air Force One*')).toBe(
      'Secondo Ipress il primo passo sull’Air Force One',
    );
    expect(readableText('discusso:\n- la risoluzione;\n- lo scambio')).toBe('discusso: la risoluzione; lo scambio');
    expect(readableText('"[gli Stati Uniti continuino] a verificare", cessate il fuoco -anziché')).toBe(
      '"[gli Stati Uniti continuino] a verificare", cessate il fuoco -anziché',
    );
  });

  it('does not find a quote that keeps the markup', () => {
    const marked = `${padding}Yesterday **the two presidents** spoke for ninety minutes; they had met five times before. ${padding}`;
    const quoted = withCitations([{ source: 'gazette', quote: '**the two presidents** spoke' }]);
    expect(findQuoteProblems(quoted, () => marked)).toEqual([
      expect.objectContaining({ path: 'events[0].sources[0].quote' }),
    ]);
  });

  it('reports each article’s quoted share: the union of its quotes over its readable length', () => {
    const { shares } = auditQuotes(pack, () => article);
    const readable = readableText(article);
    const quoted = 'the two presidents spoke for ninety minutes'.length + 'they had met five times before'.length;
    expect(shares).toEqual([
      { source: 'gazette', archivedCopy: 'gazette.txt', quoted, length: readable.length, share: quoted / readable.length },
    ]);
  });

  it(`fails an article more than ${MAX_QUOTED_SHARE * 100}% quoted, and passes one under`, () => {
    const short = 'Yesterday the two presidents spoke for ninety minutes; they had met five times before.';
    const audit = auditQuotes(pack, () => short);
    expect(audit.shares[0]!.share).toBeGreaterThan(MAX_QUOTED_SHARE);
    expect(audit.problems).toEqual([{ path: 'sources[0]', message: expect.stringContaining('cover 84.9% of "gazette"') }]);
    expect(auditQuotes(pack, () => article).problems).toEqual([]);
  });

  it('counts a passage quoted twice once in the share', () => {
    const twice = withCitations([{ source: 'gazette', quote: 'the two presidents spoke for ninety minutes' }], [
      { source: 'gazette', quote: 'two presidents spoke' },
    ]);
    expect(auditQuotes(twice, () => article).shares[0]!.quoted).toBe('the two presidents spoke for ninety minutes'.length);
  });

  it('fails two events quoting overlapping passages, naming both', () => {
    const overlapping = withCitations([{ source: 'gazette', quote: 'the two presidents spoke for ninety minutes' }], [
      { source: 'gazette', quote: 'ninety minutes; they had met' },
    ]);
    expect(findQuoteProblems(overlapping, () => article)).toEqual([
      {
        path: 'events[1].sources[0].quote',
        message: expect.stringContaining('events "first-call" and "first-term" quote the same passage'),
      },
    ]);
  });

  it('fails one event quoting the same source twice on overlapping passages', () => {
    const repeated = withCitations([
      { source: 'gazette', quote: 'the two presidents spoke' },
      { source: 'gazette', quote: 'presidents spoke for ninety minutes' },
    ]);
    expect(findQuoteProblems(repeated, () => article)).toEqual([
      { path: 'events[0].sources[1].quote', message: expect.stringContaining("overlaps this event's own quote events[0].sources[0]") },
    ]);
  });

  it('accepts adjacent quotes that do not overlap, and a citation without a quote', () => {
    const fine = withCitations(
      [
        { source: 'gazette', quote: 'the two presidents spoke' },
        { source: 'gazette', quote: 'for ninety minutes' },
      ],
      [{ source: 'gazette' }],
    );
    const audit = auditQuotes(fine, () => article);
    expect(audit.problems).toEqual([]);
    expect(audit.shares[0]!.quoted).toBe('the two presidents spoke'.length + 'for ninety minutes'.length);
  });
});

describe('event roles and background facts', () => {
  it('refuses a role word outside the vocabulary, naming the words it knows', () => {
    const pack = miniPack();
    (pack.events[0]!.actors[0] as { role: string }).role = 'caller';
    const [problem] = problemsOf(pack);
    expect(problem!.path).toBe('events[0].actors[0].role');
    expect(problem!.message).toMatch(/participant, host, guest, venue/);
  });

  it('accepts background with an as-of date and checks that date against the calendar', () => {
    const pack = miniPack();
    const background = { text: { en: 'Known from elsewhere.', it: 'Noto da altre fonti.' }, asOf: '2025-09' };
    Object.assign(pack.actors[0]!, { background });
    expect(problemsOf(pack)).toEqual([]);
    background.asOf = '2025-02-30';
    expect(problemsOf(pack)).toEqual([{ path: 'actors[0].background.asOf', message: '"2025-02-30" is not a calendar date' }]);
  });
});
