import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type Driver } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { namingPool } from './named-statements.js';
import { classifyDatabaseError } from './refusals.js';
import type { DB } from './schema.js';
import { startSqliteCheckpointer, WAL_BOUND_PAGES, type CheckpointerFigures } from './sqlite-checkpointer.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Cheap round trip for /healthz. */
  ping(): Promise<void>;
  /**
   * Keeps the query planner's statistics fresh. SQLite gathers none by itself (without them it
   * picked a full scan over an index and lists ran 10–50× slower at 200 k cases, see
   * docs/benchmarks.md); PostgreSQL's autovacuum does it already.
   */
  optimize(): Promise<void>;
  close(): Promise<void>;
  /** What /metrics shows of the connections (read at scrape time). */
  poolUse(): PoolUse;
}

/**
 * PostgreSQL: the pool's connections (waiting = queries queued for one: the pool is too small or
 * the database too slow). SQLite has one connection and one writer; what can grow there is the
 * write-ahead log (a checkpoint starved by long readers) and the file itself.
 */
export type PoolUse =
  | { kind: 'postgres'; total: number; idle: number; waiting: number; max: number }
  | { kind: 'sqlite'; fileBytes: number; walBytes: number; checkpointer: CheckpointerFigures | null };

const PG_POOL_MAX = 10;

/**
 * Settings of every PostgreSQL session the app opens (libpq's `options`). JIT off: the app's
 * statements are index reads that run in milliseconds, but JIT compiles any plan whose estimate
 * passes `jit_above_cost`, and the case search's one statement (a recursive CTE whose every
 * window the planner prices as if it ran, ten times) was compiled for up to 2.9 s to run for ~20 ms
 * (ADR 0040, fourth amendment). No parallel workers: a page of a list is a LIMIT over an index
 * walk, which the planner prices by the whole walk; at 10 M cases it started two workers for a
 * handler's workbench, 27–32 ms of launching them for ~2 ms of work (ADR 0075). Behind PgBouncer,
 * which refuses `options`, set both on the server or the database (`ALTER DATABASE … SET`).
 */
export const PG_SESSION_OPTIONS = '-c jit=off -c max_parallel_workers_per_gather=0';

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // no WAL yet, or an in-memory database
  }
}

