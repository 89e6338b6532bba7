import { describe, expect, it } from 'vitest';
import { searchTokens } from '../search-tokens.js';
import {
  AUTO_APPLY_THRESHOLDS,
  REPEAT_WINDOW_MS,
  SAME_INCIDENT_WINDOW_MS,
  autoApplyDecision,
  classifyCandidate,
  classifyCandidateWithReason,
  normaliseAddress,
  numbersConflict,
  parseAddress,
  samePlace,
  textSimilarity,
  textTokens,
  tokenSetSimilarity,
} from './index.js';

const HOUR = 3_600_000;

describe('textSimilarity', () => {
  it('scores paraphrases of one incident above unrelated appeals that share boilerplate', () => {
    const same = textSimilarity('幸福路主水管爆裂，整条街停水。', '幸福路停水了，什么时候恢复？');
    const unrelated = textSimilarity('夜间施工噪音扰民，希望尽快处理。', '小区路灯不亮，希望尽快处理。');
    expect(same).toBeGreaterThan(0.3);
    expect(unrelated).toBeLessThan(0.15);
    expect(textSimilarity('路灯不亮', '路灯不亮')).toBeCloseTo(1);
    expect(textSimilarity('', '路灯不亮')).toBe(0);
  });

  it('tokenizes like the search index, plus weighted single characters', () => {
    for (const text of ['幸福路88号阳光小区3号楼 WiFi坏了，水', '水', 'abc Ünï 停水。扰民x2', '三号楼', '']) {
      const tokens = [...textTokens(text)];
      expect(tokens.filter((t) => !t.startsWith('u:') && !t.startsWith('n:')).sort()).toEqual([...new Set(searchTokens(text))].sort());
    }
    expect(textTokens('井盖丢失').has('u:井')).toBe(true);
    expect(textTokens('的了').has('u:的')).toBe(false);
  });

  it('tells when two texts name different numbers', () => {
    expect(numbersConflict(textTokens('108路公交车一直没来'), textTokens('36路公交车一直没来'))).toBe(true);
    expect(numbersConflict(textTokens('108路公交车一直没来'), textTokens('108路车没来'))).toBe(false);
    expect(numbersConflict(textTokens('3号楼漏水'), textTokens('三栋漏水'))).toBe(false);
  });

  it('reads numbers written in Chinese numerals before a building, unit or floor word', () => {
    // Two callers, one lift: digits on one side, numerals on the other are the same numbers.
    expect(numbersConflict(textTokens('育才社区5幢电梯坏了'), textTokens('育才社区五幢的电梯卡住了'))).toBe(false);
    // Floors are not places: one lift per building, so the same floor in two buildings agrees on nothing.
    expect(numbersConflict(textTokens('10号楼电梯停在7楼'), textTokens('十六号楼电梯停在七楼'))).toBe(true);
    expect(numbersConflict(textTokens('幸福路106号烧烤店油烟'), textTokens('幸福路一楼的烧烤店油烟'))).toBe(false);
    expect(numbersConflict(textTokens('二十四号楼二单元停电'), textTokens('24栋2单元停电'))).toBe(false);
    expect(numbersConflict(textTokens('五号楼漏水'), textTokens('9栋漏水'))).toBe(true);
    // 两 counts buildings, it does not name one; 十几 is no number.
    expect(numbersConflict(textTokens('两栋楼都停电了'), textTokens('3栋停电'))).toBe(false);
    expect(numbersConflict(textTokens('屋里只有十几度'), textTokens('5栋暖气不热'))).toBe(false);
    // The number tokens weigh nothing: the similarity is that of the text.
    const withoutNumbers = (text: string): Set<string> => new Set([...textTokens(text)].filter((t) => !t.startsWith('n:')));
    expect(textTokens('五号楼漏水').has('n:5')).toBe(true);
    expect(textSimilarity('五号楼漏水', '六号楼漏了')).toBeCloseTo(tokenSetSimilarity(withoutNumbers('五号楼漏水'), withoutNumbers('六号楼漏了')));
    expect(textSimilarity('五号楼漏水', '六号楼漏了', () => 1)).toBeCloseTo(tokenSetSimilarity(withoutNumbers('五号楼漏水'), withoutNumbers('六号楼漏了'), () => 1));
  });

  it('takes IDF weights when given', () => {
    const weights = new Map([['停水', 5]]);
    expect(textSimilarity('幸福路停水', '光明路停水', weights)).toBeGreaterThan(textSimilarity('幸福路停水', '光明路停水'));
  });
});

