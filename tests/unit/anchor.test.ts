import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorQuote, type Anchor } from '@/lib/anchor/anchor';
import { collapseWhitespace, originalOffset, squeeze } from '@/lib/anchor/characters';
import { locate, pageText } from '@/lib/anchor/page-text';
import { CONTEXT_LENGTH, describeQuote, type PassageSelectors } from '@/lib/anchor/selectors';
import { demoPageChunks, edit } from './anchor-pages';
import { anyText, newsLike } from './text-arbitraries';

const summer = pageText(demoPageChunks('en-summer-calls.html')).text;
const telefonata = pageText(demoPageChunks('it-telefonata-febbraio.html')).text;

/** The selectors of the first occurrence of `passage` (after `after`, when given) in `text`. */
function selectorsOf(text: string, passage: string, after?: string): PassageSelectors {
  const from = after === undefined ? 0 : text.indexOf(after) + after.length;
  const start = text.indexOf(passage, from);
  expect(start, `passage in the text: ${passage}`).toBeGreaterThanOrEqual(0);
  const selectors = describeQuote(text, start, start + passage.length);
  if (!selectors) throw new Error(`not describable: ${passage}`);
  return selectors;
}

const textOf = (text: string, anchor: Anchor | undefined) => (anchor ? text.slice(anchor.start, anchor.end) : undefined);

/** The paragraph of the demo page that holds `words`: the text between the blank lines around it. */
function paragraphOf(text: string, words: string): string {
  const at = text.indexOf(words);
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end);
}

describe('page text', () => {
  it('concatenates the chunks and records where each starts', () => {
    expect(pageText(['ab', '', 'cd', 'e'])).toEqual({ text: 'abcde', starts: [0, 2, 2, 4] });
    expect(pageText([])).toEqual({ text: '', starts: [] });
  });

  it('puts a boundary offset in the next chunk going forward and in the previous one going backward', () => {
    const page = pageText(['ab', '', 'cd', 'e']);
    expect(locate(page, 2, 'forward')).toEqual({ chunk: 2, offset: 0 });
    expect(locate(page, 2, 'backward')).toEqual({ chunk: 0, offset: 2 });
    expect(locate(page, 3, 'forward')).toEqual({ chunk: 2, offset: 1 });
    expect(locate(page, 3, 'backward')).toEqual({ chunk: 2, offset: 1 });
  });

  it('never lands in an empty chunk, and gives way to the other side at the edges', () => {
    const page = pageText(['', 'ab', '']);
    expect(locate(page, 0, 'backward')).toEqual({ chunk: 1, offset: 0 });
    expect(locate(page, 2, 'forward')).toEqual({ chunk: 1, offset: 2 });
    expect(locate(page, -1, 'forward')).toBeUndefined();
    expect(locate(page, 3, 'backward')).toBeUndefined();
    expect(locate(page, 0.5, 'forward')).toBeUndefined();
    expect(locate(pageText(['', '']), 0, 'forward')).toBeUndefined();
  });

  it('locates every character of a demo page in the chunk that holds it', () => {
    const chunks = demoPageChunks('en-summer-calls.html');
    const page = pageText(chunks);
    for (let offset = 0; offset < page.text.length; offset++) {
      const point = locate(page, offset, 'forward')!;
      expect(chunks[point.chunk]![point.offset]).toBe(page.text[offset]);
      const before = locate(page, offset + 1, 'backward')!;
      expect(chunks[before.chunk]![before.offset - 1]).toBe(page.text[offset]);
    }
  });
});

