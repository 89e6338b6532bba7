import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Where each case is, as keyed blind indexes of its place keys
// (core placeKeys; ADR 0037): unattended intake finds a new appeal's same-building cases of the
// same-incident window through this index instead of reading the window's newest cases and
// unsealing their addresses. Rows older than the window are useless and purged by the worker, so
// the table holds a few days of intake whatever the number of open cases. No foreign key: a
// row naming a deleted case joins to nothing.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('case_places')
    .addColumn('place_bidx', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('case_places_pk', ['place_bidx', 'case_id'])
    .execute();
  await db.schema.createIndex('case_places_lookup_idx').on('case_places').columns(['jurisdiction_id', 'place_bidx', 'created_at']).execute();
  await db.schema.createIndex('case_places_created_idx').on('case_places').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_places').execute();
}
