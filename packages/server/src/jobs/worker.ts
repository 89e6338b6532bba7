import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../lib/app-context.js';
import { deliverDueMessages } from '../modules/outbox/deliver.js';
import type { OutboxProvider } from '../modules/outbox/providers.js';
import { sweepDeadlines } from '../modules/supervision/sweep.js';

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

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
  options: { provider: OutboxProvider; log: WorkerLogger; intervalMs: number },
): RunningWorker {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const pass = async (): Promise<void> => {
    try {
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
