import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import * as scopes0051 from './0051_case_scopes.js';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. The handler's workbench in deadline order (issue 13 §3, ADR 0052):
// each scope row also carries its case's next running deadline (`due_at`, the earliest neither
// met nor cancelled) and whether the case is still on someone's desk (`active`: its status is
// not closed, merged or invalid, or a deadline of it still runs). A partial index of the active
// rows, in the list's deadline order, makes a unit's workbench one index range read up to its
// page, where the list read and sorted every open case of the subtree (2.5 s on PostgreSQL for
// the busiest unit at 1 M cases).
//
// Kept by triggers, as 0051's rows are: the rows are written again with both columns when the
// lead or co-handling units move (0051's triggers, redefined here), and brought up to date when a
// deadline is written, met, cancelled or moved, and when the status enters or leaves the done and
// side statuses (close, merge, invalidate, reopen, restore).

/** The statuses that end a case's handling (core's done and side categories), frozen. */
const ENDED = sql.raw(`('closed', 'merged', 'invalid')`);

/** One case's next running deadline and whether it is active, as a derived table `k`. */
function caseDue(caseId: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(SELECT c.id, c.jurisdiction_id, c.created_at, d.due,
      CASE WHEN c.status NOT IN ${ENDED} OR d.due IS NOT NULL THEN 1 ELSE 0 END AS active
    FROM cases c LEFT JOIN (SELECT min(due_at) AS due FROM case_deadlines
      WHERE case_id = ${caseId} AND met_at IS NULL AND cancelled_at IS NULL) d ON true
    WHERE c.id = ${caseId}) k`;
}

/** A unit `a` whose subtree holds unit `u`: u's path starts with a's (paths are /id/id/…/). */
const ANCESTOR = sql.raw('a.jurisdiction_id = u.jurisdiction_id AND substr(u.path, 1, length(a.path)) = a.path');

/**
 * One case's rows again from its lead and co-handling units (0051's refresh, now writing the
 * deadline columns too): the lead's ancestors first, so a unit above both keeps lead = 1. The
 * trailing WHERE true lets SQLite parse an upsert after INSERT … SELECT.
 */
function refresh(caseId: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    DELETE FROM case_scopes WHERE case_id = ${caseId};
    INSERT INTO case_scopes (case_id, unit_id, jurisdiction_id, created_at, lead, due_at, active)
      SELECT k.id, a.id, k.jurisdiction_id, k.created_at, 1, k.due, k.active FROM ${caseDue(caseId)}
        JOIN cases c ON c.id = k.id JOIN org_units u ON u.id = c.lead_unit_id JOIN org_units a ON ${ANCESTOR}
       WHERE true ON CONFLICT DO NOTHING;
    INSERT INTO case_scopes (case_id, unit_id, jurisdiction_id, created_at, lead, due_at, active)
      SELECT k.id, a.id, k.jurisdiction_id, k.created_at, 0, k.due, k.active FROM ${caseDue(caseId)}
        JOIN case_co_units cu ON cu.case_id = k.id JOIN org_units u ON u.id = cu.unit_id JOIN org_units a ON ${ANCESTOR}
       WHERE true ON CONFLICT DO NOTHING;`;
}

