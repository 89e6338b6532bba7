// First: V8's settings before any other module runs (ADR 0081).
import './v8-flags.js';
import { collectDefaultMetrics } from 'prom-client';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { resolveDataKey } from './crypto/data-key.js';
import { createPiiCipher } from './crypto/pii.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { DEMO_PASSWORD } from './demo/staff.js';
import { prepareDemoAtStartup } from './demo/startup.js';
import { sealLegacyTexts } from './modules/cases/legacy-text.js';
import { indexLegacyCallerNames } from './modules/cases/name-index.js';
import { startWorker, type RunningWorker } from './jobs/worker.js';
import { outboxProviderFor } from './modules/outbox/provider-from-config.js';
import { startLiveBus } from './modules/live/start.js';
import { attachmentSettingsFor } from './modules/attachments/store-from-config.js';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.database);
  await migrateToLatest(database.db);
  // Statistics are a nicety; a database that is read-only (full disk, read-only mount) must
  // still start, serve what it has and answer writes 503 (bench/faults).
  const optimized = await database.optimize().then(() => null, (err: unknown) => err);

  // The app's logger is the only logger, and the app needs the key: hold the key warning
  // until the app (and its logger) exists.
  const deferredWarnings: Array<[object, string]> = [];
  const pii = createPiiCipher(resolveDataKey(config, { warn: (obj, msg) => deferredWarnings.push([obj, msg]) }));
  // Before the app: its live hub subscribes to the bus chosen here (LISTEN/NOTIFY on PostgreSQL).
  // Its log lines go to the app's logger once there is one.
  let logger: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void } = { warn: (obj, msg) => console.warn(msg, obj), error: (obj, msg) => console.error(msg, obj) };
  const bus = await startLiveBus(config.database, database, { warn: (obj, msg) => logger.warn(obj, msg), error: (obj, msg) => logger.error(obj, msg) });
  const attachments = attachmentSettingsFor(config);
  const app = await buildApp({ config, database, pii, attachments });
  logger = app.log;
  for (const [obj, msg] of deferredWarnings) app.log.warn(obj, msg);
  if (optimized !== null) app.log.warn({ err: optimized }, 'could not refresh the query planner statistics at start (is the database read-only?)');
  // CPU, memory, event-loop delay and GC of this process, beside the app's own metrics.
  collectDefaultMetrics({ register: app.metrics.registry, prefix: 'openline_' });
  if (!config.publicRateLimits) {
    // Meant for load tests only: say so where nobody can miss it.
    const warning = 'PUBLIC_RATE_LIMITS=0: the public appeal form, tracking lookups and SMS senders are NOT rate-limited. Never run a public deployment like this.';
    app.log.warn({ publicRateLimits: false }, warning);
    console.error(`\n  WARNING: ${warning}\n`);
  }
  // Texts stored in clear before they were sealed (ADR 0009); a no-op once all are.
  const legacy = await sealLegacyTexts({ db: database.db, dialect: database.dialect, pii });
  if (legacy.cases + legacy.contacts > 0) app.log.warn(legacy, 'sealed and redacted appeal texts stored in clear by an earlier version');
  if (legacy.logStillBusy) app.log.warn('the SQLite log still holds the texts sealed at start; the checkpointer empties it once writes go quiet');

  // Cases from before the caller-name index (ADR 0027); a no-op once all have it.
  const namesIndexed = await indexLegacyCallerNames(database.db, pii);
  if (namesIndexed > 0) app.log.info({ namesIndexed }, 'indexed caller names of cases recorded by an earlier version');

  const demo = await prepareDemoAtStartup({ db: database.db, dialect: database.dialect, pii }, { config, log: app.log });
  if (demo.demoAccounts.length > 0) {
    // Also on stdout, plainly: for whoever just typed `npm start`, and for whoever reads a
    // production console and must not miss that anyone can sign in.
    const bar = '!'.repeat(78);
    console.log(`\n${bar}\n  Openline DEMO accounts exist — password "${DEMO_PASSWORD}": ${demo.demoAccounts.join(', ')}` +
      `\n  Sign in at http://localhost:${config.port}/login. Never use these for real appeals.\n${bar}\n`);
  }

  let worker: RunningWorker | undefined;
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    Promise.resolve(worker?.stop())
      .then(() => app.close())
      .then(() => bus.close())
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  if (config.workerInProcess) {
    const ctx = { db: database.db, dialect: database.dialect, pii };
    worker = startWorker(ctx, { provider: outboxProviderFor(config, app.log), log: app.log, intervalMs: config.workerIntervalMs, optimize: database.optimize, attachmentStore: attachments.store, publicIntakeKeepDays: config.publicIntakeKeepDays });
    app.log.info({ worker: worker.id }, 'background worker running in this process (WORKER=0 to run it separately)');
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Openline failed to start:', err);
  }
  process.exit(1);
});
