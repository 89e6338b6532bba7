import { sql } from 'kysely';
import type { Database } from '../../packages/server/src/db/database.js';
import { fill } from '../../packages/server/src/db/migrations/0051_case_scopes.js';
import { fill as fillDeadlines } from '../../packages/server/src/db/migrations/0056_case_scope_deadlines.js';

/**
 * The scope key's triggers (migrations 0051 and 0056, ADR 0048 and 0052) would run once per loaded
 * case and deadline; the load turns them off and fills case_scopes in one pass after it, with the
 * migrations' own statements. SQLite has no disabled triggers, so they are dropped and made again
 * from their own SQL.
 */
export async function suspendScopeTriggers(database: Pick<Database, 'db' | 'dialect'>): Promise<Array<{ sql: string }>> {
  if (database.dialect === 'postgres') {
    await sql`ALTER TABLE cases DISABLE TRIGGER USER`.execute(database.db);
    await sql`ALTER TABLE case_deadlines DISABLE TRIGGER USER`.execute(database.db);
    return [];
  }
  const r = await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('cases', 'case_deadlines')`.execute(database.db);
  for (const t of r.rows) await sql`DROP TRIGGER ${sql.ref(t.name)}`.execute(database.db);
  return r.rows;
}

export async function fillScopes(database: Database, triggers: Array<{ sql: string }>): Promise<void> {
  await fill(database.db);
  await fillDeadlines(database.db);
  if (database.dialect === 'postgres') {
    await sql`ALTER TABLE cases ENABLE TRIGGER USER`.execute(database.db);
    await sql`ALTER TABLE case_deadlines ENABLE TRIGGER USER`.execute(database.db);
  }
  for (const t of triggers) await sql.raw(t.sql).execute(database.db);
  // As raw.analyze() did for the bulk tables: statistics, and on PostgreSQL the visibility map.
  await (database.dialect === 'postgres' ? sql`VACUUM (ANALYZE) case_scopes` : sql`ANALYZE case_scopes`).execute(database.db);
}
