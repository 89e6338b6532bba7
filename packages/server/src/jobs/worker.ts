import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../lib/app-context.js';
import { nowIso } from '../lib/ids.js';
import { deliverDueMessages } from '../modules/outbox/deliver.js';
import type { OutboxProvider } from '../modules/outbox/providers.js';
import { evaluateColdLines } from '../modules/cold-lines/monitor.js';
import { refreshLineCallDays } from '../modules/cold-lines/days.js';
import { refreshFigures } from '../modules/stats/rollup.js';
import { sweepDeadlines } from '../modules/supervision/sweep.js';
import { sweepCallbacks } from '../modules/callbacks/sweep.js';
import { raiseFrequentFlags } from '../modules/caller-flags/sweep.js';
import { sweepPetitions } from '../modules/petitions/expiry.js';
import { sweepPendingAttachments } from '../modules/attachments/sweep.js';
import type { AttachmentStore } from '../modules/attachments/store.js';
import { standardDailyJobs, type DailyJob, type WorkerLogger } from './daily.js';
import { claimRun, failRun, finishRun, recordJobBeats, type JobBeat } from './repository.js';

export type { DailyJob, WorkerLogger } from './daily.js';

const MINUTE_MS = 60_000;
/** A daily job still running after this is presumed dead and may be taken over. */
const LEASE_MS = 60 * MINUTE_MS;
/** A failed daily job is tried again (by any worker) after this, up to MAX_DAILY_ATTEMPTS. */
export const DAILY_RETRY_MS = 15 * MINUTE_MS;
/** A worker that lost a claim asks again after this, in case the winner fails. */
const RECHECK_MS = 10 * MINUTE_MS;
/**
 * The calls-per-day refresh and the cold-line monitor run at most this often: a line's 24 h moves
 * slowly, and at city scale each costs up to a second of a core (docs/benchmarks.md).
 */
export const COLD_LINES_EVERY_MS = MINUTE_MS;
/** The frequent-caller rule counts 30 days of contacts: looking every five minutes is prompt enough. */
export const FREQUENT_CALLERS_EVERY_MS = 5 * MINUTE_MS;

