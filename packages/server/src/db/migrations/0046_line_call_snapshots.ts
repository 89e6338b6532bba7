import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. The public call figures served from the worker (issue 10, ADR 0041):
// - `line_call_snapshots`: each line's rolling 24 h (offered, answered, callbacks, rates, cold) as
//   the worker's cold-line pass last computed it, so the public directory and the answer-rate page
//   read one row per line instead of recomputing the window per request. `figures` is JSON;
//   `computed_at` orders writers (several workers may write; an older result never replaces a
//   newer one) and tells readers how fresh it is.
// - `line_call_thresholds.min_offered`: the fewest calls offered in 24 h before a line can be
//   judged cold; null keeps the default (core DEFAULT_MIN_OFFERED).
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('line_call_snapshots')
    .addColumn('line_id', 'text', (c) => c.primaryKey().references('lines.id'))
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('computed_at', t.timestamp, (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('line_call_snapshots_jurisdiction_idx').on('line_call_snapshots').column('jurisdiction_id').execute();
  await db.schema.alterTable('line_call_thresholds').addColumn('min_offered', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('line_call_thresholds').dropColumn('min_offered').execute();
  await db.schema.dropTable('line_call_snapshots').execute();
}
