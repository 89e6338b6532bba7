import type { Kysely } from 'kysely';

// Frozen in time: see 0001. A district's dashboard broken down by case type, channel or line
// still sums `stat_daily` for its units (ADR 0018), and the key leads with the day, so the
// query walked the whole city's month (~220,000 rows at 10 M cases) to keep a district's
// ~23,000. Leading with the unit lets it read only its own rows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('stat_daily_unit_day_idx').on('stat_daily').columns(['jurisdiction_id', 'unit_id', 'day']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('stat_daily_unit_day_idx').execute();
}
