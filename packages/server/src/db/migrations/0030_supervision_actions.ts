import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Supervision that acts (issue 12 §1, ADR 0024).
//
// 1. Tiered escalation: a deadline that stays overdue is escalated to the unit's leadership and
//    then the city office, each once. The deadline row carries how far it has climbed and when the
//    next tier is due; the sweep claims a tier with a conditional UPDATE on the level, like the
//    reminder and overdue claims. Deadlines already overdue stay at the first tier (no burst of
//    notices on upgrade).
// 2. A notice per tier: supervision_notices was unique on deadline_id (one notice per deadline);
//    it becomes unique on (deadline_id, tier). SQLite cannot drop a column's UNIQUE, so the table
//    is rebuilt on both databases alike (nothing references it).
// 3. Supervision orders (督办单 issued by hand), with their own deadline and the unit's answer.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema.alterTable('case_deadlines').addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('case_deadlines').addColumn('next_escalation_at', t.timestamp).execute();
  await db.updateTable('case_deadlines').set({ escalation_level: 1 }).where('overdue_at', 'is not', null).execute();
  await db.schema.createIndex('case_deadlines_escalation').on('case_deadlines').columns(['next_escalation_at']).execute();

  await db.schema
    .createTable('supervision_notices_v2')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('deadline_id', 'text', (c) => c.notNull().references('case_deadlines.id'))
    .addColumn('tier', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('unit_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('acknowledged_at', t.timestamp)
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('supervision_notices_deadline_tier', ['deadline_id', 'tier'])
    .execute();
  await sql`INSERT INTO supervision_notices_v2 (id, jurisdiction_id, case_id, deadline_id, tier, unit_id, kind, message, created_at, acknowledged_at, acknowledged_by)
    SELECT id, jurisdiction_id, case_id, deadline_id, 1, unit_id, kind, message, created_at, acknowledged_at, acknowledged_by FROM supervision_notices`.execute(db);
  await db.schema.dropTable('supervision_notices').execute();
  await db.schema.alterTable('supervision_notices_v2').renameTo('supervision_notices').execute();
  await db.schema.createIndex('supervision_notices_case').on('supervision_notices').column('case_id').execute();
  // The unit's open notices ("awaiting the unit's reply").
  await db.schema.createIndex('supervision_notices_unit_open').on('supervision_notices').columns(['unit_id', 'acknowledged_at']).execute();

  await db.schema
    .createTable('supervision_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    /** The unit that owes the answer: the lead unit when the order was issued. */
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('instruction', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('issued_at', t.timestamp, (c) => c.notNull())
    .addColumn('due_at', t.timestamp, (c) => c.notNull())
    .addColumn('answer_text', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('answered_at', t.timestamp)
    .addColumn('close_note', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('closed_at', t.timestamp)
    /** Claimed once by the sweep when the due time passes unanswered. */
    .addColumn('overdue_at', t.timestamp)
    .execute();
  await db.schema.createIndex('supervision_orders_case').on('supervision_orders').columns(['case_id', 'status']).execute();
  // One live order per case, also when two supervisors issue at once (the loser gets 409).
  await sql`CREATE UNIQUE INDEX supervision_orders_one_live ON supervision_orders (case_id) WHERE status <> 'closed'`.execute(db);
  await db.schema.createIndex('supervision_orders_status').on('supervision_orders').columns(['jurisdiction_id', 'status', 'issued_at']).execute();
  await db.schema.createIndex('supervision_orders_due').on('supervision_orders').columns(['overdue_at', 'due_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_orders').execute();
  await db.deleteFrom('supervision_notices').where('tier', '>', 1).execute();
  await db.schema
    .createTable('supervision_notices_v1')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('deadline_id', 'text', (c) => c.notNull().references('case_deadlines.id').unique())
    .addColumn('unit_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', columnTypes(db).timestamp, (c) => c.notNull())
    .addColumn('acknowledged_at', columnTypes(db).timestamp)
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .execute();
  await sql`INSERT INTO supervision_notices_v1 SELECT id, jurisdiction_id, case_id, deadline_id, unit_id, kind, message, created_at, acknowledged_at, acknowledged_by FROM supervision_notices`.execute(db);
  await db.schema.dropTable('supervision_notices').execute();
  await db.schema.alterTable('supervision_notices_v1').renameTo('supervision_notices').execute();
  await db.schema.createIndex('supervision_notices_case').on('supervision_notices').column('case_id').execute();
  await db.schema.dropIndex('case_deadlines_escalation').execute();
  await db.schema.alterTable('case_deadlines').dropColumn('next_escalation_at').execute();
  await db.schema.alterTable('case_deadlines').dropColumn('escalation_level').execute();
}
