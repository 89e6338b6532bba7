import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStatementCache } from '../src/db/database.js';
import { preparedInsert, preparedQuery } from '../src/lib/prepared-query.js';
import { createJurisdiction } from '../src/modules/org/service.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/** The screen-pop's fixed costs (issue 10 §2, ADR 0040): statements kept on SQLite, queries compiled once. */
describe('SQLite statement cache', () => {
  it('hands out the kept statement again, but never one that is still iterating', () => {
    const db = withStatementCache(new BetterSqlite3(':memory:'));
    const first = db.prepare('SELECT 1 AS n UNION ALL SELECT 2');
    expect(db.prepare('SELECT 1 AS n UNION ALL SELECT 2')).toBe(first);
    const rows = first.iterate([]);
    rows.next();
    const during = db.prepare('SELECT 1 AS n UNION ALL SELECT 2');
    expect(during).not.toBe(first);
    expect(during.all([])).toEqual([{ n: 1 }, { n: 2 }]);
    rows.return?.();
    expect(db.prepare('SELECT 1 AS n UNION ALL SELECT 2')).toBe(first);
    db.close();
  });
});

describeDb(`prepared queries (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('fills in each call\'s values into the query compiled once', async () => {
    const byCode = preparedQuery<{ code: string }, { code: string }>(['code'], (db, v) => db.selectFrom('jurisdictions').select('code').where('code', '=', v.code));
    await createJurisdiction(t.ctx.db, { code: 'pq1', name: '甲市' });
    await createJurisdiction(t.ctx.db, { code: 'pq2', name: '乙市' });
    const codes = (await t.ctx.db.selectFrom('jurisdictions').select('code').execute()).map((r) => r.code);
    expect(codes.length).toBeGreaterThanOrEqual(2);
    for (const code of codes) expect(await byCode.execute(t.ctx.db, { code })).toEqual([{ code }]);
    expect(await byCode.execute(t.ctx.db, { code: 'no-such-code' })).toEqual([]);
  });

  it('refuses a query in which a value did not arrive as a bound parameter', async () => {
    const literal = preparedQuery<{ code: string }, { n: number }>(['code'], (db, v) => db.selectNoFrom(sql<number>`${sql.lit(v.code.length)}`.as('n')));
    await expect(literal.execute(t.ctx.db, { code: 'x' })).rejects.toThrow(/code not bound/);
  });

  // ADR 0055: the inserts every processed appeal runs are compiled once per set of columns.
  it('inserts rows by the statement compiled for their columns, leaving an undefined column to its default', async () => {
    const j = await createJurisdiction(t.ctx.db, { code: 'pq3', name: '丙市' });
    const insert = preparedInsert('public_intake');
    const row = { jurisdiction_id: j.id, payload_enc: null, urgency: 'normal', accepted_at: '2026-12-06T00:00:00.000Z' };
    await insert.execute(t.ctx.db, { ...row, tracking_code_hash: 'pi-a', attempts: undefined });
    await insert.execute(t.ctx.db, { ...row, tracking_code_hash: 'pi-b', attempts: 3 });
    await t.ctx.db.transaction().execute((trx) => insert.execute(trx, { ...row, tracking_code_hash: 'pi-c' }));
    const rows = await t.ctx.db.selectFrom('public_intake').select(['tracking_code_hash', 'attempts', 'urgency']).where('jurisdiction_id', '=', j.id).orderBy('tracking_code_hash').execute();
    expect(rows).toEqual([
      { tracking_code_hash: 'pi-a', attempts: 0, urgency: 'normal' },
      { tracking_code_hash: 'pi-b', attempts: 3, urgency: 'normal' },
      { tracking_code_hash: 'pi-c', attempts: 0, urgency: 'normal' },
    ]);
  });

  // ADR 0040's amendment: PostgreSQL parsed and planned the history's seven sub-selects on every call.
  it.runIf(dialect === 'postgres')('reaches PostgreSQL as a named statement, prepared once per connection and executed by name', async () => {
    const byCode = preparedQuery<{ code: string }, { named_statement_test: string }>(['code'], (db, v) => db.selectFrom('jurisdictions').select('code as named_statement_test').where('code', '=', v.code));
    const kept = await t.ctx.db.connection().execute(async (db) => {
      for (const code of ['pq1', 'pq2', 'none', 'pq1', 'pq2', 'none', 'pq1']) await byCode.execute(db, { code });
      // An ordinary query stays unnamed.
      await db.selectFrom('jurisdictions').select('code').where('code', '=', 'pq1').execute();
      return sql<{ name: string; statement: string; executions: number }>`
        SELECT name, statement, (generic_plans + custom_plans)::int AS executions FROM pg_prepared_statements`.execute(db);
    });
    const ours = kept.rows.filter((r) => r.statement.includes('named_statement_test'));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.name).toMatch(/^ol_[0-9a-f]{40}$/);
    expect(ours[0]?.executions).toBe(7);
    expect(kept.rows.every((r) => r.name.startsWith('ol_'))).toBe(true);
  });
});
