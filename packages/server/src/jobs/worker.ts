import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../lib/app-context.js';
import { deliverDueMessages } from '../modules/outbox/deliver.js';
import type { OutboxProvider } from '../modules/outbox/providers.js';
import { jurisdictionCalendarWarnings } from '../modules/calendar/warnings.js';
import { refreshOpenPriorities } from '../modules/priority/recompute.js';
import { retrainAllRouters } from '../modules/routing/schedule.js';
import { sweepDeadlines } from '../modules/supervision/sweep.js';

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const DAY_MS = 86_400_000;

export interface RunningWorker {
  readonly id: string;
  /** Resolves after the pass in progress (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * The background loop: every interval it runs each job once. Jobs coordinate through the
 * database (row claims), so any number of workers, in-process or standalone, may run at once.
 */
export function startWorker(
  ctx: AppContext,
  options: { provider: OutboxProvider; log: WorkerLogger; intervalMs: number; optimize?: () => Promise<void> },
): RunningWorker {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let lastCalendarCheck = 0;

  const pass = async (): Promise<void> => {
    try {
      // Once a day: a missing calendar year makes every deadline in it wrong, so say so loudly.
      if (Date.now() - lastCalendarCheck > DAY_MS) {
        lastCalendarCheck = Date.now();
        for (const w of await jurisdictionCalendarWarnings(ctx)) {
          options.log.warn({ worker: id, ...w }, 'working calendar incomplete: an admin should load the missing year (Admin → Calendar)');
        }
        await options.optimize?.();
        await refreshOpenPriorities(ctx.db);
        // Daily retraining keeps suggestions in step with how departments' duties shift.
        for (const r of await retrainAllRouters(ctx)) options.log.info({ worker: id, ...r }, 'routing model retrained');
      }
      // Supervision first: the notices it queues go out in the same pass.
      const supervision = await sweepDeadlines(ctx);
      const outbox = await deliverDueMessages(ctx, { provider: options.provider, workerId: id });
      if (supervision.reminders + supervision.overdue + outbox.sent + outbox.retried + outbox.failed > 0) {
        options.log.info({ worker: id, supervision, outbox }, 'worker pass');
      }
    } catch (err) {
      options.log.error({ err, worker: id }, 'worker pass failed; retrying next interval');
    }
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
