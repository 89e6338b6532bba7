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
