import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. PostgreSQL only: the urgent and emergency cases by jurisdiction, newest
// last (issue 13 §3). A city-wide list filtered by urgency had no index of its own: its capped count
// was a sequential scan reading cases until 1,001 matched (~16,000 cases, 2,100 pages at 10 M
// cases for urgency=urgent), from wherever the previous scan of the table had stopped
// (synchronised scans) and through a ring buffer that keeps none of them: 35–60 ms a count and
// the list's p95 20–68 ms between runs. Partial: the normal cases (94 %) are the list's newest-first
// walk anyway, and the index stays small (the urgent and emergency few). SQLite does not use a
// partial index unless the query repeats its condition, and its lists of urgency stay in bounds.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`CREATE INDEX cases_urgency_created ON cases (jurisdiction_id, urgency, created_at) WHERE urgency IN ('urgent', 'emergency')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`DROP INDEX cases_urgency_created`.execute(db);
}
