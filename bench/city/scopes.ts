import { sql } from 'kysely';
import type { Database } from '../../packages/server/src/db/database.js';

/**
 * The scope key's triggers (migrations 0051 and 0056, ADR 0048 and 0052) would run once per loaded
 * case and deadline, each a join over the org tree; the generator writes the very rows they would
 * (see scopeUnits) beside each case instead and turns them off for the load. SQLite has no
 * disabled triggers, so they are dropped and made again from their own SQL.
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

export async function restoreScopeTriggers(database: Database, triggers: Array<{ sql: string }>): Promise<void> {
  if (database.dialect === 'postgres') {
    await sql`ALTER TABLE cases ENABLE TRIGGER USER`.execute(database.db);
    await sql`ALTER TABLE case_deadlines ENABLE TRIGGER USER`.execute(database.db);
  }
  for (const t of triggers) await sql.raw(t.sql).execute(database.db);
}

/**
 * For each of `unitIds`, the units whose subtree holds it, itself included: the pairs 0051's
 * statements join on (same jurisdiction, the unit's path starts with the ancestor's), read from
 * the database so the rows are those the triggers would write.
 */
export async function scopeUnits(database: Pick<Database, 'db'>, unitIds: string[]): Promise<string[][]> {
  const r = await sql<{ unit_id: string; ancestor_id: string }>`SELECT u.id AS unit_id, a.id AS ancestor_id FROM org_units u
    JOIN org_units a ON a.jurisdiction_id = u.jurisdiction_id AND substr(u.path, 1, length(a.path)) = a.path
    ORDER BY u.id, a.path`.execute(database.db);
  const byUnit = new Map<string, string[]>();
  for (const row of r.rows) byUnit.set(row.unit_id, [...(byUnit.get(row.unit_id) ?? []), row.ancestor_id]);
  return unitIds.map((id) => byUnit.get(id) ?? []);
}