/** The case's rows brought to its deadlines and status; rows already right are not written. */
function retime(caseId: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    UPDATE case_scopes SET due_at = k.due, active = k.active FROM ${caseDue(caseId)}
     WHERE case_scopes.case_id = k.id AND (case_scopes.due_at IS DISTINCT FROM k.due OR case_scopes.active <> k.active);`;
}

/** Whether a status ends the case's handling, for the status trigger's condition. */
const ended = (status: string): string => `(${status} IN ('closed', 'merged', 'invalid'))`;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('case_scopes').addColumn('due_at', t.timestamp).execute();
  await db.schema.alterTable('case_scopes').addColumn('active', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await fill(db);
  // The deadline order of a list: a running deadline first, the nearest first; then newest first.
  // SQLite puts NULLs first in an ascending index, so `due_at IS NULL` leads (PostgreSQL reads it alike).
  await sql`CREATE INDEX case_scopes_unit_due ON case_scopes
    (jurisdiction_id, unit_id, (due_at IS NULL), due_at, created_at DESC, lead, case_id) WHERE active = 1`.execute(db);
  if (postgres) {
    await sql`CREATE OR REPLACE FUNCTION case_scopes_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE cid text;
      BEGIN
        IF TG_TABLE_NAME = 'cases' THEN cid := NEW.id; ELSIF TG_OP = 'DELETE' THEN cid := OLD.case_id; ELSE cid := NEW.case_id; END IF;
        ${refresh(sql.raw('cid'))}
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE FUNCTION case_scopes_retime() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE cid text;
      BEGIN
        IF TG_TABLE_NAME = 'cases' THEN cid := NEW.id; ELSIF TG_OP = 'DELETE' THEN cid := OLD.case_id; ELSE cid := NEW.case_id; END IF;
        ${retime(sql.raw('cid'))}
        -- Nested: plpgsql resolves OLD.case_id only on a deadline's update (cases have no such field).
        IF TG_TABLE_NAME = 'case_deadlines' AND TG_OP = 'UPDATE' THEN
          IF OLD.case_id IS DISTINCT FROM NEW.case_id THEN
            cid := OLD.case_id;
            ${retime(sql.raw('cid'))}
          END IF;
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER case_scopes_on_deadlines AFTER INSERT OR DELETE OR UPDATE OF case_id, due_at, met_at, cancelled_at ON case_deadlines
      FOR EACH ROW EXECUTE FUNCTION case_scopes_retime()`.execute(db);
    await sql`CREATE TRIGGER case_scopes_on_status AFTER UPDATE OF status ON cases FOR EACH ROW
      WHEN (${sql.raw(ended('OLD.status'))} IS DISTINCT FROM ${sql.raw(ended('NEW.status'))}) EXECUTE FUNCTION case_scopes_retime()`.execute(db);
    return;
  }
  for (const name of ['case_scopes_on_insert', 'case_scopes_on_lead', 'case_scopes_on_co_insert', 'case_scopes_on_co_delete']) {
    await sql`DROP TRIGGER ${sql.ref(name)}`.execute(db);
  }
  await sql`CREATE TRIGGER case_scopes_on_insert AFTER INSERT ON cases WHEN NEW.lead_unit_id IS NOT NULL BEGIN ${refresh(sql.raw('NEW.id'))} END`.execute(db);
  await sql`CREATE TRIGGER case_scopes_on_lead AFTER UPDATE OF lead_unit_id ON cases WHEN NEW.lead_unit_id IS NOT OLD.lead_unit_id BEGIN ${refresh(sql.raw('NEW.id'))} END`.execute(db);
  await sql`CREATE TRIGGER case_scopes_on_co_insert AFTER INSERT ON case_co_units BEGIN ${refresh(sql.raw('NEW.case_id'))} END`.execute(db);
  await sql`CREATE TRIGGER case_scopes_on_co_delete AFTER DELETE ON case_co_units BEGIN ${refresh(sql.raw('OLD.case_id'))} END`.execute(db);
  await sql`CREATE TRIGGER case_scopes_on_status AFTER UPDATE OF status ON cases
    WHEN ${sql.raw(ended('OLD.status'))} IS NOT ${sql.raw(ended('NEW.status'))} BEGIN ${retime(sql.raw('NEW.id'))} END`.execute(db);
  await sql`CREATE TRIGGER case_scopes_on_deadline_insert AFTER INSERT ON case_deadlines BEGIN ${retime(sql.raw('NEW.case_id'))} END`.execute(db);
  await sql`CREATE TRIGGER case_scopes_on_deadline_update AFTER UPDATE OF case_id, due_at, met_at, cancelled_at ON case_deadlines
    BEGIN ${retime(sql.raw('NEW.case_id'))} ${retime(sql.raw('OLD.case_id'))} END`.execute(db);
  await sql`CREATE TRIGGER case_scopes_on_deadline_delete AFTER DELETE ON case_deadlines BEGIN ${retime(sql.raw('OLD.case_id'))} END`.execute(db);
}

/**
 * Every row's deadline columns, for the rows that exist when this runs: only the rows of cases
 * still active are written (the columns' defaults are right for the rest). Exported for bulk loads
 * that write cases and deadlines with their triggers off (bench/city), after 0051's fill.
 */
export async function fill(db: Kysely<any>): Promise<void> {
  await sql`UPDATE case_scopes SET due_at = k.due, active = 1
    FROM (SELECT c.id, (SELECT min(d.due_at) FROM case_deadlines d WHERE d.case_id = c.id AND d.met_at IS NULL AND d.cancelled_at IS NULL) AS due
            FROM cases c WHERE c.status NOT IN ${ENDED} AND c.lead_unit_id IS NOT NULL) k
   WHERE case_scopes.case_id = k.id`.execute(db);
  // An ended case whose deadline still runs (none, if every writer stops them) stays on the desk.
  await sql`UPDATE case_scopes SET due_at = k.due, active = 1
    FROM (SELECT d.case_id AS id, min(d.due_at) AS due FROM case_deadlines d JOIN cases c ON c.id = d.case_id
           WHERE d.met_at IS NULL AND d.cancelled_at IS NULL AND c.status IN ${ENDED} GROUP BY d.case_id) k
   WHERE case_scopes.case_id = k.id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`DROP TRIGGER case_scopes_on_deadlines ON case_deadlines`.execute(db);
    await sql`DROP TRIGGER case_scopes_on_status ON cases`.execute(db);
    await sql`DROP FUNCTION case_scopes_retime()`.execute(db);
  } else {
    for (const name of ['case_scopes_on_status', 'case_scopes_on_deadline_insert', 'case_scopes_on_deadline_update', 'case_scopes_on_deadline_delete']) {
      await sql`DROP TRIGGER ${sql.ref(name)}`.execute(db);
    }
  }
  // The scope triggers now write the new columns: the table, its triggers and rows are made again
  // exactly as 0051 made them (rare, and derived data).
  await scopes0051.down(db);
  await scopes0051.up(db);
}
