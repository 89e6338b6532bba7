import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. The unit a case's own words named, kept as a suggestion for the
// operator who dispatches it (issue 11, ADR 0044): an SMS petition names the unit petitioned.
// A table of its own rather than columns on `cases`: few cases have one, and the hot table
// stays as it is. One suggestion per case; `source` says where it came from ('petition').
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('case_unit_suggestions')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('matched', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}
