import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Versioned routing models trained on a jurisdiction's own history.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('routing_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('metrics', 'text', (c) => c.notNull())
    .addColumn('trained_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('routing_models_version', ['jurisdiction_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('routing_models').execute();
}
