import { afterAll, beforeAll, expect, it } from 'vitest';
import { runProcessesBench, type ProcessesBenchResult } from '../../../bench/processes/bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * `npm run bench:processes` at a tiny size on the suite's database: two app processes behind
 * one port (the cluster path; one process is the same with N=1) answer every request as expected, and every case the write route
 * was told was created (every appeal the accept route was answered for) is in the database once — so its figures count real work.
 */
describeDb(`Processes benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let result: ProcessesBenchResult;

  beforeAll(async () => {
    t = await createTestContext();
    result = await runProcessesBench(t.database, { databaseConfig: t.databaseConfig, processes: [2], seconds: 1, connections: 2 });
  }, 180_000);
  afterAll(() => t.close());

  it('drives every route with two processes, every answer as expected', () => {
    expect(result.runs.map((r) => r.processes)).toEqual([2]);
    for (const run of result.runs) {
      for (const route of [run.write, run.read, run.appeal]) {
        expect(route.requests).toBeGreaterThan(0);
        expect(route.failures).toEqual({});
        expect(route.latencyMs.p99).toBeGreaterThanOrEqual(route.latencyMs.p50);
      }
      // The app processes report their CPU: some was spent on each route's requests.
      expect(run.cpuMsPerRequest.write).toBeGreaterThan(0);
      expect(run.cpuMsPerRequest.read).toBeGreaterThan(0);
      expect(run.cpuMsPerRequest.appeal).toBeGreaterThan(0);
      expect(run.databaseCpuMsPerRequest !== undefined).toBe(dialect === 'postgres');
    }
  });

  it('stored one case per answered write', async () => {
    const cases = await t.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(cases.n)).toBe(result.runs.reduce((n, r) => n + r.write.requests, 0));
  });

  it('stored one public_intake row per answered appeal, from both processes\' batches', async () => {
    const rows = await t.ctx.db.selectFrom('public_intake').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(result.runs.reduce((n, r) => n + r.appeal.requests, 0));
  });
});
