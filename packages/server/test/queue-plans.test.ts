import { OPERATOR_QUEUES } from '@openline/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queueCondition } from '../src/modules/cases/queue-filter.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * Issue 12 §3: each operator queue is read through its own partial index (migration 0045). A
 * database uses a partial index only when the query carries the index's condition itself, so
 * this reads the plans: if queue-filter.ts and the migration drift apart, the queue falls back
 * to sorting every waiting case (450–850 ms at 200 k cases) and this fails.
 */
describeDb(`operator queue plans (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const plan = async (query: { sql: string; parameters: readonly unknown[] }): Promise<string> => {
    if (dialect === 'postgres') {
      // Tiny test tables would be read whole; forbid that to see which indexes the planner may use.
      return t.ctx.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        const rows = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql}`.replace(/\$(\d+)/g, (_, n: string) => `'${String(query.parameters[Number(n) - 1])}'`)).execute(trx);
        return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    }
    const rows = await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${query.sql}`.replace(/\?/g, () => "'j'")).execute(t.ctx.db);
    return rows.rows.map((r) => r.detail).join('\n');
  };

  for (const queue of OPERATOR_QUEUES) {
    it(`reads ${queue} in queue order through cases_queue_${queue}, and counts it from an index alone`, async () => {
      const page = t.ctx.db
        .selectFrom('cases')
        .select(['cases.id'])
        .where('cases.jurisdiction_id', '=', 'j')
        .where((eb) => queueCondition(eb, queue))
        .orderBy('cases.priority', 'desc')
        .orderBy('cases.created_at', 'asc')
        .limit(20)
        .compile();
      const count = t.ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('cases.jurisdiction_id', '=', 'j')
        .where((eb) => queueCondition(eb, queue))
        .compile();
      expect(await plan(page)).toContain(`cases_queue_${queue}`);
      // SQLite may count from (jurisdiction, status) instead: as good, as long as no case row is read.
      if (dialect === 'postgres') expect(await plan(count)).toContain(`cases_queue_${queue}`);
      else expect(await plan(count)).toMatch(/USING COVERING INDEX/);
    });
  }
});
