import { describe, expect, it } from 'vitest';
import { filterPiece, FILTER_PIECE_CHARS, headToSend, joinFilterPieces, LEXICON_FORMAT, type LexiconHead } from '@/lib/match';

const headWith = (chars: number): LexiconHead => ({
  format: LEXICON_FORMAT,
  stamp: 'stamp-1',
  firstWords: 3,
  filter: { fingerprintBits: 12, seed: 7, segmentLength: 1024, segmentCount: 9, base64: Array.from({ length: chars }, (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[(i * 7 + (i >> 5)) % 64]).join('') },
  folds: 'folds',
});

describe('a large head travels with its filter in pieces', () => {
  it('sends a head whose filter is one piece whole, as before', () => {
    const head = headWith(FILTER_PIECE_CHARS);
    expect(headToSend(head)).toBe(head);
  });

  it('gives back exactly the filter from its pieces, for lengths around the piece size', () => {
    for (const chars of [FILTER_PIECE_CHARS + 1, 2 * FILTER_PIECE_CHARS, 7 * FILTER_PIECE_CHARS - 3]) {
      const head = headWith(chars);
      const sent = headToSend(head);
      expect(sent.filter.base64).toBe('');
      expect(sent.filterPieces).toBe(Math.ceil(chars / FILTER_PIECE_CHARS));
      expect(JSON.stringify(sent).length).toBeLessThan(1000);
      const pieces = Array.from({ length: sent.filterPieces! }, (_, index) => filterPiece(head, index));
      expect(pieces.every((piece) => piece.length > 0 && piece.length <= FILTER_PIECE_CHARS)).toBe(true);
      expect(joinFilterPieces(sent, pieces)).toEqual(head);
    }
  });
});
