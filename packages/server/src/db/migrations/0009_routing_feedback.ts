import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. What the router suggested at each dispatch and what the operator
// chose, to measure the dispatch-correction rate per model version.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('routing_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('model_id', 'text', (c) => c.notNull().references('routing_models.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('suggested_unit_id', 'text', (c) => c.notNull())
    .addColumn('chosen_unit_id', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('routing_feedback_model').on('routing_feedback').column('model_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('routing_feedback').execute();
}
