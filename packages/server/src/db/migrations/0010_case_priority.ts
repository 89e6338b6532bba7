import type { Kysely } from 'kysely';

// Frozen in time: see 0001. The fairness priority (core/priority) kept on the case so queues can
// sort by it; recomputed when its inputs change and daily as cases age.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('priority', 'real', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('cases_priority').on('cases').columns(['jurisdiction_id', 'priority']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_priority').execute();
  await db.schema.alterTable('cases').dropColumn('priority').execute();
}
