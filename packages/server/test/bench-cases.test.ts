import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDay } from '@openline/core';
import { runCasesBench, type CasesBenchResult } from '../../../bench/cases/bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * `npm run bench:cases` at a tiny size on the suite's database (issue 13: it crashed at intake
 * when generated case numbers collided with the day's counter). The generator spreads cases over
 * 90 days, so today has some of them, and the timed intake must draw numbers after those.
 */
describeDb(`cases benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let result: CasesBenchResult;
  const runs = 3;

  beforeAll(async () => {
    t = await createTestContext();
    result = await runCasesBench(t.database, { cases: 3000, runs });
  }, 120_000);
  afterAll(() => t.close());

  it('generates the cases, times every query and opens its intake cases with fresh numbers', async () => {
    expect(result.cases).toBe(3000);
    expect(Number(result.intakeMs)).toBeGreaterThan(0);
    const rows = await t.ctx.db.selectFrom('cases').select(['case_number', 'created_at']).execute();
    expect(rows).toHaveLength(3000 + runs);
    expect(new Set(rows.map((r) => r.case_number)).size).toBe(rows.length);
    const today = localDay(new Date(), 'Asia/Shanghai');
    const todays = rows.filter((r) => r.case_number.startsWith(`${today}-`)).map((r) => Number(r.case_number.slice(9))).sort((a, b) => a - b);
    // The generator's cases of today and intake's after them: one unbroken run 1..n, no gap, no reuse.
    expect(todays.length).toBeGreaterThanOrEqual(runs);
    expect(todays).toEqual(todays.map((_, i) => i + 1));
  });
});
