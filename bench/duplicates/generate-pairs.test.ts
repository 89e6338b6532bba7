import { describe, expect, it } from 'vitest';
import { samePlace } from '../../packages/core/src/similarity/index.js';
import { evaluatePairs, type Pair } from './evaluate.js';
import { chineseNumeral, generatePairs } from './generate-pairs.js';

const HOURS_90_DAYS = 90 * 24;

describe('generatePairs', () => {
  const pairs = generatePairs({ seed: 7, count: 1500 });

  it('gives the same pairs for the same seed and other pairs for another', () => {
    expect(generatePairs({ seed: 7, count: 1500 })).toEqual(pairs);
    expect(generatePairs({ seed: 8, count: 50 })).not.toEqual(pairs.slice(0, 50));
    expect(pairs.map((p) => p.id)).toEqual(pairs.map((_, i) => i + 1));
  });

  it('labels by construction: repeats, same incidents and every kind of near miss', () => {
    const kinds = new Set(pairs.map((p) => `${p.kind}:${p.note ?? ''}`));
    // Nine builders; "same problem, another …" names a building, a street number or a route.
    expect(kinds.size).toBe(11);
    for (const p of pairs) {
      if (p.label === 'repeat') {
        expect(p.sameCaller && p.candidateOpen && p.ageHours <= HOURS_90_DAYS).toBe(true);
      }
      if (p.label === 'same_incident') {
        expect(!p.sameCaller && p.candidateOpen && p.ageHours <= 72).toBe(true);
        // Two callers word it differently.
        expect(p.incoming.content).not.toBe(p.existing.content);
      }
      if (p.note === 'same caller, older than 90 days') expect(p.ageHours).toBeGreaterThan(HOURS_90_DAYS);
      if (p.note === 'same incident, older than 72 h') expect(p.ageHours).toBeGreaterThan(72);
    }
  });

  it('writes addresses that name the same building for one incident and another for a near miss', () => {
    const withBoth = (p: Pair): boolean => p.incoming.address !== null && p.existing.address !== null;
    const same = pairs.filter((p) => withBoth(p) && (p.label === 'same_incident' || p.note === 'same place, another problem'));
    const other = pairs.filter((p) => withBoth(p) && p.note?.startsWith('same problem, another'));
    expect(same.length).toBeGreaterThan(300);
    expect(other.length).toBeGreaterThan(100);
    for (const p of same) expect(samePlace(p.incoming.address, p.existing.address, ['测试市']), JSON.stringify(p)).toBe('address');
    for (const p of other) expect(samePlace(p.incoming.address, p.existing.address, ['测试市']), JSON.stringify(p)).not.toBe('address');
  });

  it('varies how numbers are written (3栋 / 三号楼)', () => {
    expect(pairs.some((p) => /[一二三四五六七八九十]+(栋|号楼|幢)/u.test(p.incoming.address ?? ''))).toBe(true);
    expect(pairs.some((p) => /\d+(栋|号楼|幢)/u.test(p.incoming.address ?? ''))).toBe(true);
    expect([1, 9, 10, 12, 20, 24].map(chineseNumeral)).toEqual(['一', '九', '十', '十二', '二十', '二十四']);
  });
});

describe('evaluatePairs', () => {
  const pair = (over: Partial<Pair>): Pair => ({
    id: 1, label: 'none', kind: 'near_miss', sameCaller: false, candidateOpen: true, ageHours: 2,
    incoming: { content: '阳光小区3栋电梯坏了，困在九楼。', address: '阳光小区3栋' },
    existing: { content: '阳光小区3栋电梯坏了，困在九楼。', address: '阳光小区三栋' },
    ...over,
  });

  it('counts a wrong unattended merge and a correct one', () => {
    const { figures, mistakes } = evaluatePairs([pair({ id: 1 }), pair({ id: 2, label: 'same_incident', kind: 'paraphrase' })]);
    expect(figures).toMatchObject({ sameIncidentPrecision: 0.5, sameIncidentRecall: 1, autoMergeCorrect: 1, autoMergeWrong: 1, autoRecall: 1 });
    expect(mistakes.map((m) => `${m.pair.id}:${m.level}`)).toEqual(['1:suggest', '1:auto']);
  });
});
