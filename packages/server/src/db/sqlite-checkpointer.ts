import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite's WAL checkpoint off the event loop (ADR 0054).
 *
 * By default SQLite checkpoints inside whichever COMMIT takes the log past 1,000 pages: that
 * commit copies every page back into the database file and fsyncs it before returning, and with
 * better-sqlite3 it does so on the only JavaScript thread (7–41 ms measured under load, in the
 * middle of a surge's accept batches, ADR 0049). Here a worker thread holds its own connection and
 * runs PASSIVE checkpoints on a timer: they copy pages while the app's connection goes on reading
 * and writing, and never take the write lock. The app's connection keeps an automatic checkpoint
 * only as the bound (WAL_BOUND_PAGES): a log never restarts while writes follow each other closer
 * than a background checkpoint takes, so under a sustained surge the log would grow without end;
 * when it reaches the bound, one commit checkpoints inline, and finds almost everything already
 * copied (the frames since the last tick), so it costs the two fsyncs, not the copy.
 *
 * When the log has been fully copied and unchanged for QUIET_MS, the worker truncates it
 * (TRUNCATE checkpoint, giving up at once if a writer is there): the disk a surge's log took is
 * given back. Durability is SQLite's own: a checkpoint never removes a frame it has not written
 * and synced into the database file, a crash mid-checkpoint leaves the log to be replayed.
 */
export const WAL_BOUND_PAGES = 4096;
const TICK_MS = 100;
const QUIET_MS = 2000;
const RECENT = 64;

export interface CheckpointerFigures {
  /** PASSIVE checkpoints run, and the worker's wall time inside them. */
  checkpoints: number;
  checkpointMs: number;
  /** TRUNCATE checkpoints that emptied the log after a quiet spell. */
  truncations: number;
  /**
   * The last RECENT checkpoints that took ≥ 1 ms (those that copied pages and fsynced the file):
   * start in epoch ms (`performance.timeOrigin + now`, comparable across threads and processes),
   * wall ms, frames in the log. A bench lays them beside the commits' timeline.
   */
  recent: Array<{ at: number; ms: number; log: number }>;
  /**
   * Times the log was found started over since the last tick, not by this worker's truncation
   * (after a checkpoint that copied everything, this worker's or the app connection's); of them,
   * those from a log within a tick's growth of WAL_BOUND_PAGES: the app connection's checkpoint at
   * the bound, on its thread. And the frames seen appended to the log (≈ pages written). For benches.
   */
  restarts: number;
  boundRestarts: number;
  framesSeen: number;
}

export interface SqliteCheckpointer {
  figures(): CheckpointerFigures;
  /** Ends the worker and closes its connection (before the app's connection closes: the last one checkpoints and removes the log). */
  stop(): Promise<void>;
}

// Plain CommonJS for `eval`: it runs the same under tsx, vitest and the compiled server, with no
// file of its own to find. The driver's path comes from the main thread's resolution.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// PASSIVE never waits; TRUNCATE is tried only when quiet, and gives up at once if a writer is there.
db.pragma('busy_timeout = 0');
db.pragma('synchronous = FULL');
const figures = { checkpoints: 0, checkpointMs: 0, truncations: 0, recent: [], restarts: 0, boundRestarts: 0, framesSeen: 0 };
let lastLog = -1;
let previousLog = -1;
let unchangedSince = performance.now();
let timer;
const tick = () => {
  try {
    const t = performance.now();
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    const ms = performance.now() - t;
    figures.checkpoints++;
    figures.checkpointMs += ms;
    if (ms >= 1) {
      figures.recent.push({ at: performance.timeOrigin + t, ms, log: r.log });
      if (figures.recent.length > workerData.recent) figures.recent.shift();
    }
    if (previousLog >= 0 && r.log < previousLog) {
      figures.restarts++;
      // The log grows by at most a few hundred frames a tick: one this close to the bound was ended by it.
      if (previousLog >= workerData.boundPages * 0.75) figures.boundRestarts++;
      figures.framesSeen += r.log;
    } else if (previousLog >= 0) figures.framesSeen += r.log - previousLog;
    previousLog = r.log;
    if (r.log !== lastLog) {
      lastLog = r.log;
      unchangedSince = performance.now();
    } else if (r.log > 0 && r.busy === 0 && r.checkpointed === r.log && performance.now() - unchangedSince >= workerData.quietMs) {
      const done = db.pragma('wal_checkpoint(TRUNCATE)')[0];
      if (done.busy === 0) figures.truncations++;
      lastLog = -1;
      previousLog = done.busy === 0 ? 0 : previousLog;
    }
    parentPort.postMessage({ figures });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
  timer = setTimeout(tick, workerData.tickMs);
};
timer = setTimeout(tick, workerData.tickMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

export function startSqliteCheckpointer(file: string, log: { error(obj: object, msg: string): void }): SqliteCheckpointer {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: driverPath, file, tickMs: TICK_MS, quietMs: QUIET_MS, recent: RECENT, boundPages: WAL_BOUND_PAGES } });
  // Never what keeps a process alive: a server that forgot to close its database still exits.
  worker.unref();
  let figures: CheckpointerFigures = { checkpoints: 0, checkpointMs: 0, truncations: 0, recent: [], restarts: 0, boundRestarts: 0, framesSeen: 0 };
  let lastError: string | undefined;
  worker.on('message', (m: { figures?: CheckpointerFigures; error?: string }) => {
    if (m.figures) figures = m.figures;
    // A failing checkpoint (disk full, I/O error) is logged once per kind; the bound on the app's
    // connection keeps the log from growing meanwhile.
    if (m.error && m.error !== lastError) log.error({ error: m.error }, 'SQLite checkpointer: a checkpoint failed; the app connection bounds the log');
    lastError = m.error;
  });
  worker.on('error', (err) => log.error({ err }, 'SQLite checkpointer stopped; the app connection checkpoints at its bound'));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    figures: () => figures,
    stop: async () => {
      // Held by the caller's await: an unref'd worker would let the process exit before it has.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