export interface RunningWorker {
  readonly id: string;
  /** Resolves after the pass in progress (if any) has finished. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  provider: OutboxProvider;
  log: WorkerLogger;
  intervalMs: number;
  optimize?: () => Promise<void>;
  /** Replaces the standard daily jobs (tests inject failing or counting ones). */
  dailyJobs?: (workerId: string) => DailyJob[];
  now?: () => Date;
  /** Where attachments are stored: the minute's pass removes uploads a crash left half-stored (ADR 0035). */
  attachmentStore?: AttachmentStore;
  /** Days processed public intake rows are kept (config PUBLIC_INTAKE_KEEP_DAYS; ADR 0037). */
  publicIntakeKeepDays?: number;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The background loop: every interval, the deadline sweep, outbox delivery and the figures
 * refresh, then each daily job whose day has not been run yet. Every job has its own try/catch, so one failure never
 * skips the others. The per-pass jobs coordinate through row claims and the daily ones through
 * `job_runs`, so any number of workers, in-process or standalone, may run at once.
 */
export function startWorker(ctx: AppContext, options: WorkerOptions): RunningWorker {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const clock = options.now ?? (() => new Date());
  const { log } = options;
  const dailyJobs = options.dailyJobs?.(id) ?? standardDailyJobs(ctx, { log, workerId: id, optimize: options.optimize, publicIntakeKeepDays: options.publicIntakeKeepDays });
  // Per job: the day it was last looked at and when to ask the database again, so a worker does
  // not knock on job_runs every few seconds for a day that is already done.
  const nextLook = new Map<string, { period: string; at: number }>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let coldLinesAt = Number.NEGATIVE_INFINITY;
  let frequentAt = Number.NEGATIVE_INFINITY;

  // This pass's per-pass jobs and whether each finished, written once at the end (worker lag in /metrics).
  let beats: JobBeat[] = [];
  const isolated = async <T>(job: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (err) {
      log.error({ err, worker: id, job }, 'worker job failed; the other jobs go on');
      return undefined;
    }
  };
  const perPass = async <T>(job: string, run: () => Promise<T>): Promise<T | undefined> => {
    let ok = true;
    const result = await isolated(job, async () => {
      try {
        return await run();
      } catch (err) {
        ok = false;
        throw err;
      }
    });
    beats.push({ job, ok });
    return result;
  };

  const runDaily = async (job: DailyJob): Promise<void> => {
    const now = clock();
    const period = now.toISOString().slice(0, 10);
    const look = nextLook.get(job.name);
    if (look && look.period === period && now.getTime() < look.at) return;
    const key = { job: job.name, period, workerId: id };
    const claimed = await claimRun(ctx.db, { ...key, now: nowIso(now), leaseUntil: nowIso(new Date(now.getTime() + LEASE_MS)) });
    if (!claimed) {
      nextLook.set(job.name, { period, at: now.getTime() + RECHECK_MS });
      return;
    }
    try {
      await job.run(now);
      await finishRun(ctx.db, { ...key, now: nowIso(clock()) });
      nextLook.set(job.name, { period, at: Number.POSITIVE_INFINITY });
    } catch (err) {
      const retryAt = clock().getTime() + DAILY_RETRY_MS;
      log.error({ err, worker: id, job: job.name }, 'daily job failed; it will be retried');
      await failRun(ctx.db, { ...key, error: errorText(err), retryAt: nowIso(new Date(retryAt)) });
      nextLook.set(job.name, { period, at: retryAt });
    }
  };

  const pass = async (): Promise<void> => {
    // Time-critical work first: a long daily job (retraining) must not delay a due deadline.
    beats = [];
    const supervision = await perPass('supervision-sweep', () => sweepDeadlines(ctx, { now: clock }));
    const callbacks = await perPass('callback-sweep', () => sweepCallbacks(ctx, { now: clock }));
    // Incomplete SMS petitions past their window end with a final reply, sent by this pass's delivery.
    const petitions = await perPass('petition-expiry', () => sweepPetitions(ctx, { now: clock }));
    const outbox = await perPass('outbox', () => deliverDueMessages(ctx, { provider: options.provider, workerId: id, now: clock, log }));
    // The figures follow the events of this pass (overdue ones included) within one interval.
    await perPass('figures', () => refreshFigures(ctx, { now: clock() }));
    // Calls per line and day, then the cold-line monitor on each line's rolling 24 h (issue 10 §4).
    if (clock().getTime() - coldLinesAt >= COLD_LINES_EVERY_MS) {
      coldLinesAt = clock().getTime();
      await perPass('line-call-days', () => refreshLineCallDays(ctx, { now: clock() }));
      await perPass('cold-lines', () => evaluateColdLines(ctx, { now: clock() }));
      const store = options.attachmentStore;
      if (store) await perPass('attachment-sweep', () => sweepPendingAttachments(ctx, store, clock()));
    }
    if (clock().getTime() - frequentAt >= FREQUENT_CALLERS_EVERY_MS) {
      frequentAt = clock().getTime();
      const flags = await perPass('frequent-callers', () => raiseFrequentFlags(ctx, { now: clock() }));
      if (flags && flags.raised > 0) log.info({ worker: id, ...flags }, 'frequent callers flagged');
    }
    const passBeats = beats;
    await isolated('job-beats', () => recordJobBeats(ctx.db, { workerId: id, now: nowIso(clock()), beats: passBeats }));
    const busy = (supervision ? supervision.reminders + supervision.overdue : 0) + (callbacks ? callbacks.reminders + callbacks.overdue : 0) + (outbox ? outbox.sent + outbox.retried + outbox.failed : 0) + (petitions?.expired ?? 0);
    if (busy > 0) log.info({ worker: id, supervision, callbacks, petitions, outbox }, 'worker pass');
    for (const job of dailyJobs) await isolated(job.name, () => runDaily(job));
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(() => {
        running = undefined;
        schedule();
      });
    }, options.intervalMs);
  };
  schedule();

  return {
    id,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
