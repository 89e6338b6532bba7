import { afterAll, beforeAll, expect, it } from 'vitest';
import { runColdLinesBench, type ColdLinesBenchResult } from '../../../bench/cold-lines/bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * `npm run bench:cold-lines` at a tiny size on the suite's database: the benchmark still runs
 * from a fresh clone, and the day rollup it times holds what the calls it loaded add up to.
 */
describeDb(`cold-line benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let result: ColdLinesBenchResult;

  beforeAll(async () => {
    t = await createTestContext();
    result = await runColdLinesBench(t.database, { lines: 12, callsPerDay: 150, days: 3, runs: 2, changed: 5 });
  }, 120_000);
  afterAll(() => t.close());

  it('times each step, and the rollup counts every inbound call it loaded', async () => {
    expect(Object.keys(result.timings)).toHaveLength(4);
    for (const timing of Object.values(result.timings)) expect(timing.max).toBeGreaterThanOrEqual(timing.median);
    const inbound = await t.ctx.db.selectFrom('call_records').select((eb) => eb.fn.countAll<number | string>().as('n')).where('direction', '=', 'in').executeTakeFirstOrThrow();
    const rolled = await t.ctx.db.selectFrom('line_call_days').select((eb) => eb.fn.sum<number | string>('offered').as('n')).executeTakeFirstOrThrow();
    expect(Number(rolled.n)).toBe(Number(inbound.n));
    // Answer shares of 70–100 % over a few lines: some are cold, not all.
    expect(result.coldLines).toBeGreaterThan(0);
    expect(result.coldLines).toBeLessThan(12);
  });
});
