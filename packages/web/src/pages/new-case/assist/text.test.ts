import { describe, expect, it } from 'vitest';
import { highlightSegments, knowledgeQuery, toPercent } from './text';

describe('knowledgeQuery', () => {
  it('prefers the selection', () => {
    expect(knowledgeQuery('小区停水三天了', '  停水 ')).toBe('停水');
  });
  it('falls back to the content as typed, at most 100 characters', () => {
    expect(knowledgeQuery('  请问社保卡丢了怎么补办，\n在哪里办 ', '')).toBe('请问社保卡丢了怎么补办， 在哪里办');
    expect(knowledgeQuery('一二三四五六七八九十'.repeat(12), '')).toHaveLength(100);
    expect(knowledgeQuery('   ', '')).toBe('');
  });
});

describe('highlightSegments', () => {
  it('marks [start, end) ranges, merging overlaps', () => {
    expect(highlightSegments('abcdef', [[1, 3], [2, 4]])).toEqual([
      { text: 'a', marked: false },
      { text: 'bcd', marked: true },
      { text: 'ef', marked: false },
    ]);
  });
  it('ignores out-of-range input and handles no ranges', () => {
    expect(highlightSegments('ab', [[5, 9]])).toEqual([{ text: 'ab', marked: false }]);
    expect(highlightSegments('')).toEqual([]);
  });
});

describe('toPercent', () => {
  it('rounds and clamps', () => {
    expect(toPercent(0.734)).toBe(73);
    expect(toPercent(1.2)).toBe(100);
    expect(toPercent(null)).toBe(0);
  });
});
