import { addCounts, categoryAtLevel, categorySubtree, emptyCounts, periodBucket, periodBuckets, toFigures, type CategoryView, type Figures, type FiguresGrouping, type MetricCounts } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { caseListScope } from '../cases/policy.js';
import { withAnswerRates } from '../cold-lines/figures.js';
import { categoriesOf } from '../categories/service.js';
import { referenceNotFound } from '../../lib/references.js';
import { sumCellsBy } from './category-repository.js';
import { listOwnLines } from '../desk/repository.js';
import { findLineLabels, findUnitNodes, sumDailyBy, type DailyFilter, type GroupSum, type UnitNode } from './figures-repository.js';
import { assertPeriod } from './service.js';


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
  /** A category and its subtree (ADR 0026); with by=category the items are its children. */
  categoryId?: string | undefined;
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
  // Categories are not a rollup key: by or within a category, the figures sum the cells (ADR 0026).
  const categories = q.by === 'category' || q.categoryId !== undefined ? await categoriesOf(ctx.db, q.user.jurisdictionId) : [];
  const sums =
    q.by === 'category' || q.categoryId !== undefined
      ? await sumCellsBy(ctx.db, { ...filter, categoryIds: categoryIdsOf(categories, q.categoryId) }, q.by === 'category' ? 'category_id' : column)
      : await sumDailyBy(ctx.db, filter, column);
  const total = toFigures(sums.reduce((acc, s) => addCounts(acc, s.counts), emptyCounts()));
  const items = q.by === 'category' ? byCategory(categories, sums, q.categoryId) : await group(ctx, q, sums, units, wholeJurisdiction);
  // 接通率 from the lines' calls (issue 10 §4; attribution in ADR 0021).
  return { from: q.from, to: q.to, by: q.by, ...(await withAnswerRates(ctx, q, { total, items })) };
}

function categoryIdsOf(categories: readonly CategoryView[], id: string | undefined): string[] | undefined {
  if (id === undefined) return undefined;
  if (!categories.some((c) => c.id === id)) throw referenceNotFound([{ kind: 'category', path: 'categoryId' }]);
  return categorySubtree(categories, id);
}

/**
 * Leaf sums shown one level down from `parentId` (the top level without it): each leaf adds to
 * its ancestor at that level. Every category in use at that level is listed, counted or not;
 * a retired one only when it has figures. Cases directly on the parent itself keep its key, and
 * cases without a category have the key '' (shown only at the top level).
 */
function byCategory(categories: readonly CategoryView[], sums: readonly GroupSum[], parentId: string | undefined): FiguresItem[] {
  const level = parentId === undefined ? 1 : (categories.find((c) => c.id === parentId)?.level ?? 0) + 1;
  const buckets = new Map<string, MetricCounts>();
  for (const s of sums) {
    const key = s.key === '' ? '' : (categoryAtLevel(categories, s.key, level) ?? '');
    buckets.set(key, addCounts(buckets.get(key) ?? emptyCounts(), s.counts));
  }
  const item = (key: string, label: string): FiguresItem => ({ key, label, ...toFigures(buckets.get(key) ?? emptyCounts()) });
  const listed = categories.filter((c) => (c.parentId ?? undefined) === parentId && (!c.retired || buckets.has(c.id)));
  const items = listed.map((c) => item(c.id, c.name));
  const self = parentId === undefined ? undefined : categories.find((c) => c.id === parentId);
  if (self && buckets.has(self.id)) items.push(item(self.id, self.name));
  if (buckets.has('')) items.push(item('', ''));
  return items;
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
    case 'category': // answered by byCategory; listed for the switch to be complete
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
