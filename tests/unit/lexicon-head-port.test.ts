import { describe, expect, it } from 'vitest';
import { FILTER_PIECE_CHARS, headGatherer, headMessages, LEXICON_FORMAT, type LexiconHead } from '@/lib/match';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const headWith = (chars: number): LexiconHead => ({
  format: LEXICON_FORMAT,
  stamp: 'stamp-1',
  firstWords: 3,
  filter: { fingerprintBits: 12, seed: 7, segmentLength: 1024, segmentCount: 9, base64: Array.from({ length: chars }, (_, i) => ALPHABET[(i * 7 + (i >> 5)) % 64]).join('') },
  folds: 'folds',
});

/** Feeds the messages to a gatherer; returns the head it gave and after which message. */
function gather(messages: readonly unknown[]): { head: LexiconHead | undefined; at: number } {
  const gatherer = headGatherer();
  for (let k = 0; k < messages.length; k++) {
    const head = gatherer.take(messages[k]);
    if (head) return { head, at: k };
  }
  return { head: undefined, at: -1 };
}

describe('the lexicon head on its port', () => {
  it('sends a head whose filter is one piece as one message, the head itself', () => {
    for (const chars of [0, 12, FILTER_PIECE_CHARS]) {
      const head = headWith(chars);
      const messages = headMessages(head);
      expect(messages).toEqual([{ head, pieces: 1 }]);
      expect(gather(messages)).toEqual({ head, at: 0 });
    }
  });

  it('sends a long filter in pieces and gathers exactly the head back, only once every piece came', () => {
    for (const chars of [FILTER_PIECE_CHARS + 1, 2 * FILTER_PIECE_CHARS, 7 * FILTER_PIECE_CHARS - 3]) {
      const head = headWith(chars);
      const messages = headMessages(head);
      const pieces = Math.ceil(chars / FILTER_PIECE_CHARS);
      expect(messages).toHaveLength(pieces);
      expect(messages.every((m) => JSON.stringify(m).length < FILTER_PIECE_CHARS + 1000)).toBe(true);
      expect(gather(messages)).toEqual({ head, at: pieces - 1 });
      expect(gather(messages.slice(0, -1)).head).toBeUndefined();
    }
  });

  it('refuses messages out of order or of another shape', () => {
    const messages = headMessages(headWith(3 * FILTER_PIECE_CHARS));
    expect(() => gather([messages[1]])).toThrow(/out of order/);
    expect(() => gather([messages[0], messages[0]])).toThrow(/out of order/);
    expect(() => gather([{ head: headWith(1), pieces: 0 }])).toThrow(/out of order/);
    expect(() => gather([null])).toThrow(/out of order/);
  });
});
