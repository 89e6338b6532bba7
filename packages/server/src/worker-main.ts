// First: V8's settings before any other module runs (ADR 0081).
import './v8-flags.js';
import pino from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { resolveDataKey } from './crypto/data-key.js';
import { createPiiCipher } from './crypto/pii.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { startWorker } from './jobs/worker.js';
import { outboxProviderFor } from './modules/outbox/provider-from-config.js';
import { startLiveBus } from './modules/live/start.js';
import { attachmentSettingsFor } from './modules/attachments/store-from-config.js';
import { startIntakeDrainer } from './modules/public-intake/drainer.js';

/** A standalone worker hears of no accepted appeal: it looks for a backlog this often. */
const INTAKE_POLL_MS = 250;

// `npm run worker`: the background jobs without the web server (run web processes with WORKER=0).
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, name: 'openline-worker' });
  const database = openDatabase(config.database);
  await migrateToLatest(database.db);
  const pii = createPiiCipher(resolveDataKey(config, log));
  const ctx = { db: database.db, dialect: database.dialect, pii };
  // On PostgreSQL the notifications this worker writes reach the bells open in the web processes.
  const bus = await startLiveBus(config.database, database, log);
  const worker = startWorker(ctx, { provider: outboxProviderFor(config, log), log, intervalMs: config.workerIntervalMs, optimize: database.optimize, attachmentStore: attachmentSettingsFor(config).store, publicIntakeKeepDays: config.publicIntakeKeepDays });
  // Public appeals accepted by the web processes are processed here too on PostgreSQL (ADR 0032,
  // 0037): claims skip locked rows, so any number of workers and web processes drain one backlog.
  // SQLite has one writer: a second process only adds busy waits for the web process's accepts,
  // which drains its own backlog.
  const intake = database.dialect === 'postgres' ? startIntakeDrainer(ctx, { log, pollMs: INTAKE_POLL_MS }) : undefined;
  log.info({ worker: worker.id }, 'worker started');
  const stop = (signal: string): void => {
    log.info({ signal }, 'worker stopping after the current pass');
    void Promise.all([worker.stop(), intake?.stop()])
      .then(() => bus.close())
      .then(() => database.close())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
