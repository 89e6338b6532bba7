import type { Kysely } from 'kysely';

// Frozen in time: see 0001. The case list at 10 M cases (issue 13 §3, ADR 0039): a list filtered
// by status, lead unit or line is shown newest first, so each of those indexes ends in created_at
// and the page is read straight off the index instead of sorting every matching case (1.6–5 s
// for the busiest unit at 1 M cases before). Each replaces the index it extends, whose lookups
// it serves as well.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_status_created').on('cases').columns(['jurisdiction_id', 'status', 'created_at']).execute();
  await db.schema.dropIndex('cases_status').execute();
  await db.schema.createIndex('cases_lead_unit_created').on('cases').columns(['lead_unit_id', 'created_at']).execute();
  await db.schema.dropIndex('cases_lead_unit').execute();
  await db.schema.createIndex('cases_line_created').on('cases').columns(['line_id', 'created_at']).execute();
  await db.schema.dropIndex('cases_line').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_line').on('cases').column('line_id').execute();
  await db.schema.dropIndex('cases_line_created').execute();
  await db.schema.createIndex('cases_lead_unit').on('cases').column('lead_unit_id').execute();
  await db.schema.dropIndex('cases_lead_unit_created').execute();
  await db.schema.createIndex('cases_status').on('cases').columns(['jurisdiction_id', 'status']).execute();
  await db.schema.dropIndex('cases_status_created').execute();
}