describe('describeQuote', () => {
  it('keeps 32 characters of context on each side, fewer at the edges of the text', () => {
    const { quote, position } = selectorsOf(summer, 'the sixth conversation between the two presidents');
    expect(quote.prefix).toHaveLength(CONTEXT_LENGTH);
    expect(quote.prefix).toBe(summer.slice(position.start - 32, position.start));
    expect(quote.suffix).toBe(summer.slice(position.end, position.end + 32));
    expect(summer.slice(position.start, position.end)).toBe(quote.exact);

    expect(describeQuote('Hello world', 0, 5)?.quote).toEqual({ type: 'TextQuoteSelector', exact: 'Hello', prefix: '', suffix: ' world' });
    expect(describeQuote('Hello world', 6, 11)?.quote.prefix).toBe('Hello ');
  });

  it('leaves whitespace at the ends of the selection out of the passage', () => {
    const text = 'One.\n\n  Two words.\n\nThree.';
    const described = describeQuote(text, 4, 20)!;
    expect(described.quote.exact).toBe('Two words.');
    expect(described.position).toEqual({ type: 'TextPositionSelector', start: 8, end: 18 });
  });

  it('refuses an empty, whitespace-only or one-character passage, and a range outside the text', () => {
    const text = 'a  \n\t\u00a0 b 👍 cd';
    expect(describeQuote(text, 1, 1)).toBeUndefined();
    expect(describeQuote(text, 1, 7)).toBeUndefined(); // whitespace and NBSP only
    expect(describeQuote(text, 0, 1)).toBeUndefined(); // "a"
    expect(describeQuote(text, 0, 4)).toBeUndefined(); // "a" and whitespace
    expect(describeQuote(text, 9, 11)).toBeUndefined(); // one emoji: two code units, one character
    expect(describeQuote(text, 12, 14)?.quote.exact).toBe('cd');
    expect(describeQuote(text, 3, 2)).toBeUndefined();
    expect(describeQuote(text, -1, 3)).toBeUndefined();
    expect(describeQuote(text, 12, 15)).toBeUndefined();
  });

  it('never cuts a surrogate pair, in the passage or in its context', () => {
    const text = 'x😀abc😀y';
    // [2, 7) starts inside the first emoji and ends inside the second: both are taken whole.
    expect(describeQuote(text, 2, 7)).toMatchObject({ quote: { exact: '😀abc😀', prefix: 'x', suffix: 'y' }, position: { start: 1, end: 8 } });
    const long = '🙂'.repeat(20) + 'passage' + '🙂'.repeat(20);
    const { quote } = describeQuote(long, 40, 47)!;
    expect(quote.prefix).toBe('🙂'.repeat(16));
    expect(quote.suffix).toBe('🙂'.repeat(16));
    // One character between the emoji and the passage: 32 code units away falls inside a pair.
    const odd = '🙂'.repeat(20) + 'x' + 'passage' + 'y' + '🙂'.repeat(20);
    const shifted = describeQuote(odd, 41, 48)!.quote;
    expect(shifted.exact).toBe('passage');
    expect(shifted.prefix).toBe('🙂'.repeat(15) + 'x'); // 31 code units: the 32nd would be half an emoji
    expect(shifted.suffix).toBe('y' + '🙂'.repeat(15));
  });
});

