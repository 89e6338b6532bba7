import { afterAll, beforeAll, expect, it } from 'vitest';
import { runIntakeBench, type IntakeBenchResult } from '../../../bench/intake/bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * `npm run bench:intake` at a tiny size on the suite's database: it still runs from a fresh
 * clone, every appeal it sends is answered 201 with a tracking code, what it counts as stored is
 * what the form wrote, and the processing it times really opens the cases.
 */
describeDb(`intake benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let result: IntakeBenchResult;

  beforeAll(async () => {
    t = await createTestContext({ publicIntakeDrainer: false });
    result = await runIntakeBench(t.database, { appeals: 120, connections: 4, rate: 200, rateAppeals: 40, openCases: 30, process: 50 });
  }, 120_000);
  afterAll(() => t.close());

  it('sends every appeal to the bare server and to Openline, and each is answered', () => {
    for (const run of [result.bare, result.openline]) {
      expect(run.sent).toBe(120);
      expect(run.failures).toEqual({});
    }
    expect(result.atRate.sent).toBe(40);
    expect(result.atRate.failures).toEqual({});
    expect(result.ratio).toBeGreaterThan(0);
  });

  it('stores one intake row per answer, nothing lost, and processes what it times into cases', async () => {
    expect(result.stored).toEqual({ accepted: 160, answered: 160, lost: false });
    // The drainer of the run at a fixed rate may have worked off most of the backlog: the bench then
    // times what is left, in batches of 32, until it has 50 or the backlog is empty.
    const { appeals, backlogAfter } = result.processing;
    expect(appeals).toBeGreaterThan(0);
    expect(appeals >= 50 || backlogAfter === 0, `${appeals} timed, ${backlogAfter} left`).toBe(true);
    const filed = await t.ctx.db.selectFrom('public_intake').select(['case_id']).where('processed_at', 'is not', null).execute();
    expect(filed.length).toBe(160 - result.processing.backlogAfter);
    expect(filed.every((r) => r.case_id !== null)).toBe(true);
  });
});
