import { addCounts, emptyCounts, periodBucket, periodBuckets, toFigures, type Figures, type MetricCounts } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { caseListScope } from '../cases/policy.js';
import { listOwnLines } from '../desk/repository.js';
import { findLineLabels, findUnitNodes, sumDailyBy, type DailyFilter, type GroupSum, type UnitNode } from './figures-repository.js';
import { assertPeriod } from './service.js';

export const FIGURES_GROUPINGS = ['unit', 'line', 'type', 'channel', 'day', 'week', 'month'] as const;
export type FiguresGrouping = (typeof FIGURES_GROUPINGS)[number];

export interface FiguresQuery {
  user: SessionUser;
  from: string;
  to: string;
  by: FiguresGrouping;
  unitId?: string | undefined;
  subtree: boolean;
  lineId?: string | undefined;
  type?: string | undefined;
  channel?: string | undefined;
}

export type FiguresItem = { key: string; label: string } & Figures;

export interface FiguresResult {
  from: string;
  to: string;
  by: FiguresGrouping;
  total: Figures;
  items: FiguresItem[];
}

/** The key of the centre's own figures (contacts closed at intake), which no unit earns. */
export const CENTRE_KEY = '';

/**
 * The figures over local days [from, to], filtered and grouped (issue 9 §2), scoped like the
 * case lists: jurisdiction-wide roles see every unit and the centre's own row; the others only
 * their unit's subtree. `unitId` narrows to one unit, or its subtree with `subtree`; with
 * by=unit, `subtree` also makes each unit's item the sum of its whole subtree (so items then
 * overlap and do not add up to the total, which never counts a row twice).
 */
export async function figures(ctx: AppContext, q: FiguresQuery): Promise<FiguresResult> {
  assertPeriod(q.from, q.to);
  const scope = caseListScope(q.user);
  if (!scope) throw new AppError('FORBIDDEN', 'Your role does not allow this');
  const inScope = await findUnitNodes(ctx.db, q.user.jurisdictionId, scope.kind === 'units' ? scope.unitPath : null);
  let units = inScope;
  if (q.unitId !== undefined) {
    const unit = inScope.find((u) => u.id === q.unitId);
    if (!unit) throw new AppError('NOT_FOUND', 'No such unit within your scope');
    units = q.subtree ? inScope.filter((u) => u.path.startsWith(unit.path)) : [unit];
  }
  const wholeJurisdiction = scope.kind === 'jurisdiction' && q.unitId === undefined;
  // An official sees every case on their own line, whichever unit works it (cases/policy.ts), so
  // the line's figures are the whole line's, not only its cases in the official's subtree.
  const ownLine = scope.kind === 'units' && q.lineId !== undefined && q.unitId === undefined && (await ownsLine(ctx, q.user, q.lineId));
  const filter: DailyFilter = {
    jurisdictionId: q.user.jurisdictionId,
    from: q.from,
    to: q.to,
    unitIds: wholeJurisdiction || ownLine ? null : units.map((u) => u.id),
    lineId: q.lineId,
    caseType: q.type,
    channel: q.channel,
  };
  const column = q.by === 'unit' ? 'unit_id' : q.by === 'line' ? 'line_id' : q.by === 'type' ? 'case_type' : q.by === 'channel' ? 'channel' : 'day';
  const sums = await sumDailyBy(ctx.db, filter, column);
  const total = toFigures(sums.reduce((acc, s) => addCounts(acc, s.counts), emptyCounts()));
  const items = await group(ctx, q, sums, units, wholeJurisdiction);
  return { from: q.from, to: q.to, by: q.by, total, items };
}

async function ownsLine(ctx: AppContext, user: SessionUser, lineId: string): Promise<boolean> {
  const own = await listOwnLines(ctx.db, user.jurisdictionId, user.id);
  return own.some((l) => l.id === lineId);
}

async function group(ctx: AppContext, q: FiguresQuery, sums: GroupSum[], units: UnitNode[], withCentre: boolean): Promise<FiguresItem[]> {
  const byKey = new Map(sums.map((s) => [s.key, s.counts]));
  const item = (key: string, label: string, counts: MetricCounts | undefined): FiguresItem => ({ key, label, ...toFigures(counts ?? emptyCounts()) });
  switch (q.by) {
    case 'unit': {
      const pathOf = new Map(units.map((u) => [u.id, u.path]));
      const countsOf = (u: UnitNode): MetricCounts | undefined => {
        if (!q.subtree) return byKey.get(u.id);
        // Only the units listed (the filter's) add in, so a unitId outside the subtree never leaks.
        return sums.filter((s) => pathOf.get(s.key)?.startsWith(u.path)).reduce((acc, s) => addCounts(acc, s.counts), emptyCounts());
      };
      const list = units.map((u) => item(u.id, u.name, countsOf(u)));
      return withCentre ? [item(CENTRE_KEY, '', byKey.get(CENTRE_KEY)), ...list] : list;
    }
    case 'line': {
      const lines = await findLineLabels(ctx.db, q.user.jurisdictionId);
      const known = new Set(lines.map((l) => l.id));
      const listed = q.lineId === undefined ? lines : lines.filter((l) => l.id === q.lineId);
      const others = sums.filter((s) => !known.has(s.key)).map((s) => item(s.key, s.key, s.counts));
      return [...listed.map((l) => item(l.id, l.label, byKey.get(l.id))), ...others];
    }
    case 'type':
    case 'channel':
      return sums.sort((a, b) => a.key.localeCompare(b.key)).map((s) => item(s.key, s.key, s.counts));
    default: {
      const grain = q.by;
      const buckets = new Map<string, MetricCounts>();
      for (const s of sums) {
        const key = periodBucket(s.key, grain);
        buckets.set(key, addCounts(buckets.get(key) ?? emptyCounts(), s.counts));
      }
      return periodBuckets(q.from, q.to, grain).map((key) => item(key, key, buckets.get(key)));
    }
  }
}
