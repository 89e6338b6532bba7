import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. The scope key of a case (issue 13 §3, ADR 0048): one row for every
// unit whose subtree holds the case, by its lead unit (lead = 1) or a co-handling unit (lead = 0),
// with the case's created_at copied in. A unit's subtree, newest first, is then one range of
// (jurisdiction_id, unit_id, created_at): a district's list reads its page and at most a thousand
// entries for the capped count, where `lead_unit_id IN (its 130 units)` read and sorted every
// case of the district (seconds at 1 M cases). Org units never move (paths are immutable), and a
// case's created_at never changes, so only the lead unit and the co-handling units move the rows.
// Triggers keep them, so every writer (the lifecycle, the demo, bulk loads, tests) stays right.
// The rows are derived, so they go with their case (ON DELETE CASCADE): nothing deletes a case in
// the product today, but tests and a future purge must not trip over them.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('case_scopes')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('lead', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_scopes_pk', ['case_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('case_scopes_unit_created').on('case_scopes').columns(['jurisdiction_id', 'unit_id', 'created_at', 'lead', 'case_id']).execute();
  await fill(db);
  if (postgres) {
    await sql`CREATE FUNCTION case_scopes_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE cid text;
      BEGIN
        IF TG_TABLE_NAME = 'cases' THEN cid := NEW.id; ELSIF TG_OP = 'DELETE' THEN cid := OLD.case_id; ELSE cid := NEW.case_id; END IF;
        ${refresh(sql.raw('cid'), 'ON CONFLICT DO NOTHING')}
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER case_scopes_on_insert AFTER INSERT ON cases FOR EACH ROW WHEN (NEW.lead_unit_id IS NOT NULL) EXECUTE FUNCTION case_scopes_refresh()`.execute(db);
    await sql`CREATE TRIGGER case_scopes_on_lead AFTER UPDATE OF lead_unit_id ON cases FOR EACH ROW WHEN (NEW.lead_unit_id IS DISTINCT FROM OLD.lead_unit_id) EXECUTE FUNCTION case_scopes_refresh()`.execute(db);
    await sql`CREATE TRIGGER case_scopes_on_co_units AFTER INSERT OR DELETE ON case_co_units FOR EACH ROW EXECUTE FUNCTION case_scopes_refresh()`.execute(db);
    return;
  }
  const ignore = 'ON CONFLICT DO NOTHING';
  await sql`CREATE TRIGGER case_scopes_on_insert AFTER INSERT ON cases WHEN NEW.lead_unit_id IS NOT NULL BEGIN ${refresh(sql.raw('NEW.id'), ignore)} END`.execute(db);
  await sql`CREATE TRIGGER case_scopes_on_lead AFTER UPDATE OF lead_unit_id ON cases WHEN NEW.lead_unit_id IS NOT OLD.lead_unit_id BEGIN ${refresh(sql.raw('NEW.id'), ignore)} END`.execute(db);
  await sql`CREATE TRIGGER case_scopes_on_co_insert AFTER INSERT ON case_co_units BEGIN ${refresh(sql.raw('NEW.case_id'), ignore)} END`.execute(db);
  await sql`CREATE TRIGGER case_scopes_on_co_delete AFTER DELETE ON case_co_units BEGIN ${refresh(sql.raw('OLD.case_id'), ignore)} END`.execute(db);
}

/** A unit `a` whose subtree holds unit `u`: u's path starts with a's (paths are /id/id/…/). */
const ANCESTOR = sql.raw('a.jurisdiction_id = u.jurisdiction_id AND substr(u.path, 1, length(a.path)) = a.path');

/**
 * One case's rows again from its lead and co-handling units: the lead's ancestors first, so a
 * unit above both keeps lead = 1 (the co-handling insert skips rows already there). The trailing
 * WHERE true lets SQLite parse an upsert after INSERT … SELECT.
 */
function refresh(caseId: RawBuilder<unknown>, onConflict: string): RawBuilder<unknown> {
  return sql`
    DELETE FROM case_scopes WHERE case_id = ${caseId};
    INSERT INTO case_scopes (case_id, unit_id, jurisdiction_id, created_at, lead)
      SELECT c.id, a.id, c.jurisdiction_id, c.created_at, 1 FROM cases c
        JOIN org_units u ON u.id = c.lead_unit_id JOIN org_units a ON ${ANCESTOR}
       WHERE c.id = ${caseId} AND true ${sql.raw(onConflict)};
    INSERT INTO case_scopes (case_id, unit_id, jurisdiction_id, created_at, lead)
      SELECT c.id, a.id, c.jurisdiction_id, c.created_at, 0 FROM cases c
        JOIN case_co_units cu ON cu.case_id = c.id JOIN org_units u ON u.id = cu.unit_id JOIN org_units a ON ${ANCESTOR}
       WHERE c.id = ${caseId} AND true ${sql.raw(onConflict)};`;
}

/**
 * Every case's rows, for the cases that exist when this runs (the unit pairs built once). Exported
 * for bulk loads that write cases with their triggers off (bench/city): the same rows, in one pass.
 */
export async function fill(db: Kysely<any>): Promise<void> {
  await sql`INSERT INTO case_scopes (case_id, unit_id, jurisdiction_id, created_at, lead)
    WITH pairs AS (SELECT u.id AS unit_id, a.id AS ancestor_id FROM org_units u JOIN org_units a ON ${ANCESTOR})
    SELECT c.id, p.ancestor_id, c.jurisdiction_id, c.created_at, 1 FROM cases c JOIN pairs p ON p.unit_id = c.lead_unit_id`.execute(db);
  await sql`INSERT INTO case_scopes (case_id, unit_id, jurisdiction_id, created_at, lead)
    WITH pairs AS (SELECT u.id AS unit_id, a.id AS ancestor_id FROM org_units u JOIN org_units a ON ${ANCESTOR})
    SELECT DISTINCT c.id, p.ancestor_id, c.jurisdiction_id, c.created_at, 0 FROM case_co_units cu
      JOIN cases c ON c.id = cu.case_id JOIN pairs p ON p.unit_id = cu.unit_id
     WHERE true ON CONFLICT DO NOTHING`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const name of ['case_scopes_on_insert', 'case_scopes_on_lead']) await sql`DROP TRIGGER ${sql.ref(name)}${sql.raw(postgres ? ' ON cases' : '')}`.execute(db);
  if (postgres) {
    await sql`DROP TRIGGER case_scopes_on_co_units ON case_co_units`.execute(db);
    await sql`DROP FUNCTION case_scopes_refresh()`.execute(db);
  } else {
    await sql`DROP TRIGGER case_scopes_on_co_insert`.execute(db);
    await sql`DROP TRIGGER case_scopes_on_co_delete`.execute(db);
  }
  await db.schema.dropTable('case_scopes').execute();
}