// PostgreSQL returns timestamptz as Date and int8 as string; normalise both so rows look the
// same as SQLite's (ISO strings and numbers). Scoped to our pool, not pg's global parser table.
const PG_TIMESTAMPTZ = 1184;
const PG_INT8 = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === PG_TIMESTAMPTZ) return (v: string) => new Date(v).toISOString();
    if (oid === PG_INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export interface DatabaseLogger {
  error(obj: object, msg: string): void;
}

const consoleLogger: DatabaseLogger = { error: (obj, msg) => console.error(msg, obj) };

export function openDatabase(config: DatabaseConfig, log: DatabaseLogger = consoleLogger): Database {
  if (config.kind === 'sqlite') {
    const memory = { cacheMb: config.cacheMb ?? SQLITE_CACHE_MB, mmapMb: config.mmapMb ?? SQLITE_MMAP_MB };
    return openSqlite(config.file, { maxPages: config.maxPages, checkpoint: config.checkpoint ?? 'background', ...memory }, log);
  }
  const pool = new pg.Pool({ connectionString: config.url, max: PG_POOL_MAX, types: pgTypes, options: PG_SESSION_OPTIONS });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // pg emits it on the pool, and the pool replaces the connection on next use.
  pool.on('error', (err) => log.error({ err }, 'PostgreSQL connection lost; it will be replaced'));
  // The pool listens for errors only on idle clients. A client checked out between two statements
  // (a transaction doing its JavaScript part) whose session the server ends emitted 'error' with
  // no listener and took the process down (seen in bench:faults when the database turned
  // read-only). The pending or next query on it fails as usual and answers 503 (ADR 0034).
  pool.on('connect', (client) => {
    client.on('error', (err) => log.error({ err }, 'PostgreSQL connection lost while in use; its work fails and is retried or refused'));
  });
  const poolUse = (): PoolUse => ({ kind: 'postgres', total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: PG_POOL_MAX });
  // Hot statements of fixed shape go by name, prepared once per connection (db/named-statements.ts).
  return wrap(new Kysely<DB>({ dialect: new PostgresDialect({ pool: namingPool(pool) }) }), 'postgres', poolUse);
}

function wrap(db: Kysely<DB>, dialect: Dialect, poolUse: () => PoolUse, beforeClose: () => Promise<void> = async () => undefined): Database {
  return {
    db,
    dialect,
    poolUse,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    optimize: async () => {
      // 0x10002: analyse what needs it, also tables never analysed before (SQLite ≥ 3.46).
      if (dialect === 'sqlite') await sql`PRAGMA optimize=0x10002`.execute(db);
    },
    close: async () => {
      await beforeClose();
      await db.destroy();
    },
  };
}

/**
 * SQLite's page cache for the app's connection, in MiB (PRAGMA cache_size; ADR 0063). 16 MB is what
 * better-sqlite3's build of SQLite had by default, now said here rather than left to the driver.
 * Measured at 160,000 open cases, a larger cache (64, 256 MB) cut the pages read back from the OS
 * by half but not the drainer's CPU (a page the OS holds costs a copy, not a disk read), and cost
 * its size in resident memory against the server's 300 MB (issue 13 §3). SQLITE_CACHE_MB sets it,
 * for a machine whose OS cache cannot hold the database's hot pages.
 */
export const SQLITE_CACHE_MB = 16;
/**
 * Memory-mapped reads (PRAGMA mmap_size), in MiB: off (ADR 0063). Mapped pages count as the
 * process's resident memory (256 MB took the bench past 340 MB) and saved no CPU. SQLITE_MMAP_MB sets it.
 */
export const SQLITE_MMAP_MB = 0;

/**
 * `cacheMb` / `mmapMb`: SQLite's page cache and memory map for this connection (above).
 * `maxPages` caps the file (PRAGMA max_page_count, a setting of this connection): a quota for a
 * small disk, and how the fault bench fills the "disk" honestly (SQLITE_FULL → 503, ADR 0038).
 * `checkpoint`: 'background' (default for a file) copies the WAL back on a worker thread, the
 * app's connection checkpointing only at a bound (ADR 0054); 'inline' is SQLite's default, every
 * 1,000 pages inside a COMMIT (kept to measure against).
 */
function openSqlite(
  file: string,
  o: { maxPages?: number | undefined; checkpoint: 'background' | 'inline'; cacheMb: number; mmapMb: number },
  log: DatabaseLogger,
): Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // WAL lets readers run beside the one writer; FULL sync because a lost appeal is worse than
  // a slower write; busy_timeout so a second process waits instead of failing at once.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Negative: a size in KiB, whatever the page size.
  sqlite.pragma(`cache_size = -${Math.floor(o.cacheMb) * 1024}`);
  sqlite.pragma(`mmap_size = ${Math.floor(o.mmapMb) * 1024 * 1024}`);
  if (o.maxPages !== undefined) sqlite.pragma(`max_page_count = ${Math.floor(o.maxPages)}`);
  const checkpointer = file !== ':memory:' && o.checkpoint === 'background' ? startSqliteCheckpointer(file, log) : undefined;
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${WAL_BOUND_PAGES}`);
  const poolUse = (): PoolUse => ({ kind: 'sqlite', fileBytes: fileSize(file), walBytes: fileSize(`${file}-wal`), checkpointer: checkpointer?.figures() ?? null });
  const kysely = new Kysely<DB>({ dialect: new ProductSqliteDialect({ database: withStatementCache(sqlite) }) });
  return wrap(kysely, 'sqlite', poolUse, async () => checkpointer?.stop());
}

/**
 * Kysely's SQLite driver, with two changes to how transactions begin and end.
 *
 * BEGIN IMMEDIATE (ADR 0073): a unit of work takes SQLite's write lock when it starts. Kysely's
 * plain BEGIN is deferred: a unit of work that read first and wrote later failed at its first
 * write with SQLITE_BUSY (a busy snapshot, which never waits on busy_timeout) whenever another
 * process had committed in between (the worker process, a migration, a tool), and the caller got
 * a 503 for nothing it did wrong. Taken at BEGIN, the lock is waited for like any other.
 *
 * ROLLBACK that finds no transaction: SQLite rolls a transaction back by itself on some errors
 * (SQLITE_FULL or SQLITE_IOERR at COMMIT); Kysely's ROLLBACK then fails with "no transaction is
 * active" and that error replaced the real one, so a full disk looked like a bug (500, and the
 * drainer counted it against the rows until it parked them). SQLite documents that failed
 * ROLLBACK as harmless: it is ignored, and the original error is what the caller sees (ADR 0038).
 */
class ProductSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      try {
        await rollback(connection);
      } catch (error) {
        if (!(error instanceof Error && /no transaction is active/.test(error.message))) throw error;
      }
    };
    return driver;
  }
}

/** Distinct SQL texts kept prepared; IN lists of varying length make some queries many texts. */
const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query anew, and on SQLite preparing costs about as much as running a
 * small indexed query (a tenth of the intake drainer's CPU, ADR 0037). Statements are kept by
 * their SQL text, the least recently used dropped past STATEMENT_CACHE. A statement still being
 * iterated (a streamed query) is busy and not shared: that caller gets a fresh one. SQLite itself
 * re-prepares a kept statement after a schema change.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database): { close(): void; prepare(sql: string): BetterSqlite3.Statement } {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text) => {
      const kept = cache.get(text);
      if (kept && !kept.busy) {
        cache.delete(text);
        cache.set(text, kept);
        return kept;
      }
      const stmt = sqlite.prepare(text);
      if (kept) return stmt;
      cache.set(text, stmt);
      if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
  };
}

/** Unique-constraint violations, told apart the same way on both dialects. */
export function isUniqueViolation(error: unknown): boolean {
  return classifyDatabaseError(error)?.kind === 'unique';
}
