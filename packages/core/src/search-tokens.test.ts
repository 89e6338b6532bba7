import { describe, expect, it } from 'vitest';
import { highlightRanges, searchTokens } from './search-tokens.js';

describe('search tokens', () => {
  it('index Chinese runs as overlapping bigrams, so two-character words are found inside longer text', () => {
    expect(searchTokens('夜间施工噪音扰民')).toEqual(['夜间', '间施', '施工', '工噪', '噪音', '音扰', '扰民']);
    expect(searchTokens('扰民')).toEqual(['扰民']);
    expect(searchTokens('水')).toEqual(['水']);
  });
  it('keep Latin and digit words whole and lower-cased, and split on punctuation', () => {
    expect(searchTokens('3栋ABC单元，停水!')).toEqual(['3', '栋', 'abc', '单元', '停水']);
    expect(searchTokens('')).toEqual([]);
  });
  it('highlight every occurrence of each query piece, merged where they overlap', () => {
    expect(highlightRanges('停水了，又停水', '停水')).toEqual([[0, 2], [5, 7]]);
    expect(highlightRanges('夜间噪音扰民', '噪音 扰民')).toEqual([[2, 6]]);
    expect(highlightRanges('Noise at night', 'noise')).toEqual([[0, 5]]);
  });
});
