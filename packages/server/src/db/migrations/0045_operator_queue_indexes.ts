import { sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. The operator's queues (issue 12 §3: 待派单, 被退回, 待回访) are read
// most pressing first: priority, then the nearest deadline, then the oldest. Each queue gets a
// partial index over only its waiting cases, in that order, so a page is the first rows of the
// index instead of a sort of the whole queue (450–850 ms at 200 k cases), and the queue's count
// is a count of the index. The predicates are written out as the queries write them
// (cases/queue-filter.ts): both databases use a partial index only when the query's own
// condition matches it, so they must not drift apart.
const QUEUES = [
  ['cases_queue_awaiting_dispatch', sql`status IN ('received', 'triaged')`],
  ['cases_queue_returned', sql`status = 'returned' AND awaiting_arbitration = 0`],
  ['cases_queue_awaiting_visit', sql`status = 'replied'`],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, where] of QUEUES) {
    await sql`CREATE INDEX ${sql.ref(name)} ON cases (jurisdiction_id, priority DESC, created_at) WHERE ${where}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of QUEUES) await db.schema.dropIndex(name).execute();
}
