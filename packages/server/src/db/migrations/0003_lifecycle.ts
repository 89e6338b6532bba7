import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. The lifecycle: what the status machine writes, deadlines the
// supervision worker sweeps, supervision notices, and each jurisdiction's calendar and policy.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  // SQLite adds one column per ALTER TABLE statement.
  const caseColumns: Array<[string, string, (c: any) => any]> = [
    ['version', 'integer', (c) => c.notNull().defaultTo(0)],
    ['bounce_count', 'integer', (c) => c.notNull().defaultTo(0)],
    ['awaiting_arbitration', 'integer', (c) => c.notNull().defaultTo(0)],
    ['pending_extension_days', 'integer', (c) => c],
    ['pending_extension_reason', 'text', (c) => c],
    ['dispatched_at', t.timestamp, (c) => c],
    ['contacted_at', t.timestamp, (c) => c],
    ['replied_at', t.timestamp, (c) => c],
    ['reply_text', 'text', (c) => c],
    ['visit_solved', 'integer', (c) => c],
    ['visit_satisfaction', 'text', (c) => c],
    ['visit_comment', 'text', (c) => c],
    ['visited_at', t.timestamp, (c) => c],
    ['closed_at', t.timestamp, (c) => c],
    ['closed_at_intake', 'integer', (c) => c.notNull().defaultTo(0)],
    ['invalid_reason', 'text', (c) => c],
    ['parent_id', 'text', (c) => c.references('cases.id')],
  ];
  for (const [name, type, build] of caseColumns) {
    await db.schema.alterTable('cases').addColumn(name, type as 'text', build).execute();
  }
  await db.schema.createIndex('cases_parent').on('cases').column('parent_id').execute();
  await db.schema.createIndex('cases_status').on('cases').columns(['jurisdiction_id', 'status']).execute();

  await db.schema
    .createTable('case_co_units')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addPrimaryKeyConstraint('case_co_units_pk', ['case_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('case_co_units_unit').on('case_co_units').column('unit_id').execute();

  await db.schema
    .createTable('case_deadlines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('unit_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('starts_at', t.timestamp, (c) => c.notNull())
    .addColumn('due_at', t.timestamp, (c) => c.notNull())
    .addColumn('remind_at', t.timestamp, (c) => c.notNull())
    .addColumn('reminded_at', t.timestamp)
    .addColumn('overdue_at', t.timestamp)
    .addColumn('met_at', t.timestamp)
    .addColumn('cancelled_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_deadlines_case').on('case_deadlines').columns(['case_id', 'kind']).execute();
  // The sweeper's two questions: which reminders are due, which deadlines have passed.
  await db.schema.createIndex('case_deadlines_remind').on('case_deadlines').columns(['reminded_at', 'remind_at']).execute();
  await db.schema.createIndex('case_deadlines_due').on('case_deadlines').columns(['overdue_at', 'due_at']).execute();

  await db.schema
    .createTable('supervision_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('deadline_id', 'text', (c) => c.notNull().references('case_deadlines.id').unique())
    .addColumn('unit_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('acknowledged_at', t.timestamp)
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('supervision_notices_case').on('supervision_notices').column('case_id').execute();

  await db.schema
    .createTable('calendar_years')
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('calendar_years_pk', ['jurisdiction_id', 'year'])
    .execute();

  await db.schema
    .createTable('deadline_policies')
    .addColumn('jurisdiction_id', 'text', (c) => c.primaryKey().references('jurisdictions.id'))
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['deadline_policies', 'calendar_years', 'supervision_notices', 'case_deadlines', 'case_co_units']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('cases_status').execute();
  await db.schema.dropIndex('cases_parent').execute();
  for (const name of ['parent_id', 'invalid_reason', 'closed_at_intake', 'closed_at', 'visited_at', 'visit_comment', 'visit_satisfaction',
    'visit_solved', 'reply_text', 'replied_at', 'contacted_at', 'dispatched_at', 'pending_extension_reason', 'pending_extension_days',
    'awaiting_arbitration', 'bounce_count', 'version']) {
    await db.schema.alterTable('cases').dropColumn(name).execute();
  }
}
