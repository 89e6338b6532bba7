import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Every count column of stat_daily as of 0021.
const COUNTS = [
  'dispatched', 'returns', 'response_due', 'responded_on_time', 'visits', 'solved', 'satisfied', 'overdue', 'contacts', 'direct_resolved',
  'closures', 'closed_on_time', 'reopened', 'overdue_days', 'extensions', 'supervision_notices', 'arbitrations',
];

// Frozen in time: see 0001. Two narrower sums of `stat_daily` (ADR 0018). Measured at 10 M
// cases (docs/benchmarks.md), a month of `stat_daily` holds some 220,000 rows for a city,
// because a day's cases scatter over unit × line × type × channel almost one row per cell, and
// a city's month dashboard took seconds. The questions the dashboards ask need fewer keys:
// - `stat_unit_daily`: summed over line, type and channel (jurisdiction × day × unit; ~350
//   rows a day): figures by unit and by period for any scope;
// - `stat_scope_daily`: summed over the units (jurisdiction × day × line × type × channel;
//   at most ~1,000 rows a day): the whole jurisdiction's figures by line, type or channel.
// Kept in the same transaction as `stat_daily` by the figures job (`resumDays`).
export async function up(db: Kysely<any>): Promise<void> {
  const columns = sql.join(COUNTS.map((c) => sql.ref(c)));
  const sums = sql.join(COUNTS.map((c) => sql`sum(${sql.ref(c)})`));
  for (const [name, keys] of [
    ['stat_unit_daily', ['jurisdiction_id', 'day', 'unit_id']],
    ['stat_scope_daily', ['jurisdiction_id', 'day', 'line_id', 'case_type', 'channel']],
  ] as const) {
    // Columns added in a loop: the builder is typed by name, as the key list is.
    let table: CreateTableBuilder<string, string> = db.schema.createTable(name);
    for (const key of keys) table = table.addColumn(key, 'text', (c) => c.notNull());
    for (const count of COUNTS) table = table.addColumn(count, 'integer', (c) => c.notNull().defaultTo(0));
    await table.addPrimaryKeyConstraint(`${name}_pk`, [...keys]).execute();
    // An existing database gets its rows from the rollup it already has.
    const keyList = sql.join(keys.map((k) => sql.ref(k)));
    await sql`INSERT INTO ${sql.table(name)} (${keyList}, ${columns}) SELECT ${keyList}, ${sums} FROM stat_daily GROUP BY ${keyList}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stat_scope_daily').execute();
  await db.schema.dropTable('stat_unit_daily').execute();
}
