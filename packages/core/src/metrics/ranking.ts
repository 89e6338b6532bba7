import { z } from 'zod';
import type { MetricRates } from './rates.js';

/**
 * The ranking of units by a composite score of the three published rates (DESIGN §6), with
 * weights an admin edits. Decisions (ADR 0014):
 *
 * - score = 100 × Σ wᵢ·rateᵢ / Σ wᵢ over 响应率, 解决率, 满意率, rounded to two decimals, so it
 *   reads like the 0–100 points of a monthly assessment whatever scale the weights use;
 * - a rate with weight 0 does not enter; a rate with positive weight that is `null` (nothing fell
 *   due, nobody was visited) makes the score `null`: renormalising over the rates that exist
 *   would let a unit that visited nobody be judged on its fast answers alone;
 * - a unit is ranked only with a score and at least `minVolume` dispatches received in the
 *   month; the others are listed unranked (rank `null`) after the ranked ones, because three
 *   cases make a rate of 0 % or 100 % by chance;
 * - equal scores (to the two decimals shown) share a rank and the next rank skips (1, 2, 2, 4),
 *   as league tables do; within a tie, and among the unranked, the larger volume comes first,
 *   then the name, so the order is stable;
 * - month over month: the previous month is ranked with the same (current) weights, so a change
 *   reflects the unit's work, not an edit of the weights; `change` = previous rank − rank
 *   (positive: moved up), `null` when either month leaves the unit unranked.
 */

const weight = z.number().finite().min(0).max(1000);

export const rankingSettingsSchema = z
  .object({
    weights: z.object({ response: weight, resolution: weight, satisfaction: weight }).strict(),
    /** Dispatches a unit must have received in the month to be ranked. */
    minVolume: z.number().int().min(0).max(100_000),
  })
  .strict()
  .refine((s) => s.weights.response + s.weights.resolution + s.weights.satisfaction > 0, {
    message: 'at least one weight must be above 0',
    path: ['weights'],
  });
export type RankingSettings = z.infer<typeof rankingSettingsSchema>;
export type RankingWeights = RankingSettings['weights'];

/**
 * 响应率 10 %, 解决率 45 %, 满意率 45 %: the weights Beijing's 接诉即办 monthly assessment gives the
 * three rates (see ADR 0014 for the source and how far it was verified). 5 dispatches is the
 * smallest month in which one case moves a rate by no more than 20 points.
 */
export function defaultRankingSettings(): RankingSettings {
  return { weights: { response: 10, resolution: 45, satisfaction: 45 }, minVolume: 5 };
}

type Rates = Pick<MetricRates, 'responseRate' | 'resolutionRate' | 'satisfactionRate'>;

/** The composite score in [0, 100], or null when a weighted rate is missing. */
export function compositeScore(rates: Rates, weights: RankingWeights): number | null {
  const parts: Array<[number, number | null]> = [
    [weights.response, rates.responseRate],
    [weights.resolution, rates.resolutionRate],
    [weights.satisfaction, rates.satisfactionRate],
  ];
  let sum = 0;
  let total = 0;
  for (const [w, r] of parts) {
    if (w === 0) continue;
    if (r === null) return null;
    sum += w * r;
    total += w;
  }
  if (total === 0) return null;
  return Math.round((sum / total) * 10_000) / 100;
}

export interface RankingEntry {
  unitId: string;
  unitName: string;
  rates: Rates;
  /** Dispatches received in the month. */
  volume: number;
}

export interface RankedEntry extends RankingEntry {
  score: number | null;
  rank: number | null;
}

/** Ranks the entries (see the rules above); answers them in ranking order, unranked last. */
export function rankUnits(entries: readonly RankingEntry[], settings: RankingSettings): RankedEntry[] {
  const scored = entries.map((e) => ({ ...e, score: compositeScore(e.rates, settings.weights), rank: null as number | null }));
  const eligible = (e: RankedEntry): boolean => e.score !== null && e.volume >= settings.minVolume;
  const byVolumeThenName = (a: RankedEntry, b: RankedEntry): number => b.volume - a.volume || a.unitName.localeCompare(b.unitName, 'zh-CN') || a.unitId.localeCompare(b.unitId);
  const ranked = scored.filter(eligible).sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || byVolumeThenName(a, b));
  ranked.forEach((e, i) => {
    const before = ranked[i - 1];
    e.rank = before && before.score === e.score ? before.rank : i + 1;
  });
  const unranked = scored.filter((e) => !eligible(e)).sort(byVolumeThenName);
  return [...ranked, ...unranked];
}

export interface RankingComparison extends RankedEntry {
  previousRank: number | null;
  previousScore: number | null;
  /** previousRank − rank: positive moved up, negative down, null when either is unranked. */
  change: number | null;
}

export function compareWithPrevious(current: readonly RankedEntry[], previous: readonly RankedEntry[]): RankingComparison[] {
  const before = new Map(previous.map((p) => [p.unitId, p]));
  return current.map((c) => {
    const p = before.get(c.unitId);
    const previousRank = p?.rank ?? null;
    return {
      ...c,
      previousRank,
      previousScore: p?.score ?? null,
      change: c.rank !== null && previousRank !== null ? previousRank - c.rank : null,
    };
  });
}

/** Which org unit kinds each ranking lists (ADR 0014). */
export const RANKING_KINDS = ['department', 'street', 'all'] as const;
export type RankingKind = (typeof RANKING_KINDS)[number];
export const RANKING_UNIT_KINDS: Readonly<Record<RankingKind, readonly string[]>> = {
  // Utilities (kind company) take dispatches like departments and are assessed with them.
  department: ['department', 'company'],
  street: ['street'],
  all: ['department', 'company', 'street', 'district'],
};

/** The first and last local day of a month `YYYY-MM`, and the month before it. */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** A month YYYY-MM of 1900–2099 (Date.UTC reads years below 100 as 19xx). */
export const monthSchema = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, 'YYYY-MM');