describe('anchorQuote on the demo pages', () => {
  it('finds every described passage where it was described, exactly', () => {
    for (const [text, passages] of [
      [summer, ['Vladimir Putin and Donald Trump spoke by telephone', 'swapping films that promote', '3 July: the sixth call, reported here.', 'Путин и Трамп провели телефонный разговор']],
      [telefonata, ['Dmitry Peskov, portavoce del presidente russo', 'è plausibile che almeno una conversazione ci sia stata davvero', 'l’unità creata nel 2022']],
    ] as const) {
      for (const passage of passages) {
        const selectors = selectorsOf(text, passage);
        expect(anchorQuote(text, selectors)).toEqual({ start: selectors.position.start, end: selectors.position.end, method: 'exact' });
      }
    }
  });

  it('tells repeated passages apart by their context', () => {
    // "Fourth of July" occurs three times; the note was made on the second.
    const second = selectorsOf(summer, 'Fourth of July', 'happy Fourth of July');
    expect(anchorQuote(summer, second)).toMatchObject({ start: second.position.start, method: 'exact' });
    // Context outweighs the position: text inserted at the top moves every occurrence, and the old
    // offset of the second now lies nearer the first.
    const inserted = 'Breaking: a long banner about something else entirely, added above the story. '.repeat(3) + summer;
    expect(anchorQuote(inserted, second)?.start).toBe(second.position.start + inserted.length - summer.length);
    // Without a position the context still decides.
    expect(anchorQuote(summer, { quote: second.quote })?.start).toBe(second.position.start);
  });

  it('tells repeated passages with the same context apart by their position', () => {
    const text = 'Read more. Share this story. '.repeat(6);
    const fourth = describeQuote(text, 29 * 3 + 11, 29 * 3 + 27)!;
    expect(fourth.quote.exact).toBe('Share this story');
    expect(anchorQuote(text, fourth)).toMatchObject({ start: fourth.position.start, method: 'exact' });
    // A few characters added at the top shift every copy: the nearest to the old offset is still the fourth.
    expect(anchorQuote('New: ' + text, fourth)?.start).toBe(fourth.position.start + 5);
  });

  it('finds a passage whose whitespace changed', () => {
    const passage = 'More unusually, they also discussed swapping films that promote what both sides call';
    const selectors = selectorsOf(summer, passage);
    // Reflowed: line breaks and indentation between words, a no-break space.
    const reflowed = edit(summer, passage, passage.replace(/ /g, '\n      ').replace('both sides', 'both\u00a0sides'));
    const found = anchorQuote(reflowed, selectors);
    expect(found).toMatchObject({ method: 'fuzzy', score: 1 });
    expect(squeeze(textOf(reflowed, found)!)).toBe(passage.replace('both sides', 'both\u00a0sides').replace(/\s+/g, ' '));
    // The same length of whitespace at the same place: the old position still holds it.
    const sameLength = edit(summer, passage, passage.replace(/ /g, '\n'));
    expect(anchorQuote(sameLength, selectors)).toEqual({ start: selectors.position.start, end: selectors.position.end, method: 'position' });
  });

  it('finds a passage with a changed word, and takes the edited passage whole', () => {
    const passage = 'Dmitry Peskov, portavoce del presidente russo, ha detto che Mosca non è in condizione di confermare la notizia';
    const selectors = selectorsOf(telefonata, passage);
    const changed = passage.replace('confermare', 'verificare');
    const edited = edit(telefonata, passage, changed);
    const found = anchorQuote(edited, selectors);
    expect(found?.method).toBe('fuzzy');
    expect(textOf(edited, found)).toBe(changed);
    expect(found!.score!).toBeGreaterThan(0.9);
  });

  it('follows a moved paragraph, edited or not', () => {
    const paragraph = paragraphOf(telefonata, 'La doppia reticenza');
    const passage = 'se entrambe le capitali evitano con tanta cura di sbilanciarsi';
    const selectors = selectorsOf(telefonata, passage);
    // The paragraph now closes the article, after the "Kiev" section.
    const moved = edit(telefonata, paragraph, '').replace('è cominciato davvero.', `è cominciato davvero.\n\n${paragraph}`);
    expect(moved.indexOf(passage)).toBeGreaterThan(selectors.position.start + 1000);
    const found = anchorQuote(moved, selectors);
    expect(found).toMatchObject({ method: 'exact' });
    expect(textOf(moved, found)).toBe(passage);

    const movedAndEdited = moved.replace('con tanta cura', 'con molta cura');
    const refound = anchorQuote(movedAndEdited, selectors);
    expect(refound?.method).toBe('fuzzy');
    expect(textOf(movedAndEdited, refound)).toBe(passage.replace('con tanta cura', 'con molta cura'));
  });

  it('finds nothing when the passage was deleted', () => {
    for (const [text, passage] of [
      [summer, 'Putin used the call to wish Trump a happy Fourth of July.'],
      [summer, 'described the two men as broadly in tune'], // shorter than 64: its context must agree too
      // Deleted, it is 5 edits from "ar at Fourth of July" further down, but nothing around that agrees.
      [summer, 'a happy Fourth of July'],
      [telefonata, 'La procuratrice generale Pam Bondi ha firmato una nota che smantella la Task Force KleptoCapture'],
      [telefonata, 'Data e sede di un possibile vertice con Putin restano però un mistero.'],
    ] as const) {
      const selectors = selectorsOf(text, passage);
      expect(anchorQuote(edit(text, paragraphOf(text, passage), ''), selectors), passage).toBeUndefined();
      // The sentence alone gone, the rest of its paragraph still there.
      expect(anchorQuote(edit(text, passage, ''), selectors), passage).toBeUndefined();
    }
  });

  it('refuses a quote rewritten beyond a quarter of its characters', () => {
    const passage = 'the leaders covered the war in Ukraine';
    const selectors = selectorsOf(summer, passage);
    // 12 edits in 38 characters: more than a quarter, though the context around it is intact.
    const rewritten = edit(summer, passage, 'the presidents discussed the war in Ukraine');
    expect(anchorQuote(rewritten, selectors)).toBeUndefined();
    const lightly = edit(summer, passage, 'the leaders covered the conflict in Ukraine'); // 8 edits
    expect(textOf(lightly, anchorQuote(lightly, selectors))).toBe('the leaders covered the conflict in Ukraine');
  });

  it('refuses a quote of whitespace only', () => {
    expect(anchorQuote(summer, { quote: { type: 'TextQuoteSelector', exact: ' \n ', prefix: '', suffix: '' } })).toBeUndefined();
    expect(anchorQuote(summer, { quote: { type: 'TextQuoteSelector', exact: '', prefix: 'Putin', suffix: '' } })).toBeUndefined();
  });
});

