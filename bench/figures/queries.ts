import { categoryAtLevel } from '../../packages/core/src/categories/tree.js';
import { sumCells } from '../../packages/server/src/modules/stats/category-repository.js';
import { categoriesOf } from '../../packages/server/src/modules/categories/service.js';
import type { AppContext } from '../../packages/server/src/lib/app-context.js';
import { caseListScope } from '../../packages/server/src/modules/cases/policy.js';
import type { FiguresGrouping } from '../../packages/core/src/api/figures.js';
import { figures } from '../../packages/server/src/modules/stats/figures-service.js';
import { COUNT_COLUMNS, findUnitsInScope } from '../../packages/server/src/modules/stats/repository.js';
import { unitFigures } from '../../packages/server/src/modules/stats/service.js';
import type { Query } from './measure.js';

/** The figures queries the dashboards make, each as its route calls the service. */
export function dashboardQueries(ctx: AppContext): Record<string, Query> {
  let top: string | undefined;
  // The top-level category that holds the first leaves, where caseCategory puts most cases.
  const busiestTop = async (jurisdictionId: string): Promise<string> => {
    if (top !== undefined) return top;
    const all = await categoriesOf(ctx.db, jurisdictionId);
    const leaf = all.filter((c) => !all.some((o) => o.parentId === c.id)).sort((a, b) => a.code.localeCompare(b.code))[0];
    top = leaf ? (categoryAtLevel(all, leaf.id, 1) ?? undefined) : undefined;
    if (top === undefined) throw new Error('the bench city has no categories');
    return top;
  };
  const by = (grouping: FiguresGrouping): Query => (user, from, to) => figures(ctx, { user, from, to, by: grouping, subtree: false });
  return {
    'GET /stats/units': (user, from, to) => unitFigures(ctx, { user, from, to }),
    'GET /stats/figures?by=unit': by('unit'),
    'GET /stats/figures?by=day': by('day'),
    'GET /stats/figures?by=type': by('type'),
    'GET /stats/figures?by=channel': by('channel'),
    // Categories are summed from the cells (ADR 0026): the top level, then one category's children.
    'GET /stats/figures?by=category': by('category'),
    'GET /stats/figures?by=category&categoryId=<busiest top>': async (user, from, to) =>
      figures(ctx, { user, from, to, by: 'category', subtree: false, categoryId: await busiestTop(user.jurisdictionId) }),
    // By category straight from the cells, as before stat_category_daily: kept to show what it saves.
    'by=category from the cells (no rollup)': async (user, from, to) => {
      const scope = caseListScope(user);
      const units = scope?.kind === 'units' ? (await findUnitsInScope(ctx.db, user.jurisdictionId, scope.unitPath)).map((u) => u.id) : null;
      return sumCells(ctx.db, { jurisdictionId: user.jurisdictionId, from, to, unitIds: units }, 'category_id');
    },
    // The per-unit sums as they were read before migration 0023, from stat_daily itself: kept
    // here so every run shows what the per-unit rollup saves.
    'units from stat_daily (before 0023)': async (user, from, to) => {
      const scope = caseListScope(user);
      const units = await findUnitsInScope(ctx.db, user.jurisdictionId, scope?.kind === 'units' ? scope.unitPath : null);
      return ctx.db
        .selectFrom('stat_daily')
        .select('unit_id')
        .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number>(c).as(c)))
        .where('jurisdiction_id', '=', user.jurisdictionId)
        .where('day', '>=', from)
        .where('day', '<=', to)
        .where('unit_id', 'in', units.map((u) => u.id))
        .groupBy('unit_id')
        .execute();
    },
  };
}
