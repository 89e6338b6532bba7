import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';

/**
 * The plan of a compiled query, as text (parameters inlined): `EXPLAIN QUERY PLAN` on SQLite,
 * `EXPLAIN` on PostgreSQL with sequential scans (and, with `noSort`, sorts) forbidden, because
 * a test's tiny tables would be read whole and say nothing about the indexes a large one may use.
 */
export async function queryPlan(
  db: Kysely<DB>,
  dialect: 'sqlite' | 'postgres',
  query: { sql: string; parameters: readonly unknown[] },
  o: { noSort?: boolean } = {},
): Promise<string> {
  const inline = (marker: RegExp): string => {
    let i = 0;
    return query.sql.replace(marker, (m: string) => {
      const v = query.parameters[m === '?' ? i++ : Number(m.slice(1)) - 1];
      return typeof v === 'number' ? String(v) : `'${String(v)}'`;
    });
  };
  if (dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      if (o.noSort) await sql`SET LOCAL enable_sort = off`.execute(trx);
      const rows = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN ${inline(/\$\d+/g)}`).execute(trx);
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }
  const rows = await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${inline(/\?/g)}`).execute(db);
  return rows.rows.map((r) => r.detail).join('\n');
}