describe('anchorQuote on long quotes', () => {
  // 600 characters of the summer page's prose, and a page many times longer around it.
  const start = summer.indexOf('Vladimir Putin and Donald Trump spoke');
  const passage = summer.slice(start, start + 600);
  const filler = pageText(demoPageChunks('en-normalisation.html')).text + telefonata + pageText(demoPageChunks('it-cremlino-dicembre.html')).text;
  const page = filler + summer + filler;
  const selectors = describeQuote(page, filler.length + start, filler.length + start + 600)!;

  it('finds a 600-character passage with a word changed in its middle, at either end, or both', () => {
    expect(selectors.quote.exact).toBe(passage);
    for (const [from, to] of [
      ['instability in the Middle East', 'instability across the Middle East'], // the middle
      ['spoke by telephone', 'talked on the phone'], // inside the first 64 characters
      ['an idea presented', 'a notion presented'], // inside the last 64
    ]) {
      const changed = edit(passage, from!, to!);
      const edited = edit(page, passage, changed);
      const found = anchorQuote(edited, selectors);
      expect(found?.method, from).toBe('fuzzy');
      expect(textOf(edited, found), from).toBe(changed);
    }
    const bothEnds = edit(edit(passage, 'spoke by telephone', 'talked on the phone'), 'an idea presented', 'a notion presented');
    expect(textOf(edit(page, passage, bothEnds), anchorQuote(edit(page, passage, bothEnds), selectors))).toBe(bothEnds);
  });

  it('finds a long passage that lost a sentence', () => {
    const shorter = edit(passage, ' By the agency’s count it was the sixth conversation between the two presidents since the start of 2025, and the fourth in less than two months.', '');
    expect(passage.length - shorter.length).toBeLessThan(600 / 4);
    const edited = edit(page, passage, shorter);
    expect(textOf(edited, anchorQuote(edited, selectors))).toBe(shorter);
  });

  it('finds nothing when the long passage was deleted', () => {
    expect(anchorQuote(edit(page, passage, ''), selectors)).toBeUndefined();
  });
});

