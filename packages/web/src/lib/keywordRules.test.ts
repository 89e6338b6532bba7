import { describe, expect, it } from 'vitest';
import { keywordProblems, toRules } from './keywordRules';

describe('keywordProblems', () => {
  it('accepts complete rows', () => {
    const rows = [{ key: 'a', unitId: 'u1', keywords: ['噪音', '施工扰民'] }];
    expect(keywordProblems(rows)).toEqual([]);
    expect(toRules(rows)).toEqual([{ unitId: 'u1', keywords: ['噪音', '施工扰民'] }]);
  });
  it('flags a missing unit, a repeated unit, no keywords and keywords outside 2–20 characters', () => {
    const rows = [
      { key: 'a', unitId: null, keywords: ['水'] },
      { key: 'b', unitId: 'u1', keywords: [] },
      { key: 'c', unitId: 'u1', keywords: ['一二三四五六七八九十一二三四五六七八九十一'] },
    ];
    expect(keywordProblems(rows).map((p) => `${p.kind}@${p.row}`)).toEqual([
      'noUnit@1',
      'badKeyword@1',
      'noKeywords@2',
      'duplicateUnit@3',
      'badKeyword@3',
    ]);
  });
});
