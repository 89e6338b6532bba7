import type { AppContext } from '../lib/app-context.js';
import { jurisdictionCalendarWarnings } from '../modules/calendar/warnings.js';
import { refreshOpenPriorities } from '../modules/priority/recompute.js';
import { retrainAllCategoryModels } from '../modules/categories/learned/train.js';
import { retrainAllRouters } from '../modules/routing/schedule.js';
import { purgeExpiredRows } from './purge.js';
import { DEFAULT_PUBLIC_INTAKE_KEEP_DAYS, purgePublicIntake } from '../modules/public-intake/purge.js';

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A job that runs once a day across all workers; `name` is its claim key in `job_runs`. */
export interface DailyJob {
  readonly name: string;
  run(now: Date): Promise<void>;
}

/** The standard daily jobs. Each is claimed and run on its own: one failing never skips another. */
export function standardDailyJobs(
  ctx: AppContext,
  options: { log: WorkerLogger; workerId: string; optimize?: (() => Promise<void>) | undefined; publicIntakeKeepDays?: number | undefined },
): DailyJob[] {
  const { log, workerId: worker } = options;
  const jobs: DailyJob[] = [
    {
      // A missing calendar year makes every deadline in it wrong, so say so loudly.
      name: 'calendar-warnings',
      run: async (now) => {
        for (const w of await jurisdictionCalendarWarnings(ctx, now)) {
          log.warn({ worker, ...w }, 'working calendar incomplete: an admin should load the missing year (Admin → Calendar)');
        }
      },
    },
    {
      // Open cases grow older, so their priority rises until the age cap.
      name: 'priority-refresh',
      run: async (now) => {
        const cases = await refreshOpenPriorities(ctx.db, now);
        log.info({ worker, cases }, 'open cases’ priorities refreshed');
      },
    },
    {
      // Daily retraining keeps suggestions in step with how departments' duties shift.
      name: 'routing-retrain',
      run: async (now) => {
        for (const r of await retrainAllRouters(ctx, now)) log.info({ worker, ...r }, 'routing model retrained');
      },
    },
    {
      // The category suggestion learns from the jurisdiction's own categorised cases (ADR 0045).
      name: 'category-retrain',
      run: async (now) => {
        for (const r of await retrainAllCategoryModels(ctx, now)) log.info({ worker, ...r }, 'category model retrained');
      },
    },
    {
      name: 'purge-expired',
      run: async (now) => {
        const purged = await purgeExpiredRows(ctx, now);
        if (purged.sessions + purged.jobRuns > 0) log.info({ worker, ...purged }, 'expired rows purged');
      },
    },
    {
      // Processed public appeals past their keeping time, and the place index past its window (ADR 0037).
      name: 'public-intake-purge',
      run: async (now) => {
        const purged = await purgePublicIntake(ctx, { now, keepDays: options.publicIntakeKeepDays ?? DEFAULT_PUBLIC_INTAKE_KEEP_DAYS });
        if (purged.intakeRows + purged.placeRows > 0) log.info({ worker, ...purged }, 'processed public intake purged');
      },
    },
  ];
  const optimize = options.optimize;
  if (optimize) jobs.splice(1, 0, { name: 'optimize', run: () => optimize() });
  return jobs;
}
