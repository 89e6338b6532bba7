import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. The cold-line monitor (issue 10 §4, ADR 0021):
// - `line_call_thresholds`: a line's own limits, when an admin set them (no row = GB/T
//   33358-2016 defaults); rates in basis points (integers), so 95 % is exactly 9500 on both
//   databases rather than a float that prints 0.949999988;
// - `cold_line_episodes`: one row per time a line went cold; the partial unique index lets a
//   line have at most one open episode, so two workers can never alert twice for one drop;
// - `line_call_days`: each line's calls per local day (offered, picked up, within 15 s, missed
//   calls called back within 1 h), recomputed by the worker for the days whose calls changed;
//   month figures are sums of ≤ 31 rows per line;
// - an index on call_records.updated_at: how the worker finds the days whose calls changed.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('line_call_thresholds')
    .addColumn('line_id', 'text', (c) => c.primaryKey().references('lines.id'))
    .addColumn('answer_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('prompt_seconds', 'integer', (c) => c.notNull())
    .addColumn('prompt_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cold_line_episodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('line_id', 'text', (c) => c.notNull().references('lines.id'))
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('ended_at', t.timestamp)
    .addColumn('start_figures', 'text', (c) => c.notNull())
    .addColumn('end_figures', 'text')
    .execute();
  await db.schema.createIndex('cold_line_episodes_open_uq').on('cold_line_episodes').column('line_id').unique().where(sql.ref('ended_at'), 'is', null).execute();
  await db.schema.createIndex('cold_line_episodes_line_idx').on('cold_line_episodes').columns(['line_id', 'started_at']).execute();

  await db.schema
    .createTable('line_call_days')
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('line_id', 'text', (c) => c.notNull().references('lines.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('offered', 'integer', (c) => c.notNull())
    .addColumn('picked_up', 'integer', (c) => c.notNull())
    .addColumn('within_15s', 'integer', (c) => c.notNull())
    .addColumn('called_back', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('line_call_days_pk', ['line_id', 'day'])
    .execute();
  await db.schema.createIndex('line_call_days_day_idx').on('line_call_days').columns(['jurisdiction_id', 'day']).execute();

  await db.schema.createIndex('call_records_updated_idx').on('call_records').column('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('call_records_updated_idx').execute();
  await db.schema.dropTable('line_call_days').execute();
  await db.schema.dropTable('cold_line_episodes').execute();
  await db.schema.dropTable('line_call_thresholds').execute();
}
