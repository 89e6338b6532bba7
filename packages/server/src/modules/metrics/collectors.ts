import type { Database } from '../../db/database.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionCache } from '../auth/session-cache.js';
import { INTAKE_WINDOW_MINUTES, type IntakeFiguresSource } from './intake-figures.js';
import type { GaugeCollector, GaugeSample } from './registry.js';
import { countOpenColdLineEpisodes, dailyJobStates, outboxState, passJobBeats } from './repository.js';

// The standard gauge collectors. Each is computed from the database at scrape time, so every
// process answers the same figures: aggregate them across processes with max(), not sum().

const ageSeconds = (now: Date, iso: string | null): number => (iso === null ? 0 : Math.max(0, (now.getTime() - Date.parse(iso)) / 1000));

/** The intake gauges; `source` is whatever intake runs (see intake-figures.ts). */
export function intakeCollector(source: IntakeFiguresSource, clock: () => Date = () => new Date()): GaugeCollector {
  return {
    name: 'intake',
    gauges: [
      { name: 'openline_intake_accepted_recent', help: `Appeals accepted in the last ${INTAKE_WINDOW_MINUTES} minutes (all processes)` },
      { name: 'openline_intake_processed_recent', help: `Appeals processed (opened, attached, merged, redirected) in the last ${INTAKE_WINDOW_MINUTES} minutes` },
      { name: 'openline_intake_backlog', help: 'Appeals accepted and not yet processed' },
      { name: 'openline_intake_backlog_oldest_seconds', help: 'Age of the oldest unprocessed appeal (0 when none waits)' },
      { name: 'openline_intake_failed', help: 'Appeals that failed to process too often and wait for a person (not in the backlog)' },
    ],
    collect: async () => {
      const f = await source(clock());
      return [
        { gauge: 'openline_intake_accepted_recent', value: f.acceptedRecent },
        { gauge: 'openline_intake_processed_recent', value: f.processedRecent },
        { gauge: 'openline_intake_backlog', value: f.backlog },
        { gauge: 'openline_intake_backlog_oldest_seconds', value: f.backlogOldestSeconds },
        { gauge: 'openline_intake_failed', value: f.failed },
      ];
    },
  };
}

/**
 * Worker lag: seconds since each job last finished well, by any worker. Per-pass jobs (sweeps,
 * outbox, figures) should stay near WORKER_INTERVAL_MS; daily jobs near a day.
 */
export function workerCollector(ctx: Pick<AppContext, 'db'>, clock: () => Date = () => new Date()): GaugeCollector {
  return {
    name: 'worker',
    gauges: [
      { name: 'openline_worker_job_lag_seconds', help: 'Seconds since the job last finished without error, by any worker', labelNames: ['job', 'schedule'] },
      { name: 'openline_worker_job_failing', help: '1 if the job\'s latest attempt failed', labelNames: ['job', 'schedule'] },
    ],
    collect: async () => {
      const now = clock();
      const daily = await dailyJobStates(ctx.db);
      const beats = await passJobBeats(ctx.db);
      const samples: GaugeSample[] = [];
      for (const b of beats) {
        const labels = { job: b.job, schedule: 'pass' };
        samples.push({ gauge: 'openline_worker_job_lag_seconds', labels, value: ageSeconds(now, b.finished_at) });
        samples.push({ gauge: 'openline_worker_job_failing', labels, value: b.last_failed_at !== null && b.last_failed_at > b.finished_at ? 1 : 0 });
      }
      for (const d of daily) {
        const labels = { job: d.job, schedule: 'daily' };
        // A daily job that never finished has no lag to show yet; its failing flag says why.
        if (d.lastFinishedAt !== null) samples.push({ gauge: 'openline_worker_job_lag_seconds', labels, value: ageSeconds(now, d.lastFinishedAt) });
        samples.push({ gauge: 'openline_worker_job_failing', labels, value: d.failing ? 1 : 0 });
      }
      return samples;
    },
  };
}

export function outboxCollector(ctx: Pick<AppContext, 'db'>, clock: () => Date = () => new Date()): GaugeCollector {
  return {
    name: 'outbox',
    gauges: [
      { name: 'openline_outbox_messages', help: 'Outbox messages not yet sent, by status (failed: given up after every retry)', labelNames: ['status'] },
      { name: 'openline_outbox_retrying', help: 'Pending messages waiting out a back-off after a failed attempt' },
      { name: 'openline_outbox_oldest_due_seconds', help: 'How long the oldest due message has waited for a worker (0 when none)' },
    ],
    collect: async () => {
      const now = clock();
      const state = await outboxState(ctx.db, now.toISOString());
      return [
        ...Object.entries(state.byStatus).map(([status, value]) => ({ gauge: 'openline_outbox_messages', labels: { status }, value })),
        { gauge: 'openline_outbox_retrying', value: state.retrying },
        { gauge: 'openline_outbox_oldest_due_seconds', value: ageSeconds(now, state.oldestDueAt) },
      ];
    },
  };
}

export function coldLinesCollector(ctx: Pick<AppContext, 'db'>): GaugeCollector {
  return {
    name: 'cold-lines',
    gauges: [{ name: 'openline_cold_lines_open', help: 'Published lines cold right now (open cold-line episodes, ADR 0021)' }],
    collect: async () => [{ gauge: 'openline_cold_lines_open', value: await countOpenColdLineEpisodes(ctx.db) }],
  };
}

/** Connection use of this process (not from the database: each process has its own pool). */
export function databaseCollector(database: Pick<Database, 'poolUse'>): GaugeCollector {
  return {
    name: 'database',
    gauges: [
      { name: 'openline_db_pool_connections', help: 'PostgreSQL pool of this process: total, idle, waiting (queries queued for a connection), max', labelNames: ['state'] },
      { name: 'openline_db_sqlite_bytes', help: 'SQLite database file and write-ahead log sizes (a growing WAL means checkpoints are starved)', labelNames: ['file'] },
    ],
    collect: async () => {
      const use = database.poolUse();
      if (use.kind === 'postgres') {
        return (['total', 'idle', 'waiting', 'max'] as const).map((state) => ({ gauge: 'openline_db_pool_connections', labels: { state }, value: use[state] }));
      }
      return [
        { gauge: 'openline_db_sqlite_bytes', labels: { file: 'database' }, value: use.fileBytes },
        { gauge: 'openline_db_sqlite_bytes', labels: { file: 'wal' }, value: use.walBytes },
      ];
    },
  };
}

/** The session cache of this process (PostgreSQL, ADR 0078): off (listening 0) means every read pays the session's round trip. */
export function sessionCacheCollector(cache: SessionCache): GaugeCollector {
  return {
    name: 'session_cache',
    gauges: [
      { name: 'openline_session_cache_listening', help: 'Whether this process hears session, user and role changes, and so uses its session cache (1) or reads every session (0)' },
      { name: 'openline_session_cache_entries', help: 'Sessions this process remembers for signed-in reads' },
      { name: 'openline_session_cache_reads', help: 'Signed-in reads looked up in the cache since the process started, by result (only grows; use rate())', labelNames: ['result'] },
    ],
    collect: async () => {
      const s = cache.stats();
      return [
        { gauge: 'openline_session_cache_listening', value: s.listening ? 1 : 0 },
        { gauge: 'openline_session_cache_entries', value: s.entries },
        { gauge: 'openline_session_cache_reads', labels: { result: 'hit' }, value: s.hits },
        { gauge: 'openline_session_cache_reads', labels: { result: 'miss' }, value: s.misses },
      ];
    },
  };
}
