import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

// Gauge queries for /metrics. Each reads an index or a small table: a scrape every 15 s from
// each Prometheus must not cost the database anything noticeable at 10 M cases.

/** Contacts (every accepted appeal, call or message) received since `since`: the received_at index. */
export async function countContactsSince(db: Kysely<DB>, since: string): Promise<number> {
  const row = await db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('received_at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface DailyJobState {
  job: string;
  lastFinishedAt: string | null;
  /** An unfinished run that has failed at least once. */
  failing: boolean;
}

export async function dailyJobStates(db: Kysely<DB>): Promise<DailyJobState[]> {
  const rows = await db
    .selectFrom('job_runs')
    .select((eb) => [
      'job',
      eb.fn.max('finished_at').as('last_finished_at'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('finished_at', 'is', null), eb('last_error', 'is not', null)])).then(1).else(0).end()).as('failing'),
    ])
    .groupBy('job')
    .execute();
  return rows.map((r) => ({ job: r.job, lastFinishedAt: r.last_finished_at, failing: Number(r.failing) > 0 }));
}

export async function passJobBeats(db: Kysely<DB>): Promise<Array<{ job: string; finished_at: string; last_failed_at: string | null }>> {
  return db.selectFrom('worker_job_beats').select(['job', 'finished_at', 'last_failed_at']).execute();
}

export interface OutboxState {
  byStatus: Record<'pending' | 'sending' | 'failed', number>;
  /** Pending after at least one failed attempt (waiting out a back-off). */
  retrying: number;
  /** next_attempt_at of the oldest message due now and not yet taken; null when none is. */
  oldestDueAt: string | null;
}

/** `sent` is never counted: it only grows, and the (status, next_attempt_at) index answers the rest. */
export async function outboxState(db: Kysely<DB>, now: string): Promise<OutboxState> {
  const counts = await db.selectFrom('outbox').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).where('status', 'in', ['pending', 'sending', 'failed']).groupBy('status').execute();
  const retrying = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').where('attempts', '>', 0).executeTakeFirstOrThrow();
  const due = await db.selectFrom('outbox').select((eb) => eb.fn.min('next_attempt_at').as('at')).where('status', '=', 'pending').where('next_attempt_at', '<=', now).executeTakeFirstOrThrow();
  const byStatus = { pending: 0, sending: 0, failed: 0 };
  for (const c of counts) if (c.status !== 'sent') byStatus[c.status] = Number(c.n);
  return { byStatus, retrying: Number(retrying.n), oldestDueAt: due.at };
}

/** Lines cold right now: open episodes (at most one a line, a partial unique index). */
export async function countOpenColdLineEpisodes(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('cold_line_episodes').select((eb) => eb.fn.countAll<number>().as('n')).where('ended_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}
