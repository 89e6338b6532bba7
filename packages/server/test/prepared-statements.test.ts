import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStatementCache } from '../src/db/database.js';
import { withFixedPlan } from '../src/db/sqlite-fixed-plan.js';
import { executeTogether, preparedInsert, preparedQuery } from '../src/lib/prepared-query.js';
import { forgetReads, inTransaction, readOncePerUnitOfWork, writeBeforeCommit } from '../src/lib/unit-of-work.js';
import { loadWorkingCalendar } from '../src/modules/calendar/load.js';
import { upsertCalendarYear } from '../src/modules/calendar/repository.js';
import { createJurisdiction, createOrgUnit } from '../src/modules/org/service.js';
import { seedFixture } from './support/fixtures.js';
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

// ADR 0071: a bound value the planner does not read, so SQLite does not re-plan at each run.
describe('fixed plans on SQLite', () => {
  it('marks each bound parameter, and nothing inside quotes', () => {
    expect(withFixedPlan(`select "a?" from t where x = ? and y in (?, ?) and z = 'it''s ?' limit ?`, 4))
      .toBe(`select "a?" from t where x = +? and y in (+?, +?) and z = 'it''s ?' limit +?`);
  });

  it('refuses a text whose placeholders do not match the parameters', () => {
    expect(() => withFixedPlan('select ? from t', 2)).toThrow(/1 placeholders found for 2/);
  });

  it('keeps the values and their types: text, numbers, a limit', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec(`create table t (id text primary key, n integer, r real); create index t_n on t (n);
      insert into t values ('a', 1, 0.5), ('b', 2, 1.5), ('c', 2, 2.5); analyze;`);
    const text = 'select id from t where n = ? and r >= ? and id in (?, ?) order by id limit ?';
    const values = [2, 1, 'b', 'c', 1];
    expect(db.prepare(withFixedPlan(text, 5)).all(...values)).toEqual(db.prepare(text).all(...values));
    expect(db.prepare(withFixedPlan(text, 5)).all(...values)).toEqual([{ id: 'b' }]);
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

  it('runs a query with a fixed plan with the same values and result on either database', async () => {
    const codes = preparedQuery<{ a: string; b: string }, { code: string }>(['a', 'b'], (db, v) =>
      db.selectFrom('jurisdictions').select('code').where('code', 'in', [v.a, v.b, 'pq-none']).orderBy('code').limit(5), { fixedPlan: true });
    await createJurisdiction(t.ctx.db, { code: 'pqf1', name: '丁市' });
    await createJurisdiction(t.ctx.db, { code: 'pqf2', name: '戊市' });
    expect(await codes.execute(t.ctx.db, { a: 'pqf2', b: 'pqf1' })).toEqual([{ code: 'pqf1' }, { code: 'pqf2' }]);
    expect(await codes.execute(t.ctx.db, { a: 'pqf1', b: 'nothing' })).toEqual([{ code: 'pqf1' }]);
  });

  // ADR 0071: new cases' search documents are written together at the end of their unit of work.
  it('writes what was left for the end of a unit of work once, inside it, and nothing if it rolls back', async () => {
    const flushes: string[][] = [];
    const flush = async (db: Kysely<DB> | Transaction<DB>, codes: string[]) => {
      flushes.push(codes);
      for (const code of codes) await createJurisdiction(db, { code, name: code });
    };
    await inTransaction(t.ctx, async (tx) => {
      await writeBeforeCommit(tx.db, 'test', 'pqb-1', flush);
      // A unit of work joined from inside another leaves its part to the outer one's end.
      await inTransaction(tx, (inner) => writeBeforeCommit(inner.db, 'test', 'pqb-2', flush));
      expect(flushes).toEqual([]);
    });
    expect(flushes).toEqual([['pqb-1', 'pqb-2']]);
    await expect(inTransaction(t.ctx, async (tx) => {
      await writeBeforeCommit(tx.db, 'test', 'pqb-3', flush);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    // Outside a unit of work there is no end to wait for.
    await writeBeforeCommit(t.ctx.db, 'test', 'pqb-4', flush);
    const codes = (await t.ctx.db.selectFrom('jurisdictions').select('code').where('code', 'like', 'pqb-%').orderBy('code').execute()).map((r) => r.code);
    expect(codes).toEqual(['pqb-1', 'pqb-2', 'pqb-4']);
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

  it('inserts several rows of the same columns in one statement, in order, and refuses rows whose columns differ', async () => {
    const j = await createJurisdiction(t.ctx.db, { code: 'pq4', name: '己市' });
    const insert = preparedInsert('public_intake');
    const row = { jurisdiction_id: j.id, payload_enc: null, urgency: 'normal', accepted_at: '2026-12-06T00:00:00.000Z' };
    await insert.executeMany(t.ctx.db, [{ ...row, tracking_code_hash: 'pm-b' }, { ...row, tracking_code_hash: 'pm-a' }]);
    await insert.executeMany(t.ctx.db, []);
    const rows = await t.ctx.db.selectFrom('public_intake').select('tracking_code_hash').where('jurisdiction_id', '=', j.id).orderBy('seq').execute();
    expect(rows.map((r) => r.tracking_code_hash)).toEqual(['pm-b', 'pm-a']);
    await expect(insert.executeMany(t.ctx.db, [{ ...row, tracking_code_hash: 'pm-c' }, { ...row, tracking_code_hash: 'pm-d', attempts: 2 }]))
      .rejects.toThrow(/same columns/);
    await expect(insert.executeMany(t.ctx.db, [{ ...row, tracking_code_hash: 'pm-e', urgency: 'urgent' }, { ...row, payload_enc: null, tracking_code_hash: 'pm-f' }]))
      .resolves.toBeUndefined();
  });

  // ADR 0079: a new case's rows are one statement on PostgreSQL.
  it('writes rows that refer to each other together, in order, and none of them when one part fails', async () => {
    const j = await createJurisdiction(t.ctx.db, { code: 'pq6', name: '辛市' });
    const unit = await createOrgUnit(t.ctx.db, { jurisdictionId: j.id, parentId: null, name: '辛市政府', kind: 'city' });
    const ids = ['pt-1', 'pt-2'];
    const rows = ids.map((id) => ({ id, jurisdiction_id: j.id, user_id: '', kind: 'message', case_id: null, created_at: '2026-12-07T00:00:00.000Z', read_at: null }));
    const users = preparedInsert('users');
    const notifications = preparedInsert('notifications');
    const at = '2026-12-07T00:00:00.000Z';
    const user = { id: 'pt-user', jurisdiction_id: j.id, org_unit_id: unit.id, username: 'pt-user', display_name: '测试', password_hash: 'x', status: 'active' as const, created_at: at, updated_at: at };
    // The notifications refer to the user written in the same statement.
    const together = [users.bind(t.ctx.db, [user]), notifications.bind(t.ctx.db, rows.map((r) => ({ ...r, user_id: user.id })))];
    await executeTogether(t.ctx.db, together);
    const written = await t.ctx.db.selectFrom('notifications').select(['id', 'user_id']).where('jurisdiction_id', '=', j.id).orderBy('created_at').orderBy('id').execute();
    expect(written).toEqual(ids.map((id) => ({ id, user_id: user.id })));
    // The second part fails (the same ids again): inside a unit of work, nothing of either is left.
    const again = { ...user, id: 'pt-user-2', username: 'pt-user-2' };
    await expect(inTransaction(t.ctx, (tx) => executeTogether(tx.db, [users.bind(tx.db, [again]), notifications.bind(tx.db, rows.map((r) => ({ ...r, user_id: again.id })))])))
      .rejects.toThrow();
    expect(await t.ctx.db.selectFrom('users').select('id').where('id', '=', again.id).executeTakeFirst()).toBeUndefined();
    if (dialect === 'postgres') {
      // One statement: the parts travel as data-modifying WITH parts of the last.
      const kept = await t.ctx.db.connection().execute(async (db) => {
        await executeTogether(db, [users.bind(db, [{ ...user, id: 'pt-user-3', username: 'pt-user-3' }]), notifications.bind(db, [{ ...rows[0], id: 'pt-3', user_id: 'pt-user-3' }] as typeof rows)]);
        return sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements WHERE statement LIKE 'with w0 as (insert into "users"%'`.execute(db);
      });
      // (One text per shape: two rows earlier, one here, on whichever connections ran them.)
      expect(kept.rows.length).toBeGreaterThanOrEqual(1);
      expect(kept.rows.every((r) => r.statement.includes(') insert into "notifications"'))).toBe(true);
    }
  });

  // Issue 13 §2: settings read by every appeal of a drainer batch are read once per batch.
  it('reads a setting once per unit of work, afresh in the next, every time outside one, and again after forgetReads', async () => {
    let reads = 0;
    const read = async (): Promise<number> => ++reads;
    await inTransaction(t.ctx, async (tx) => {
      expect(await readOncePerUnitOfWork(tx.db, 'k', read)).toBe(1);
      expect(await inTransaction(tx, (inner) => readOncePerUnitOfWork(inner.db, 'k', read))).toBe(1);
      expect(await readOncePerUnitOfWork(tx.db, 'other', read)).toBe(2);
      forgetReads(tx.db);
      expect(await readOncePerUnitOfWork(tx.db, 'k', read)).toBe(3);
    });
    expect(await inTransaction(t.ctx, (tx) => readOncePerUnitOfWork(tx.db, 'k', read))).toBe(4);
    expect(await readOncePerUnitOfWork(t.ctx.db, 'k', read)).toBe(5);
    expect(await readOncePerUnitOfWork(t.ctx.db, 'k', read)).toBe(6);
  });

  it('dates by a calendar changed earlier in the same unit of work', async () => {
    const f = await seedFixture(t.ctx);
    const j = f.jurisdiction;
    await inTransaction(t.ctx, async (tx) => {
      // A Friday, and no holiday in the packaged calendar.
      expect((await loadWorkingCalendar(tx.db, j)).isWorkingDay('2031-03-07')).toBe(true);
      await upsertCalendarYear(tx.db, {
        jurisdictionId: j.id, year: 2031, updatedAt: '2031-01-01T00:00:00.000Z', updatedBy: f.users.admin,
        data: JSON.stringify({ year: 2031, holidays: ['2031-03-07'], makeupWorkdays: [], source: 'admin' }),
      });
      expect((await loadWorkingCalendar(tx.db, j)).isWorkingDay('2031-03-07')).toBe(false);
    });
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
