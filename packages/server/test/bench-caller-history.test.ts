import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCallerHistoryBench, type CallerHistoryBenchResult } from '../../../bench/caller-history/bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * `npm run bench:caller-history` at a tiny size on the suite's database: the benchmark still
 * runs from a fresh clone, and the city it loads is read by the real history code (frequent
 * callers are frequent, tip records are there to be filtered).
 */
describeDb(`caller history benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let result: CallerHistoryBenchResult;

  beforeAll(async () => {
    t = await createTestContext();
    result = await runCallerHistoryBench(t.database, t.pii, { cases: 3000, runs: 8, days: 60 });
  }, 120_000);
  afterAll(() => t.close());

  it('loads cases, contacts and call records, and times every kind of lookup', async () => {
    expect(result.rows.cases).toBe(3000);
    expect(result.rows.contacts).toBeGreaterThan(3000);
    expect(result.rows.callRecords).toBeGreaterThan(0);
    expect(await t.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('caller_protected', '=', 1).executeTakeFirstOrThrow()).not.toEqual({ n: 0 });
    const kinds = ['any caller, centre operator', 'any caller, admin (tip records filtered)', 'top-20 frequent callers', 'unknown number'];
    expect(Object.keys(result.lookups)).toEqual(kinds.flatMap((k) => [k, `${k} (before)`]));
    for (const q of Object.values(result.lookups)) {
      expect(q.runs).toBeGreaterThan(0);
      expect(q.max).toBeGreaterThanOrEqual(q.p50);
    }
  });

  it('answers every compared caller exactly as the code before the one-statement read did', () => {
    expect(result.sameAnswers.compared).toBeGreaterThan(100);
    expect(result.sameAnswers.same).toBe(result.sameAnswers.compared);
  });

  it('finds the most frequent caller frequent, with their open cases', () => {
    expect(result.topCaller.frequentCaller).toBe(true);
    expect(result.topCaller.openCases).toBeGreaterThan(0);
  });
});
