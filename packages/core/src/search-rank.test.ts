import { describe, expect, it } from 'vitest';
import { bm25Idf, bm25Score, phraseFrequency, rankByBm25 } from './search-rank.js';
import { searchTokens } from './search-tokens.js';

describe('search rank (FTS5 bm25 in the app)', () => {
  it('counts a phrase where its tokens follow one another, overlapping occurrences each', () => {
    const doc = searchTokens('停水了，又停水，哈哈哈哈');
    expect(phraseFrequency(doc, ['停水'])).toBe(2);
    expect(phraseFrequency(doc, searchTokens('哈哈哈'))).toBe(2);
    expect(phraseFrequency(doc, searchTokens('水停'))).toBe(0);
    expect(phraseFrequency(doc, [])).toBe(0);
  });
  it('keeps the IDF positive for a phrase in more than half of the documents', () => {
    expect(bm25Idf(100, 10)).toBeCloseTo(Math.log(90.5 / 10.5), 12);
    expect(bm25Idf(100, 60)).toBe(1e-6);
  });
  it('scores lower (better) with more occurrences and in shorter documents, ids breaking ties', () => {
    expect(bm25Score([2], [1], 10, 10)).toBeLessThan(bm25Score([1], [1], 10, 10));
    expect(bm25Score([1], [1], 5, 10)).toBeLessThan(bm25Score([1], [1], 20, 10));
    const docs = [
      { id: 'b', tokens: ['停水', '了'], size: 2 },
      { id: 'a', tokens: ['停水', '了'], size: 2 },
      { id: 'c', tokens: ['停水', '停水'], size: 2 },
    ];
    expect(rankByBm25(docs, [['停水']], [1], 2)).toEqual(['c', 'a', 'b']);
  });
});
