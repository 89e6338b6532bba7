import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Operations (issue 13 §5, ADR 0034).
// - outbox.request_id: the id of the HTTP request whose transaction queued the message, so the
//   worker's delivery log line can be joined to the request's own lines. Not personal data (a
//   random UUID); null for messages the worker itself queued (sweeps, monitors).
// - worker_job_beats: when each per-pass worker job last finished, by any worker, so /metrics
//   can show worker lag from the database (right with several workers and web processes).
//   Daily jobs already leave job_runs rows.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('outbox').addColumn('request_id', 'text').execute();
  await db.schema
    .createTable('worker_job_beats')
    .addColumn('job', 'text', (c) => c.primaryKey())
    .addColumn('worker_id', 'text', (c) => c.notNull())
    .addColumn('finished_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_failed_at', t.timestamp)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('worker_job_beats').execute();
  await db.schema.alterTable('outbox').dropColumn('request_id').execute();
}
