import { open } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../lib/app-context.js';
import { inTransaction, type TxContext } from '../lib/unit-of-work.js';
import type { DB } from './schema.js';

/**
 * A unit of work whose caller answers only once it is on disk, with the disk's wait kept off
 * the event loop (ADR 0038).
 *
 * SQLite with `synchronous=FULL` fsyncs the write-ahead log inside COMMIT, and better-sqlite3
 * runs COMMIT on the one JavaScript thread: for the fsync's whole duration (0.3 ms idle, several
 * ms on a busy disk) no request is read, parsed or answered. Here the transaction commits with
 * `synchronous=NORMAL` (the log is written, not yet synced; set for this one transaction on the
 * held connection, FULL again right after), then the log file is fsynced on libuv's thread pool
 * and only then does the caller's promise resolve. An fsync covers every write made to the file
 * before it started, so one fsync serves every batch committed meanwhile (`WalSync`). What is
 * acknowledged is on disk exactly as with FULL; what a crash or power loss can take is only what
 * nobody was answered for yet.
 *
 * PostgreSQL fsyncs in its own process (`synchronous_commit=on`) while Node waits on a socket:
 * nothing to move, the plain transaction is used.
 */
export async function inTransactionSyncedOffLoop<T>(ctx: AppContext, work: (tx: TxContext) => Promise<T>): Promise<T> {
  if (ctx.dialect !== 'sqlite') return inTransaction(ctx, work);
  const wal = walSyncFor(ctx.db);
  // connection(): the pragma, the transaction and the pragma back run on the one connection
  // with nothing of anyone else's in between (Kysely's SQLite driver has one connection).
  const result = await ctx.db.connection().execute(async (conn) => {
    const target = await wal.target(conn);
    if (!target) return inTransaction({ ...ctx, db: conn }, work);
    await sql.raw('PRAGMA synchronous = NORMAL').execute(conn);
    try {
      return await inTransaction({ ...ctx, db: conn }, work);
    } finally {
      await sql.raw(`PRAGMA synchronous = ${target.synchronous}`).execute(conn);
    }
  });
  await wal.sync();
  return result;
}

/** The fsync failed: what was committed may not be on disk, so nothing of it may be acknowledged. */
export class WalSyncError extends Error {
  /** SQLite's own name for a failed fsync: classified as "cannot store now" (503, ADR 0034). */
  readonly code = 'SQLITE_IOERR_FSYNC';
}

interface Target {
  wal: string;
  dir: string;
  /** The connection's own setting (FULL, 2, unless someone chose otherwise), restored after each batch. */
  synchronous: number;
}

interface WalSync {
  /** The log to sync; null for an in-memory database (nothing to make durable). */
  target(conn: Kysely<DB>): Promise<Target | null>;
  /** Resolves after an fsync of the log that started after this call. */
  sync(): Promise<void>;
}

const byDatabase = new WeakMap<Kysely<DB>, WalSync>();

function walSyncFor(db: Kysely<DB>): WalSync {
  let sync = byDatabase.get(db);
  if (!sync) {
    sync = createWalSync();
    byDatabase.set(db, sync);
  }
  return sync;
}

function createWalSync(): WalSync {
  let target: Promise<Target | null> | undefined;
  let known: Target | null = null;
  let dirSynced = false;
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;

  const fsyncOnce = async (): Promise<void> => {
    if (!known) return;
    try {
      const file = await open(known.wal, 'r');
      try {
        await file.sync();
      } finally {
        await file.close();
      }
      if (!dirSynced) {
        // The log may have been created by this process's first commit: its directory entry
        // must be on disk too (SQLite's FULL does the same once per file).
        const dir = await open(known.dir, 'r');
        try {
          await dir.sync();
        } finally {
          await dir.close();
        }
        dirSynced = true;
      }
    } catch (error) {
      throw new WalSyncError(`fsync of the SQLite write-ahead log failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const start = (): Promise<void> => {
    const p: Promise<void> = fsyncOnce().finally(() => {
      if (running === p) running = undefined;
    });
    running = p;
    return p;
  };

  return {
    target: (conn) => {
      target ??= (async () => {
        const main = (await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(conn)).rows.find((r) => r.name === 'main');
        const level = (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(conn)).rows[0]?.synchronous ?? 2;
        known = main?.file ? { wal: `${main.file}-wal`, dir: path.dirname(main.file), synchronous: level } : null;
        return known;
      })();
      return target;
    },
    sync: () => {
      if (!running) return start();
      // The running fsync may have started before this caller's commit: wait for the next one,
      // which every caller arriving meanwhile shares.
      queued ??= running.catch(() => undefined).then(() => {
        queued = undefined;
        return start();
      });
      return queued;
    },
  };
}
