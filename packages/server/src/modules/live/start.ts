import type { DatabaseConfig } from '../../config.js';
import type { Database } from '../../db/database.js';
import { InProcessLiveBus, useLiveBus, type LiveBus } from './bus.js';
import { PgLiveBus, type PgLiveBusOptions } from './pg-bus.js';

/**
 * Chooses the process's live bus from the database (ADR 0033): on PostgreSQL, where several
 * server and worker processes may share the database, events and presence travel by
 * LISTEN/NOTIFY; on SQLite, one host and in practice one web process, they stay in memory.
 * Call before buildApp (each app's hub subscribes to the bus in place when it is built).
 */
export async function startLiveBus(
  config: DatabaseConfig,
  database: Pick<Database, 'db'>,
  log: PgLiveBusOptions['log'],
  options: Pick<PgLiveBusOptions, 'snapshotMs' | 'reconnectMs' | 'channel'> = {},
): Promise<LiveBus> {
  const bus = config.kind === 'postgres'
    ? new PgLiveBus({ connectionString: config.url, db: database.db, log, ...options })
    : new InProcessLiveBus();
  if (bus instanceof PgLiveBus) await bus.start();
  useLiveBus(bus);
  return bus;
}