describe('addresses', () => {
  it('normalises administrative prefixes, building words and numerals', () => {
    expect(normaliseAddress('测试市朝阳区幸福路88号 阳光小区3号楼2单元501', ['测试市'])).toBe('幸福路88号阳光小区3栋2单元501');
    expect(normaliseAddress('广东省广州市天河区锦绣花园十二幢')).toBe('锦绣花园12栋');
    expect(normaliseAddress('阳光小区二座')).toBe('阳光小区2栋');
    // 小区 is not a district.
    expect(normaliseAddress('阳光小区5栋')).toBe('阳光小区5栋');
  });

  it('parses road number, community, building and unit', () => {
    expect(parseAddress('朝阳区幸福路88号阳光小区3号楼2单元501')).toMatchObject({
      roadNumber: '幸福路88号', community: '阳光小区', building: '3', unit: '2',
    });
    expect(parseAddress('学院路街道清华园小区5#302')).toMatchObject({ community: '清华园小区', building: '5' });
  });

  it('compares places', () => {
    expect(samePlace('测试市朝阳区幸福路88号阳光小区3号楼2单元501', '阳光小区三栋')).toBe('address');
    expect(samePlace('阳光小区3栋101', '阳光小区3栋502')).toBe('address');
    expect(samePlace('幸福路88号', '朝阳区幸福路88号')).toBe('address');
    expect(samePlace('阳光小区3栋', '阳光小区5栋')).toBe('community');
    expect(samePlace('阳光小区', '阳光小区7栋')).toBe('community');
    expect(samePlace('阳光小区', '月亮湾花园')).toBe('different');
    expect(samePlace('阳光小区', '')).toBe('unknown');
  });
});

describe('classifyCandidate', () => {
  const base = { textSimilarity: 0.5, sameCaller: false, place: 'unknown' as const, ageMs: HOUR, candidateOpen: true };

  it('calls the same caller\'s similar open case within 90 days a repeat', () => {
    expect(classifyCandidate({ ...base, sameCaller: true })).toBe('repeat');
    expect(classifyCandidate({ ...base, sameCaller: true, ageMs: 30 * 24 * HOUR })).toBe('repeat');
    expect(classifyCandidate({ ...base, sameCaller: true, ageMs: REPEAT_WINDOW_MS + 1 })).toBeNull();
    expect(classifyCandidate({ ...base, sameCaller: true, candidateOpen: false, ageMs: 30 * 24 * HOUR })).toBeNull();
    expect(classifyCandidate({ ...base, sameCaller: true, textSimilarity: 0.1 })).toBeNull();
  });

  it('calls a similar case at the same place within the window the same incident, with the reason', () => {
    expect(classifyCandidateWithReason({ ...base, place: 'address', textSimilarity: 0.35 })).toEqual({ kind: 'same_incident', reason: 'address' });
    expect(classifyCandidateWithReason({ ...base, place: 'community', textSimilarity: 0.5 })).toEqual({ kind: 'same_incident', reason: 'community' });
    expect(classifyCandidate({ ...base, place: 'community', textSimilarity: 0.25 })).toBeNull();
    expect(classifyCandidate({ ...base, place: 'address', numbersConflict: true })).toBeNull();
    expect(classifyCandidateWithReason({ ...base, textSimilarity: 0.85 })).toEqual({ kind: 'same_incident', reason: 'text' });
    expect(classifyCandidate({ ...base, textSimilarity: 0.6 })).toBeNull();
    expect(classifyCandidate({ ...base, place: 'different', textSimilarity: 0.95 })).toBeNull();
    expect(classifyCandidate({ ...base, place: 'address', ageMs: SAME_INCIDENT_WINDOW_MS + 1 })).toBeNull();
    // A closed case at the same place may still be the incident's parent.
    expect(classifyCandidate({ ...base, place: 'address', candidateOpen: false })).toBe('same_incident');
  });
});

describe('autoApplyDecision', () => {
  // Above both unattended bars, below the text-only bar for operators.
  const clear = Math.max(AUTO_APPLY_THRESHOLDS.repeat, AUTO_APPLY_THRESHOLDS.sameAddress) + 0.05;
  const base = { textSimilarity: clear, sameCaller: false, place: 'unknown' as const, ageMs: HOUR, candidateOpen: true };

  it('attaches a clear repeat and merges a clear same-building incident, nothing weaker', () => {
    expect(autoApplyDecision({ ...base, sameCaller: true })).toBe('attach');
    expect(autoApplyDecision({ ...base, sameCaller: true, textSimilarity: AUTO_APPLY_THRESHOLDS.repeat - 0.01 })).toBeNull();
    expect(autoApplyDecision({ ...base, place: 'address' })).toBe('merge');
    expect(autoApplyDecision({ ...base, place: 'address', textSimilarity: AUTO_APPLY_THRESHOLDS.sameAddress - 0.01 })).toBeNull();
    // Suggested to an operator, but never applied unattended: the place is not certain enough.
    expect(classifyCandidate({ ...base, place: 'community' })).toBe('same_incident');
    expect(autoApplyDecision({ ...base, place: 'community' })).toBeNull();
    expect(autoApplyDecision({ ...base, textSimilarity: 0.95 })).toBeNull();
    // A closed case can be a suggested parent but is never merged into unattended.
    expect(autoApplyDecision({ ...base, place: 'address', candidateOpen: false })).toBeNull();
  });
});
