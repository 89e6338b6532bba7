import { afterAll, beforeAll, expect, it } from 'vitest';
import { runSupervisionBench, type SupervisionBenchResult } from '../../../bench/supervision/bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/** `npm run bench:supervision` at a tiny size on the suite's database, so the benchmark keeps running from a fresh clone. */
describeDb(`supervision benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let result: SupervisionBenchResult;
  beforeAll(async () => {
    t = await createTestContext();
    result = await runSupervisionBench(t.database, { cases: 1200, overdue: 150, runs: 2 });
  }, 120_000);
  afterAll(() => t.close());

  it('escalates every overdue deadline once and times the queue counts', async () => {
    expect(result.escalation.deadlines).toBe(150);
    expect(result.queues.max).toBeGreaterThanOrEqual(result.queues.median);
    const notices = await t.ctx.db.selectFrom('supervision_notices').select(['tier']).execute();
    expect(notices.filter((n) => n.tier === 2)).toHaveLength(150);
  });
});
