import { sql, type Kysely } from 'kysely';

// Every count column of stat_daily as of 0021.
const COUNTS = [
  'dispatched', 'returns', 'response_due', 'responded_on_time', 'visits', 'solved', 'satisfied', 'overdue', 'contacts', 'direct_resolved',
  'closures', 'closed_on_time', 'reopened', 'overdue_days', 'extensions', 'supervision_notices', 'arbitrations',
];

// Frozen in time: see 0001. `stat_unit_daily` is `stat_daily` summed over line, case type and
// channel: one row per jurisdiction × local day × unit. Measured at 10 M cases (ADR 0018,
// docs/benchmarks.md), a month of `stat_daily` holds some 220,000 rows for a city, because
// a day's cases scatter over unit × line × type × channel almost one row per cell; the
// per-unit dashboard needs only ~300 rows a day. Kept in the same transaction as `stat_daily`
// by the figures job (`resumDays`), so the two never disagree.
export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable('stat_unit_daily')
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull());
  for (const name of COUNTS) table = table.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint('stat_unit_daily_pk', ['jurisdiction_id', 'day', 'unit_id']).execute();
  // An existing database gets its rows from the rollup it already has.
  const columns = sql.join(COUNTS.map((c) => sql.ref(c)));
  const sums = sql.join(COUNTS.map((c) => sql`sum(${sql.ref(c)})`));
  await sql`INSERT INTO stat_unit_daily (jurisdiction_id, day, unit_id, ${columns})
    SELECT jurisdiction_id, day, unit_id, ${sums} FROM stat_daily GROUP BY jurisdiction_id, day, unit_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stat_unit_daily').execute();
}
