import { sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. A callback task of a line nobody owns, with no unit named for its
// callbacks, was opened with neither an assignee nor a unit: it sat in nobody's queue and reminded
// nobody until it went overdue (the demo's 12345 hotline did this with every missed call). Such
// lines' tasks now go to the hotline centre (core callbackWorkers); the open ones already filed go
// there too, to the jurisdiction's first centre unit by path, as new tasks do. Closed tasks keep
// what they were closed with. Down leaves them: which were orphans is not recorded.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE callback_tasks SET unit_id = (
      SELECT c.id FROM org_units c WHERE c.jurisdiction_id = callback_tasks.jurisdiction_id AND c.kind = 'centre' ORDER BY c.path LIMIT 1)
    WHERE status = 'open' AND unit_id IS NULL AND assignee_user_id IS NULL`.execute(db);
}

export async function down(): Promise<void> {}
