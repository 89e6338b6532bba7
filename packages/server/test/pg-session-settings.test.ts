import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DB } from '../src/db/schema.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * The plan PostgreSQL picks for a count over `cases` when parallel workers are priced at nothing
 * (the price a misestimated LIMIT gives them at 10 M cases, ADR 0075).
 */
async function planWithFreeWorkers(trx: Transaction<DB>, workersPerGather?: number): Promise<string> {
  await sql`SET LOCAL parallel_setup_cost = 0`.execute(trx);
  await sql`SET LOCAL parallel_tuple_cost = 0`.execute(trx);
  await sql`SET LOCAL min_parallel_table_scan_size = 0`.execute(trx);
  if (workersPerGather !== undefined) await sql`SELECT set_config('max_parallel_workers_per_gather', ${String(workersPerGather)}, true)`.execute(trx);
  const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT count(*) FROM cases`.execute(trx);
  return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
}

describeDb(`the app's PostgreSQL sessions (${dialect})`, () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => {
    await t.close();
  });

  it('plan no parallel workers, however cheap they are priced (ADR 0075)', async () => {
    if (dialect !== 'postgres') return;
    const own = await t.ctx.db.transaction().execute((trx) => planWithFreeWorkers(trx));
    expect(own).not.toMatch(/Gather/);
    // The same pricing with workers allowed does take them, so the check above can fail.
    const allowed = await t.ctx.db.transaction().execute((trx) => planWithFreeWorkers(trx, 2));
    expect(allowed).toMatch(/Gather/);
  });
});
