import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCtiBench, type CtiBenchResult } from '../../../bench/cti/bench.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * `npm run bench:cti` at a tiny size on the suite's database: the benchmark still runs from a
 * fresh clone, every event it sends is answered 200 `{}`, and what it counts as stored is what
 * the webhook wrote — so "nothing lost" in its figures means what it says.
 */
describeDb(`CTI benchmark, tiny (${dialect})`, () => {
  let t: TestContext;
  let result: CtiBenchResult;

  beforeAll(async () => {
    t = await createTestContext();
    result = await runCtiBench(t.database, { events: 200, connections: 4 });
  }, 120_000);
  afterAll(() => t.close());

  it('sends the planned events over HTTP, duplicates included, and every one is accepted', () => {
    expect(result.sent).toBeGreaterThanOrEqual(200);
    expect(result.sent).toBeGreaterThan(result.stored.distinctEventsSent);
    expect(result.failures).toEqual({});
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(result.latencyMs.p50);
  });

  it('stores one call record per call and one event per (call, event): nothing lost, nothing doubled', async () => {
    expect(result.lost).toBe(false);
    const calls = await t.ctx.db.selectFrom('call_records').select(['id', 'outcome', 'line_id']).execute();
    expect(calls).toHaveLength(result.calls);
    const events = await t.ctx.db.selectFrom('call_events').select('call_id').execute();
    expect(events).toHaveLength(result.stored.distinctEventsSent);
    expect(calls.every((c) => c.line_id !== null)).toBe(true);
    expect(result.stored.answered).toBeGreaterThan(0);
    expect(result.stored.answered).toBeLessThan(result.calls);
  });
});
