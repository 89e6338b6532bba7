import { afterAll, beforeAll, expect, it } from 'vitest';
import { runOpen311Bench, type Open311BenchResult } from '../../../bench/open311/bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/** `npm run bench:open311` at a tiny size on the suite's database, so the benchmark keeps running from a fresh clone. */
describeDb(`open311 benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let result: Open311BenchResult;
  beforeAll(async () => {
    t = await createTestContext();
    result = await runOpen311Bench(t.database, { cases: 1200, posts: 5, runs: 2 });
  }, 120_000);
  afterAll(() => t.close());

  it('lists the window in both formats and files every post as a case', async () => {
    expect(result.listedJson).toBe(1000);
    expect(result.xmlBytes).toBeGreaterThan(1000 * 200);
    const filed = await t.ctx.db.selectFrom('open311_requests').select(['outcome']).execute();
    expect(filed).toHaveLength(5);
    expect(Object.keys(result.timings)).toContain('POST requests.xml');
  });
});
