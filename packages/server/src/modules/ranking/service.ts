import {
  RANKING_UNIT_KINDS,
  compareWithPrevious,
  emptyCounts,
  metricRates,
  monthDays,
  previousMonth,
  rankUnits,
  type RankingComparison,
  type RankingEntry,
  type RankingKind,
  type RankingSettings,
} from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { caseListScope } from '../cases/policy.js';
import { sumDailyByUnit } from '../stats/repository.js';
import { findUnitsOfKinds, type RankableUnit } from './repository.js';
import { currentRankingSettings } from './settings.js';

export interface RankingItem extends RankingComparison {
  unitKind: string;
}

export interface RankingResult {
  month: string;
  previousMonth: string;
  kind: RankingKind;
  settings: RankingSettings;
  items: RankingItem[];
}

/**
 * The month's ranking of the units of `kind` in the caller's case-list scope (a department's
 * supervisor ranks within their subtree), by the jurisdiction's current weights, with each
 * unit's rank and score of the month before under the same weights. Reads the daily rollup
 * only: two sums over `stat_daily`, whatever the number of cases.
 */
export async function unitRanking(ctx: AppContext, options: { user: SessionUser; month: string; kind: RankingKind }): Promise<RankingResult> {
  const { user, month, kind } = options;
  const scope = caseListScope(user);
  if (!scope) throw new AppError('FORBIDDEN', 'Your role does not allow this');
  return jurisdictionRanking(ctx, { jurisdictionId: user.jurisdictionId, unitPath: scope.kind === 'units' ? scope.unitPath : null, month, kind });
}

/**
 * The same ranking for a jurisdiction (unitPath null) or a subtree, with no caller: for pages
 * that publish it (figures only, no personal data). Access is the caller's business.
 */
export async function jurisdictionRanking(
  ctx: AppContext,
  options: { jurisdictionId: string; unitPath: string | null; month: string; kind: RankingKind },
): Promise<RankingResult> {
  const { jurisdictionId, unitPath, month, kind } = options;
  const units = await findUnitsOfKinds(ctx.db, { jurisdictionId, unitPath, kinds: RANKING_UNIT_KINDS[kind] });
  const { settings } = await currentRankingSettings(ctx, jurisdictionId);
  const before = previousMonth(month);
  const [current, previous] = await Promise.all([monthEntries(ctx, jurisdictionId, units, month), monthEntries(ctx, jurisdictionId, units, before)]);
  const kinds = new Map(units.map((u) => [u.id, u.kind]));
  const items = compareWithPrevious(rankUnits(current, settings), rankUnits(previous, settings)).map((c) => ({ ...c, unitKind: kinds.get(c.unitId) ?? '' }));
  return { month, previousMonth: before, kind, settings, items };
}

async function monthEntries(ctx: AppContext, jurisdictionId: string, units: readonly RankableUnit[], month: string): Promise<RankingEntry[]> {
  const { from, to } = monthDays(month);
  const totals = await sumDailyByUnit(ctx.db, { jurisdictionId, from, to, unitIds: units.map((u) => u.id) });
  const byUnit = new Map(totals.map((t) => [t.unit_id, t]));
  return units.map((u) => {
    const t = byUnit.get(u.id);
    // The ranking reads only the three rates; the newer counts (h/metrics) stay zero here.
    const rates = metricRates({
      ...emptyCounts(),
      dispatched: t?.dispatched ?? 0, returns: t?.returns ?? 0, responseDue: t?.response_due ?? 0, respondedOnTime: t?.responded_on_time ?? 0,
      visits: t?.visits ?? 0, solved: t?.solved ?? 0, satisfied: t?.satisfied ?? 0, overdue: t?.overdue ?? 0,
    });
    return { unitId: u.id, unitName: u.name, volume: t?.dispatched ?? 0, rates };
  });
}
