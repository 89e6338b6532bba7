import type { RankingResult } from './service.js';

/** The API shape: the rates flattened beside the rank, as in /stats/units. */
export function presentRanking(r: RankingResult) {
  return {
    month: r.month,
    previousMonth: r.previousMonth,
    kind: r.kind,
    settings: r.settings,
    items: r.items.map((i) => ({
      unitId: i.unitId,
      unitName: i.unitName,
      unitKind: i.unitKind,
      rank: i.rank,
      score: i.score,
      volume: i.volume,
      responseRate: i.rates.responseRate,
      resolutionRate: i.rates.resolutionRate,
      satisfactionRate: i.rates.satisfactionRate,
      previousRank: i.previousRank,
      previousScore: i.previousScore,
      change: i.change,
    })),
  };
}
