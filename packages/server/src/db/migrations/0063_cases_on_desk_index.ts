import { sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. The handler's workbench counted (issue 13 §3, ADR 0069): its list is
// a unit's cases with the unit (lead, subtree) in an open with-department status (dispatched,
// accepted, in progress), and its capped count probed each of the unit's newest 2,000 cases by
// primary key for its status (1,632 probes, 6,600 buffers for the busiest unit at 1 M cases,
// and ~100 ms over HTTP at 10 M). The cases on a desk, by lead unit and status, are a tenth of
// the cases: counted off this index alone, a page of entries per 1,001 counted. The statuses are
// spelled as literals, as the count spells them, so SQLite takes the partial index (it matches
// the index's WHERE term by term) and PostgreSQL proves it from the query.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX cases_on_desk ON cases (jurisdiction_id, lead_unit_id, status, created_at)
    WHERE status IN ('dispatched', 'accepted', 'in_progress')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_on_desk').execute();
}