describe('anchorQuote with Unicode', () => {
  it('counts UTF-16 code units in Cyrillic, accented and emoji text alike', () => {
    const cyrillic = selectorsOf(summer, 'Лавров передал поручение Дмитриеву');
    const declined = edit(summer, 'Лавров передал поручение Дмитриеву', 'Лавров передал поручения Дмитриеву');
    expect(textOf(declined, anchorQuote(declined, cyrillic))).toBe('Лавров передал поручения Дмитриеву');

    const accented = selectorsOf(telefonata, 'è plausibile che almeno una conversazione ci sia stata davvero');
    const noAccent = edit(telefonata, 'è plausibile', 'e plausibile');
    expect(textOf(noAccent, anchorQuote(noAccent, accented))).toBe('e plausibile che almeno una conversazione ci sia stata davvero');

    // Emoji before the passage shift its offsets by two code units each.
    const text = 'Reactions 👍🏽👍🏽 poured in: “Путин 🇷🇺 и Трамп 🇺🇸 провели разговор” 🎉 said the feed.';
    const selectors = selectorsOf(text, 'Путин 🇷🇺 и Трамп 🇺🇸 провели');
    const more = text.replace('Reactions', 'Reactions 🔥🔥🔥'); // seven code units: a space and three pairs
    const found = anchorQuote(more, selectors)!;
    expect(found).toMatchObject({ start: selectors.position.start + 7, method: 'exact' });
    // One flag changed to another: an approximate match that takes both flags whole.
    const otherFlag = more.replace('🇺🇸', '🇪🇺').replace('  ', ' ');
    const changed = anchorQuote(otherFlag, selectors);
    expect(changed?.method).toBe('fuzzy');
    expect(textOf(otherFlag, changed)).toBe('Путин 🇷🇺 и Трамп 🇪🇺 провели');
  });

  it('never returns a range that cuts a surrogate pair', () => {
    const text = 'intro 😀😀😀 the quoted words 😀😀😀 outro';
    const selectors = selectorsOf(text, '😀 the quoted words 😀');
    // The emoji at the passage's edges replaced: the match may begin or end on a half pair; it is widened.
    const edited = text.replace('😀 the', '😎 the').replace('words 😀', 'words 😎');
    const found = anchorQuote(edited, selectors);
    expect(found).toBeDefined();
    const anchored = textOf(edited, found)!;
    expect(anchored.isWellFormed()).toBe(true);
    expect(anchored).toContain('the quoted words');
  });
});

describe('collapsed text', () => {
  it('maps collapsed offsets back to the original text', () => {
    const text = '  a \n\t b\u00a0\u00a0c\nd  ';
    const collapsed = collapseWhitespace(text);
    expect(collapsed.text).toBe(' a b c d ');
    const offsets = Array.from({ length: collapsed.text.length + 1 }, (_, offset) => originalOffset(collapsed, offset));
    // Each character's original offset; the end of the text maps to the end of the original.
    expect(offsets).toEqual([0, 2, 3, 7, 8, 10, 11, 12, 13, 15]);
  });
});

describe('properties', () => {
  it('maps every collapsed character back to the character it came from', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const collapsed = collapseWhitespace(text);
        expect(collapsed.text).toBe(text.replace(/\s+/g, ' '));
        for (let offset = 0; offset < collapsed.text.length; offset++) {
          const original = text[originalOffset(collapsed, offset)]!;
          expect(collapsed.text[offset] === ' ' ? /\s/.test(original) : original === collapsed.text[offset]).toBe(true);
        }
        expect(originalOffset(collapsed, collapsed.text.length)).toBe(text.length);
      }),
    );
  });

  it('anchors a unique passage at the range it was described at', () => {
    const textAndRange = anyText.chain((text) =>
      fc.tuple(fc.constant(text), fc.nat(Math.max(0, text.length - 8)), fc.integer({ min: 8, max: 200 })),
    );
    fc.assert(
      fc.property(textAndRange, ([text, start, length]) => {
        const selectors = describeQuote(text, start, Math.min(text.length, start + length));
        fc.pre(selectors !== undefined && text.indexOf(selectors.quote.exact) === text.lastIndexOf(selectors.quote.exact));
        expect(anchorQuote(text, selectors!)).toEqual({ start: selectors!.position.start, end: selectors!.position.end, method: 'exact' });
      }),
      { numRuns: 500 },
    );
  });

  it('follows a unique passage when text is added before and after it', () => {
    fc.assert(
      fc.property(newsLike, newsLike, newsLike, newsLike, (before, passage, after, added) => {
        const text = before + passage + after;
        const selectors = describeQuote(text, before.length, before.length + passage.length);
        fc.pre(selectors !== undefined && selectors.quote.exact.length >= 8);
        const changed = added + before + passage + after + added;
        fc.pre(changed.indexOf(selectors!.quote.exact) === changed.lastIndexOf(selectors!.quote.exact));
        expect(anchorQuote(changed, selectors!)?.start).toBe(selectors!.position.start + added.length);
      }),
      { numRuns: 300 },
    );
  });
});
