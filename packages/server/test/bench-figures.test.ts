import { afterAll, beforeAll, expect, it } from 'vitest';
import { runFiguresBench, type FiguresBenchResult } from '../../../bench/figures/bench.js';
import { benchUser, previousMonth } from '../../../bench/figures/measure.js';
import { figures } from '../src/modules/stats/figures-service.js';
import { inTransaction } from '../src/lib/unit-of-work.js';
import { dumpCategoryDaily, dumpDaily, dumpScopeDaily, dumpUnitDaily, resumDays } from '../src/modules/stats/repository.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * `npm run bench:figures` at a tiny size on the suite's database: the benchmark still runs
 * from a fresh clone, and the rollup it loads in bulk is the one the figures job would compute
 * from the same cells — so its timings measure the tables the server really keeps.
 */
describeDb(`figures benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let result: FiguresBenchResult;

  beforeAll(async () => {
    t = await createTestContext();
    result = await runFiguresBench(t.database, { cases: 3000, days: 70, runs: 2, refresh: [0, 3], lastDay: '2026-03-31' });
  }, 120_000);
  afterAll(() => t.close());

  it('times every dashboard query and the refresh for each number of changed cases', () => {
    expect(Object.keys(result.dashboards)).toContain('GET /stats/units, city month');
    expect(Object.keys(result.dashboards)).toContain('GET /stats/units, department month');
    for (const timing of Object.values(result.dashboards)) expect(timing.max).toBeGreaterThanOrEqual(timing.median);
    expect(result.refresh.map((r) => r.changed)).toEqual([0, 3]);
    expect(result.tableRows.stat_case_cells).toBe(result.tableRows.cellsImplied);
    expect(result.tableRows.monthDepartment).toBeLessThan(result.tableRows.monthCity);
  });

  it('gives the cells categories, and figures by category add up to the month', async () => {
    const root = result.city.units[0];
    if (!root) throw new Error('no units');
    const user = benchUser(result.city, root, 'operator');
    const month = previousMonth('2026-03-31');
    const byCategory = await figures(t.ctx, { user, ...month, by: 'category', subtree: false });
    const byType = await figures(t.ctx, { user, ...month, by: 'type', subtree: false });
    expect(byCategory.total.dispatched).toBe(byType.total.dispatched);
    const counted = byCategory.items.filter((i) => i.dispatched > 0);
    expect(counted.length).toBeGreaterThan(3);
    // About one case in ten has no category (caseCategory).
    const none = byCategory.items.find((i) => i.key === '')?.dispatched ?? 0;
    expect(none / byCategory.total.dispatched).toBeGreaterThan(0.05);
    expect(none / byCategory.total.dispatched).toBeLessThan(0.2);
  });

  it('loads the rollups the figures job computes from the same cells', async () => {
    const daily = await dumpDaily(t.ctx.db);
    const perUnit = await dumpUnitDaily(t.ctx.db);
    const wholeScope = await dumpScopeDaily(t.ctx.db);
    const byCategory = await dumpCategoryDaily(t.ctx.db);
    expect(daily.length).toBeGreaterThan(1000);
    const days = (await t.ctx.db.selectFrom('stat_case_cells').select('day').distinct().orderBy('day').execute()).map((r) => r.day);
    await inTransaction(t.ctx, async (tx) => {
      for (let i = 0; i < days.length; i += 50) await resumDays(tx.db, result.city.jurisdictionId, days.slice(i, i + 50));
    });
    expect(await dumpDaily(t.ctx.db)).toEqual(daily);
    expect(await dumpUnitDaily(t.ctx.db)).toEqual(perUnit);
    expect(await dumpScopeDaily(t.ctx.db)).toEqual(wholeScope);
    expect(await dumpCategoryDaily(t.ctx.db)).toEqual(byCategory);
  });

  it('skews the work: the busiest unit dispatches many times what the median one does', async () => {
    const rows = await t.ctx.db
      .selectFrom('stat_unit_daily')
      .select('unit_id')
      .select((eb) => eb.fn.sum<number | string>('dispatched').as('n'))
      .groupBy('unit_id')
      .execute();
    const counts = rows.map((r) => Number(r.n)).sort((a, b) => a - b);
    expect(counts.length).toBeGreaterThan(200);
    expect(counts.at(-1) ?? 0).toBeGreaterThan(10 * (counts[Math.floor(counts.length / 2)] ?? 0));
  });
});
