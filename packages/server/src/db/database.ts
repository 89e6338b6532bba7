import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { classifyDatabaseError } from './refusals.js';
import type { DB } from './schema.js';

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
  | { kind: 'sqlite'; fileBytes: number; walBytes: number };

const PG_POOL_MAX = 10;

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
  if (config.kind === 'sqlite') return openSqlite(config.file);
  const pool = new pg.Pool({ connectionString: config.url, max: PG_POOL_MAX, types: pgTypes });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // pg emits it on the pool, and the pool replaces the connection on next use.
  pool.on('error', (err) => log.error({ err }, 'PostgreSQL connection lost; it will be replaced'));
  const poolUse = (): PoolUse => ({ kind: 'postgres', total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: PG_POOL_MAX });
  return wrap(new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), 'postgres', poolUse);
}

function wrap(db: Kysely<DB>, dialect: Dialect, poolUse: () => PoolUse): Database {
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
    close: () => db.destroy(),
  };
}

function openSqlite(file: string): Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // WAL lets readers run beside the one writer; FULL sync because a lost appeal is worse than
  // a slower write; busy_timeout so a second process waits instead of failing at once.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const poolUse = (): PoolUse => ({ kind: 'sqlite', fileBytes: fileSize(file), walBytes: fileSize(`${file}-wal`) });
  return wrap(new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }), 'sqlite', poolUse);
}

/** Distinct SQL texts kept prepared; `IN (?, ?, …)` lists of every length make the set open-ended. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every statement again on every call. Preparing is most of the
 * fixed cost of a small read (an unknown caller's history, four empty index probes, cost 0.84 ms
 * of CPU, docs/benchmarks.md), so statements are kept by their SQL text, least recently used
 * dropped. SQLite re-prepares a kept statement by itself when the schema changes. A statement
 * still iterating (a streamed export) is never handed out twice: a fresh one is prepared.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (text: string) => {
      const kept = cache.get(text);
      if (kept && !kept.busy) {
        // Map order is insertion order: re-inserting marks it the most recently used.
        cache.delete(text);
        cache.set(text, kept);
        return kept;
      }
      const stmt = sqlite.prepare(text);
      if (!kept) {
        cache.set(text, stmt);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      return stmt;
    },
  };
}

/** Unique-constraint violations, told apart the same way on both dialects. */
export function isUniqueViolation(error: unknown): boolean {
  return classifyDatabaseError(error)?.kind === 'unique';
}
