import type { AppContext } from '../../lib/app-context.js';
import { outsideRequests } from '../../lib/request-context.js';
import { performance } from 'node:perf_hooks';
import { createSlicePacer, type PauseMeasured } from './pace.js';
import { processIntakeBatch } from './process.js';

export interface DrainerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** One batch of the drainer as it happened (`performance.now()` times), for a bench's timeline. */
export interface DrainerSlice {
  startedAt: number;
  endedAt: number;
  claimed: number;
}

export interface IntakeDrainer {
  /** Something was accepted: drain soon (coalesced; never runs two passes at once). */
  wake(): void;
  /** Drains until nothing this drainer can claim is left; resolves after that pass. */
  flush(): Promise<void>;
  /** Stops after the batch in progress; resolves when it has committed or rolled back. */
  stop(): Promise<void>;
}

/**
 * PostgreSQL: batches are sized, from the last batches' pace, to take about this long. A batch
 * yields the event loop at every statement and accepts use other connections, so no accept waits
 * for it; what it holds until it commits is the day's case-number counter row and the rows of the
 * cases it merged into, so a staff member opening a case (or acting on such a parent) meanwhile
 * waits up to one batch. Each batch has fixed statements (claim, marks, search rows, audit,
 * commit): at 8 ms, 3 appeals a batch, the drainer processed 197 appeals/s; at 24 a batch, 360/s
 * (ADR 0079).
 */
const PG_BATCH_BUDGET_MS = 60;
/**
 * SQLite: a batch is one uninterrupted run of the event loop, from its claim to its commit
 * (ADR 0049). It stops by itself when one more appeal would take it past this, measured as it
 * goes; an accept arriving meanwhile waits this, then its own batch (p99 ≤ 25 ms at 2,000/s).
 * With no appeal accepted lately, nobody is waiting: longer slices spend less of the backlog's
 * time on commits and pauses, and a lone request waits at most one of them.
 */
const SQLITE_SLICE_MS = 5;
const SQLITE_QUIET_SLICE_MS = 20;
/** "Lately": an appeal accepted this recently means more are arriving. */
const QUIET_AFTER_MS = 250;
const MAX_BATCH = 64;

/**
 * The in-process drainer (ADR 0032): woken by each accepted batch, and every `pollMs` for rows
 * accepted by other processes or left by one that stopped. Any number of processes may run one:
 * claims are exclusive (processIntakeBatch). Between batches it yields to the event loop, so
 * requests are read and answered while a backlog is worked off.
 */
export function startIntakeDrainer(ctx: AppContext, o: { log: DrainerLogger; pollMs: number; onSlice?: (s: DrainerSlice) => void }): IntakeDrainer {
  let msPerAppeal = 2;
  let lastAcceptAt = -Infinity;
  const sliceMs = (): number => (performance.now() - lastAcceptAt < QUIET_AFTER_MS ? SQLITE_SLICE_MS : SQLITE_QUIET_SLICE_MS);
  // Between batches the lock is let go. PostgreSQL: just a turn of the event loop. SQLite: a
  // moment too, because another process waiting for its one write lock polls (busy_timeout) and
  // would never find it free between two batches of a loop that retakes it at once; and a timer
  // runs after the loop has read the requests that came in during the batch and committed their
  // accept batch (setImmediate, lib/group-commit.ts), so accepts go first (ADR 0049). While
  // appeals arrive, the SQLite pause is as long as it takes to leave the accepts their share of
  // the loop (pace.ts, ADR 0054).
  const pacer = createSlicePacer();
  let paused: PauseMeasured | null = null;
  const pause = async (sliceMs: number): Promise<void> => {
    if (ctx.dialect !== 'sqlite') return new Promise<void>((resolve) => setImmediate(resolve));
    const ms = pacer.pauseAfter(sliceMs, paused, performance.now() - lastAcceptAt < QUIET_AFTER_MS);
    const from = performance.eventLoopUtilization();
    const t0 = performance.now();
    await new Promise<void>((resolve) => setTimeout(resolve, ms));
    paused = { ms: performance.now() - t0, utilisation: performance.eventLoopUtilization(from).utilization };
  };
  let pass: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const drainAll = async (): Promise<void> => {
    while (!stopped) {
      const limit = Math.max(1, Math.min(MAX_BATCH, Math.floor(PG_BATCH_BUDGET_MS / msPerAppeal)));
      const started = performance.now();
      const batch = await processIntakeBatch(ctx, ctx.dialect === 'sqlite' ? { limit: MAX_BATCH, budgetMs: sliceMs() } : { limit });
      const ended = performance.now();
      o.onSlice?.({ startedAt: started, endedAt: ended, claimed: batch.claimed });
      if (batch.claimed === 0) return;
      // The requests that accepted these appeals (issue 13 §5): one log search from a request's
      // own lines to the processing of what it sent, and to the failure of a row that failed.
      o.log.info({ claimed: batch.claimed, processed: batch.processed, requestIds: batch.requestIds }, 'public intake: batch processed');
      for (const f of batch.failures) o.log.warn({ seq: f.seq, requestId: f.requestId, error: f.error }, 'public intake: an appeal failed to process; it stays queued');
      const tookMs = ended - started;
      msPerAppeal = 0.7 * msPerAppeal + 0.3 * (tookMs / batch.claimed);
      await pause(tookMs);
    }
  };

  const run = (): Promise<void> => {
    if (pass) {
      again = true;
      return pass;
    }
    pass = (async () => {
      do {
        again = false;
        try {
          await drainAll();
        } catch (err) {
          // The rows stay in the backlog; the next wake or poll tries again.
          o.log.error({ err }, 'public intake drainer: a batch failed; the rows stay queued');
          return;
        }
      } while (again && !stopped);
    })().finally(() => {
      pass = undefined;
    });
    return pass;
  };

  let woken = false;
  const wake = (): void => {
    if (woken || stopped) return;
    woken = true;
    // Woken from an accepting request's scope: the pass is no one request's work (rows carry theirs).
    setImmediate(() => outsideRequests(() => {
      woken = false;
      void run();
    }));
  };
  const timer = setInterval(wake, o.pollMs);
  timer.unref();

  return {
    wake: () => {
      lastAcceptAt = performance.now();
      wake();
    },
    flush: async () => {
      // A pass already running may have started before the caller's rows were committed.
      await run();
      await run();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await pass;
    },
  };
}
