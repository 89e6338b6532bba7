import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** How many times one day's run of a job is tried before the day is given up. */
export const MAX_DAILY_ATTEMPTS = 3;

export interface RunKey {
  job: string;
  period: string;
  workerId: string;
}

/**
 * Claims the day's run of a job: the first worker inserts the row; later, an unfinished run
 * whose lease has passed (its worker died, or the job failed and asked to be retried) is taken
 * over by a conditional UPDATE. Either statement succeeds for exactly one worker.
 */
export async function claimRun(db: Kysely<DB>, key: RunKey & { now: string; leaseUntil: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('job_runs')
    .values({ job: key.job, period: key.period, worker_id: key.workerId, started_at: key.now, lease_until: key.leaseUntil })
    .onConflict((oc) => oc.columns(['job', 'period']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
  const taken = await db
    .updateTable('job_runs')
    .set((eb) => ({ worker_id: key.workerId, started_at: key.now, lease_until: key.leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('job', '=', key.job)
    .where('period', '=', key.period)
    .where('finished_at', 'is', null)
    .where('lease_until', '<=', key.now)
    .where('attempts', '<', MAX_DAILY_ATTEMPTS)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

export async function finishRun(db: Kysely<DB>, key: RunKey & { now: string }): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ finished_at: key.now, last_error: null })
    .where('job', '=', key.job)
    .where('period', '=', key.period)
    .where('worker_id', '=', key.workerId)
    .execute();
}

/** Keeps the error and releases the claim at `retryAt`, when any worker may try again. */
export async function failRun(db: Kysely<DB>, key: RunKey & { error: string; retryAt: string }): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({ last_error: key.error.slice(0, 2000), lease_until: key.retryAt })
    .where('job', '=', key.job)
    .where('period', '=', key.period)
    .where('worker_id', '=', key.workerId)
    .execute();
}

export async function deleteRunsBefore(db: Kysely<DB>, period: string): Promise<number> {
  const result = await db.deleteFrom('job_runs').where('period', '<', period).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface JobBeat {
  job: string;
  /** false: the job threw in this pass (its last success stays as it was). */
  ok: boolean;
}

/**
 * Records one pass's per-pass jobs in one statement: a success moves finished_at, a failure
 * only last_failed_at, so /metrics can tell "behind" (old finished_at) from "failing".
 */
export async function recordJobBeats(db: Kysely<DB>, options: { workerId: string; now: string; beats: JobBeat[] }): Promise<void> {
  if (options.beats.length === 0) return;
  await db
    .insertInto('worker_job_beats')
    .values(options.beats.map((b) => ({
      job: b.job,
      worker_id: options.workerId,
      // A job that has never succeeded starts at the epoch, so its lag is plainly huge.
      finished_at: b.ok ? options.now : '1970-01-01T00:00:00.000Z',
      last_failed_at: b.ok ? null : options.now,
    })))
    .onConflict((oc) =>
      oc.column('job').doUpdateSet((eb) => ({
        worker_id: eb.ref('excluded.worker_id'),
        // Keep the earlier success when this pass failed; keep the earlier failure when it succeeded.
        finished_at: eb.case().when(eb.ref('excluded.last_failed_at'), 'is', null).then(eb.ref('excluded.finished_at')).else(eb.ref('worker_job_beats.finished_at')).end(),
        last_failed_at: eb.fn.coalesce(eb.ref('excluded.last_failed_at'), eb.ref('worker_job_beats.last_failed_at')),
      })),
    )
    .execute();
}
