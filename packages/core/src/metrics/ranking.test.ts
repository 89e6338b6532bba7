import { describe, expect, it } from 'vitest';
import { compareWithPrevious, compositeScore, defaultRankingSettings, monthDays, monthSchema, previousMonth, rankUnits, rankingSettingsSchema, type RankingEntry } from './ranking.js';

const rates = (responseRate: number | null, resolutionRate: number | null, satisfactionRate: number | null) => ({ responseRate, resolutionRate, satisfactionRate });
const entry = (unitId: string, r: RankingEntry['rates'], volume: number): RankingEntry => ({ unitId, unitName: unitId, rates: r, volume });
const weights = defaultRankingSettings().weights;

describe('composite score (worked on paper, weights 10/45/45)', () => {
  it('is the weighted mean of the three rates on a 0–100 scale', () => {
    // (10·1 + 45·0.8 + 45·0.9) / 100 = 0.865
    expect(compositeScore(rates(1, 0.8, 0.9), weights)).toBe(86.5);
    // (10·0.5 + 45 + 45) / 100 = 0.95
    expect(compositeScore(rates(0.5, 1, 1), weights)).toBe(95);
    expect(compositeScore(rates(1 / 3, 1 / 3, 1 / 3), weights)).toBe(33.33);
    expect(compositeScore(rates(0, 0, 0), weights)).toBe(0);
  });

  it('does not depend on the scale of the weights', () => {
    expect(compositeScore(rates(1, 0.8, 0.9), { response: 0.1, resolution: 0.45, satisfaction: 0.45 })).toBe(86.5);
  });

  it('is null when a weighted rate is missing, and ignores a rate weighted 0', () => {
    expect(compositeScore(rates(1, null, 0.9), weights)).toBeNull();
    // (45·0.8 + 45·0.9) / 90 = 0.85
    expect(compositeScore(rates(null, 0.8, 0.9), { response: 0, resolution: 45, satisfaction: 45 })).toBe(85);
  });
});

describe('ranking', () => {
  const settings = defaultRankingSettings();
  const units = [
    entry('A', rates(1, 0.8, 0.9), 10), // 86.5
    entry('B', rates(0.5, 1, 1), 8), // 95
    entry('C', rates(1, 0.6, 0.6), 12), // 64
    entry('D', rates(1, 0.8, 0.9), 20), // 86.5, larger volume
    entry('E', rates(1, null, null), 30), // nobody visited: no score
    entry('F', rates(1, 1, 1), 3), // below 5 dispatches
  ];

  it('orders by score, shares a rank on a tie and skips the next, lists the unranked last', () => {
    const ranked = rankUnits(units, settings);
    expect(ranked.map((r) => [r.unitId, r.rank, r.score])).toEqual([
      ['B', 1, 95],
      ['D', 2, 86.5],
      ['A', 2, 86.5],
      ['C', 4, 64],
      ['E', null, null],
      ['F', null, 100],
    ]);
  });

  it('ranks a small unit once the minimum volume allows it', () => {
    const ranked = rankUnits(units, { ...settings, minVolume: 0 });
    expect(ranked[0]).toMatchObject({ unitId: 'F', rank: 1, score: 100 });
  });

  it('changes order when the weights change', () => {
    // Response only: A, C, D, F at 100 (F unranked by volume), B at 50.
    const ranked = rankUnits(units, { minVolume: 5, weights: { response: 1, resolution: 0, satisfaction: 0 } });
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ['E', 1],
      ['D', 1],
      ['C', 1],
      ['A', 1],
      ['B', 5],
      ['F', null],
    ]);
  });

  it('compares with the previous month: change is previous rank minus rank', () => {
    const current = rankUnits(units, settings);
    const previous = rankUnits(
      [entry('B', rates(0.5, 0.5, 0.5), 9), entry('D', rates(1, 1, 1), 9), entry('A', rates(1, 1, 1), 2), entry('C', rates(0.1, 0.1, 0.1), 9), entry('X', rates(1, 1, 1), 9)],
      settings,
    );
    // previous: D 1 (100), X 1 (100), B 3 (50), C 4 (10), A unranked (volume 2)
    const byId = new Map(compareWithPrevious(current, previous).map((c) => [c.unitId, c]));
    expect(byId.get('B')).toMatchObject({ rank: 1, previousRank: 3, previousScore: 50, change: 2 });
    expect(byId.get('D')).toMatchObject({ rank: 2, previousRank: 1, previousScore: 100, change: -1 });
    expect(byId.get('A')).toMatchObject({ rank: 2, previousRank: null, previousScore: 100, change: null });
    expect(byId.get('C')).toMatchObject({ rank: 4, previousRank: 4, change: 0 });
    expect(byId.get('F')).toMatchObject({ previousRank: null, previousScore: null, change: null });
  });
});

describe('settings and months', () => {
  it('accepts the defaults and refuses negative weights or all zero', () => {
    expect(rankingSettingsSchema.safeParse(defaultRankingSettings()).success).toBe(true);
    expect(rankingSettingsSchema.safeParse({ weights: { response: -1, resolution: 50, satisfaction: 50 }, minVolume: 5 }).success).toBe(false);
    const zero = rankingSettingsSchema.safeParse({ weights: { response: 0, resolution: 0, satisfaction: 0 }, minVolume: 5 });
    expect(zero.success).toBe(false);
    expect(zero.error?.issues[0]?.path).toEqual(['weights']);
    expect(rankingSettingsSchema.safeParse({ weights: { response: 1, resolution: 0, satisfaction: 0 }, minVolume: 1.5 }).success).toBe(false);
  });

  it('knows month lengths, leap years and the month before January', () => {
    expect(monthDays('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthDays('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
    expect(monthSchema.safeParse('2026-13').success).toBe(false);
    expect(monthSchema.safeParse('0099-01').success).toBe(false);
  });
});
