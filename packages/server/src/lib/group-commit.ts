import { classifyDatabaseOutage } from '../db/refusals.js';
import { outsideRequests } from './request-context.js';

/**
 * Group commit (ADR 0023): requests that each need a small durable write hand their item to
 * one queue; whatever queued while the previous batch was committing becomes the next batch,
 * written in one transaction (one fsync), and each request is answered only when its batch
 * has committed. Under no load a batch is one item and waits for nothing; under load batches
 * grow by themselves, so throughput rises instead of latency.
 */
export interface GroupCommit<T, R> {
  /** Resolves with the item's result once its batch is durable (or rejects with its own error). */
  submit(item: T): Promise<R>;
  /** Waits for everything submitted so far. */
  drain(): Promise<void>;
  /** Batches written and items in them so far (a bench's mean batch size; retries alone not counted). */
  stats(): { batches: number; items: number };
}

/**
 * One batch as it happened, for a bench's timeline (times are `performance.now()` of this thread).
 * `marks` are what `write` noted on the way (e.g. when its commit began).
 */
export interface BatchTiming {
  size: number;
  /** When its oldest item was submitted, and the mean wait of its items before the write began. */
  oldestQueuedAt: number;
  meanQueuedMs: number;
  startedAt: number;
  endedAt: number;
  failed: boolean;
  marks: Record<string, number>;
}

interface Pending<T, R> {
  item: T;
  queuedAt: number;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * `write` gets a batch and answers one result per item, in order; at most `concurrency` batches
 * are written at once (1 for SQLite, which has one writer; a few for PostgreSQL, whose round
 * trips leave the process idle otherwise). If a batch fails as a whole
 * (a deadlock, one item the database refuses), each of its items is retried alone, so one bad
 * item fails only its own request. A batch the database cannot store at all (read-only, disk
 * full, unreachable: ADR 0034) is not retried item by item: each would fail the same way, so
 * all its requests get that error at once.
 */
export function createGroupCommit<T, R>(
  write: (items: T[], marks: Record<string, number>) => Promise<R[]>,
  o: {
    maxBatch: number;
    concurrency?: number;
    /**
     * With a batch already in flight, the next starts only once this many items wait (default 1:
     * at once). A batch's fixed cost (its round trips, statements and commit) is then shared by
     * many items instead of being paid again for a few, while a quiet moment still writes at once.
     */
    overlapAt?: number;
    /** Called after each batch (not its retries alone); only benches listen. */
    onBatch?: (b: BatchTiming) => void;
  },
): GroupCommit<T, R> {
  let queue: Array<Pending<T, R>> = [];
  const running = new Set<Promise<void>>();
  const concurrency = o.concurrency ?? 1;
  const overlapAt = Math.max(1, Math.min(o.overlapAt ?? 1, o.maxBatch));
  let scheduled = false;
  let batches = 0;
  let items = 0;

  const settle = async (batch: Array<Pending<T, R>>): Promise<void> => {
    const startedAt = performance.now();
    const marks: Record<string, number> = {};
    const timed = (failed: boolean): void => {
      if (!o.onBatch) return;
      const oldestQueuedAt = batch[0]?.queuedAt ?? startedAt;
      const meanQueuedMs = batch.reduce((sum, p) => sum + (startedAt - p.queuedAt), 0) / Math.max(1, batch.length);
      o.onBatch({ size: batch.length, oldestQueuedAt, meanQueuedMs, startedAt, endedAt: performance.now(), failed, marks });
    };
    try {
      const results = await write(batch.map((p) => p.item), marks);
      timed(false);
      batch.forEach((p, i) => p.resolve(results[i] as R));
    } catch (error) {
      timed(true);
      if (batch.length === 1 || classifyDatabaseOutage(error) !== null) {
        for (const p of batch) p.reject(error);
        return;
      }
      for (const p of batch) {
        try {
          p.resolve(((await write([p.item], {})) as R[])[0] as R);
        } catch (alone) {
          p.reject(alone);
        }
      }
    }
  };

  const pump = (): void => {
    scheduled = false;
    while (running.size < concurrency && queue.length > 0 && (running.size === 0 || queue.length >= overlapAt)) {
      const batch = queue.slice(0, o.maxBatch);
      queue = queue.slice(batch.length);
      batches += 1;
      items += batch.length;
      const done: Promise<void> = settle(batch).finally(() => {
        running.delete(done);
        schedule();
      });
      running.add(done);
    }
  };
  // setImmediate, not a microtask: it runs after the event loop has read every request that
  // arrived meanwhile (SQLite's commit blocks the loop), so they all join the next batch instead
  // of the first one starting a batch of one. Outside the scheduling request's scope: a batch is
  // many requests' work, so none of their ids may be taken for all of it (items carry their own).
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => outsideRequests(pump));
  };

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, queuedAt: performance.now(), resolve, reject });
        schedule();
      });
    },
    async drain() {
      while (running.size > 0 || queue.length > 0) {
        pump();
        await Promise.all(running);
      }
    },
    stats: () => ({ batches, items }),
  };
}
