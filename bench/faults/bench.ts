import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { MAX_ATTEMPTS } from '../../packages/server/src/modules/public-intake/repository.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { createJurisdiction, createOrgUnit } from '../../packages/server/src/modules/org/service.js';
import { freePort, ServerProcess } from './server-process.js';
import { findMissing, sendAppeals } from './traffic.js';

export interface FaultBenchOptions {
  db: 'sqlite' | 'postgres';
  /** Bursts, each cut by kill -9 and followed by a restart. */
  rounds: number;
  /** Appeals sent per burst. */
  burst: number;
  connections: number;
  /** Appeals sent while the database is read-only (each must be answered 503). */
  readOnlyAppeals: number;
  /** Appeals sent once the SQLite file may not grow (disk full): 201 while they fit, then 503. Default 60. */
  diskFullAppeals?: number;
  /** PostgreSQL server to make the scratch database on (default: TEST_DATABASE_URL, else 127.0.0.1:5432). */
  pgAdminUrl?: string;
}

export interface FaultBenchResult {
  db: 'sqlite' | 'postgres';
  rounds: number;
  sent: number;
  acknowledged: number;
  /** Sent but not acknowledged (cut by the kill, refused while down): the sender knows to retry. */
  unacknowledged: number;
  /** Acknowledged and not found after a restart. Must be 0. */
  lost: number;
  /** Kill -9 → /healthz 200 again, per restart (ms). */
  restartMs: number[];
  readOnly: {
    how: string;
    sent: number;
    /** Answers by status while read-only; all must be 503. */
    statuses: Record<string, number>;
    codes: Record<string, number>;
    /** Acknowledged appeals still found (tracking page) while read-only. */
    foundWhileReadOnly: number;
    /** An appeal is accepted again once the database is writable. */
    writableAgain: boolean;
  };
  /**
   * SQLite only (null on PostgreSQL, whose 53100 maps the same way but needs a small filesystem to
   * cause): the server restarted with the file capped at its current size (PRAGMA max_page_count),
   * so the disk is "full" for it; a burst is answered 201 while rows fit, then 503, and nothing
   * acknowledged is lost; then restarted without the cap.
   */
  diskFull: {
    how: string;
    sent: number;
    acknowledged: number;
    /** Answers other than 2xx, by status (only 503 allowed) and by error code. */
    statuses: Record<string, number>;
    codes: Record<string, number>;
    /** Every appeal acknowledged so far (before and during) found while full, and after. */
    foundWhileFull: number;
    foundAfter: number;
    /** Accepted rows counted as failed by the drainer because of the full disk: must be 0. */
    parked: number;
    writableAgain: boolean;
  } | null;
  /** Every acknowledged appeal is found at the end. */
  ok: boolean;
}

interface Scratch {
  databaseUrl: string;
  /** Make the database read-only (SQLite: after the server is stopped) and undo it. */
  readOnly(): Promise<{ how: string; uid?: number }>;
  writable(): Promise<void>;
  cleanup(): Promise<void>;
}

const NOBODY = 65534;

async function scratchSqlite(): Promise<Scratch> {
  const dir = mkdtempSync(path.join(tmpdir(), 'openline-faults-'));
  // Another user must be able to reach the file to read it (the read-only phase when run as root).
  chmodSync(dir, 0o755);
  const file = path.join(dir, 'faults.db');
  const files = (): string[] => [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f));
  const root = process.getuid?.() === 0;
  return {
    databaseUrl: `sqlite:${file}`,
    readOnly: async () => {
      if (root) {
        // root writes through any file mode: run the server as nobody over root's 0644 files instead.
        return { how: 'server run as nobody over root-owned files (0644, directory 0755)', uid: NOBODY };
      }
      for (const f of files()) chmodSync(f, 0o444);
      chmodSync(dir, 0o555);
      return { how: 'chmod a-w on the database, its WAL and its directory' };
    },
    writable: async () => {
      if (root) return;
      chmodSync(dir, 0o755);
      for (const f of files()) chmodSync(f, 0o644);
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function scratchPostgres(adminUrl: string | undefined): Promise<Scratch> {
  const admin = adminUrl ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `openline_faults_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const sqlAsAdmin = async (text: string): Promise<void> => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  // Sessions keep the setting they started with: end the server's, so its pool reconnects under the new one.
  const endSessions = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`;
  await sqlAsAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    readOnly: async () => {
      await sqlAsAdmin(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
      await sqlAsAdmin(endSessions);
      return { how: 'ALTER DATABASE … SET default_transaction_read_only = on, sessions ended (server kept running)' };
    },
    writable: async () => {
      await sqlAsAdmin(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
      await sqlAsAdmin(endSessions);
    },
    cleanup: () => sqlAsAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** The file's size in pages, read with the server stopped (its WAL checkpointed at close). */
function sqlitePageCount(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return Number(db.pragma('page_count', { simple: true }));
  } finally {
    db.close();
  }
}

/** Accepted rows the drainer gave up on (MAX_ATTEMPTS failures): a full disk must park none. */
function sqliteParkedRows(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return Number(db.prepare('select count(*) as n from public_intake where processed_at is null and attempts >= ?').pluck().get(MAX_ATTEMPTS));
  } finally {
    db.close();
  }
}

/** A jurisdiction for the public form to file into; nothing else (no demo). */
async function seed(databaseUrl: string): Promise<void> {
  const database = openDatabase(databaseUrl.startsWith('sqlite:') ? { kind: 'sqlite', file: databaseUrl.slice('sqlite:'.length) } : { kind: 'postgres', url: databaseUrl });
  try {
    await migrateToLatest(database.db);
    const j = await createJurisdiction(database.db, { code: 'fault-city', name: '故障演练市' });
    const city = await createOrgUnit(database.db, { jurisdictionId: j.id, parentId: null, name: '故障演练市人民政府', kind: 'city' });
    await createOrgUnit(database.db, { jurisdictionId: j.id, parentId: city.id, name: '12345热线中心', kind: 'centre' });
  } finally {
    await database.close();
  }
}

/** Tries an appeal a few times (the first may meet a connection the database just ended). */
async function acceptsAgain(url: string, n: number, runTag: string): Promise<string | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const burst = await sendAppeals({ url, count: 1, connections: 1, first: n + attempt, runTag });
    const code = burst.acknowledged[0];
    if (code !== undefined) return code;
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

/**
 * Bursts of public appeals against the real server in its own process, each burst cut by
 * kill -9 once part of it is acknowledged; after every restart each appeal acknowledged so far
 * must be found by its tracking code. Then the database turns read-only: appeals must be
 * answered 503 DATABASE_UNAVAILABLE, acknowledged ones still found; then writable again.
 * HTTP only, so it measures whatever intake the server runs (synchronous or batched).
 */
export async function runFaultBench(options: FaultBenchOptions): Promise<FaultBenchResult> {
  const scratch = options.db === 'sqlite' ? await scratchSqlite() : await scratchPostgres(options.pgAdminUrl);
  const runTag = randomBytes(3).toString('hex');
  const serverOptions = { databaseUrl: scratch.databaseUrl, port: await freePort(), dataKey: randomBytes(32).toString('base64') };
  let server = new ServerProcess(serverOptions);
  const acknowledged: string[] = [];
  const restartMs: number[] = [];
  let sent = 0;
  let lost = 0;
  let n = 0;
  try {
    await seed(scratch.databaseUrl);
    await server.start();
    for (let round = 0; round < options.rounds; round++) {
      const killAt = Math.max(1, Math.floor(options.burst * 0.4));
      let killing: Promise<void> | undefined;
      const burst = await sendAppeals({
        url: server.url, count: options.burst, connections: options.connections, first: n, runTag,
        onAck: (acks) => {
          if (acks === killAt) killing = server.kill9();
        },
      });
      await (killing ?? server.kill9());
      n += options.burst;
      sent += burst.sent;
      acknowledged.push(...burst.acknowledged);
      const restarted = Date.now();
      server = new ServerProcess(serverOptions);
      await server.start();
      restartMs.push(Date.now() - restarted);
      const missing = await findMissing(server.url, acknowledged);
      lost = Math.max(lost, missing.length);
    }

    // Read-only: SQLite needs a restart to lose its write access; PostgreSQL turns read-only under the running server.
    if (options.db === 'sqlite') await server.kill9();
    const ro = await scratch.readOnly();
    if (options.db === 'sqlite') {
      server = new ServerProcess({ ...serverOptions, ...(ro.uid === undefined ? {} : { uid: ro.uid }) });
      await server.start();
    }
    const refused = await sendAppeals({ url: server.url, count: options.readOnlyAppeals, connections: Math.min(4, options.connections), first: n, runTag });
    n += options.readOnlyAppeals;
    const missingWhileReadOnly = await findMissing(server.url, acknowledged);
    const statuses: Record<string, number> = { ...refused.statuses };
    if (refused.acknowledged.length > 0) statuses['2xx'] = refused.acknowledged.length;
    if (refused.noAnswer > 0) statuses['no answer'] = refused.noAnswer;

    if (options.db === 'sqlite') await server.stop();
    await scratch.writable();
    if (options.db === 'sqlite') {
      server = new ServerProcess(serverOptions);
      await server.start();
    }
    const again = await acceptsAgain(server.url, n, runTag);
    n += 10;
    const beforeFull = acknowledged.length;
    if (again !== null) acknowledged.push(again);
    lost = Math.max(lost, (await findMissing(server.url, acknowledged)).length);

    let diskFull: FaultBenchResult['diskFull'] = null;
    if (options.db === 'sqlite') {
      await server.stop();
      const file = scratch.databaseUrl.slice('sqlite:'.length);
      const pages = sqlitePageCount(file);
      server = new ServerProcess({ ...serverOptions, env: { SQLITE_MAX_PAGES: String(pages) } });
      await server.start();
      const count = options.diskFullAppeals ?? 60;
      const full = await sendAppeals({ url: server.url, count, connections: Math.min(4, options.connections), first: n, runTag });
      n += count;
      acknowledged.push(...full.acknowledged);
      const missingWhileFull = await findMissing(server.url, acknowledged);
      await server.stop();
      server = new ServerProcess(serverOptions);
      await server.start();
      const afterFull = await acceptsAgain(server.url, n, runTag);
      n += 10;
      const missingAfter = await findMissing(server.url, acknowledged);
      lost = Math.max(lost, missingAfter.length);
      const statuses: Record<string, number> = { ...full.statuses };
      if (full.noAnswer > 0) statuses['no answer'] = full.noAnswer;
      diskFull = {
        how: `server restarted with SQLITE_MAX_PAGES=${pages} (PRAGMA max_page_count: the file may not grow)`,
        sent: full.sent, acknowledged: full.acknowledged.length, statuses, codes: full.codes,
        foundWhileFull: acknowledged.length - missingWhileFull.length, foundAfter: acknowledged.length - missingAfter.length,
        parked: sqliteParkedRows(file), writableAgain: afterFull !== null,
      };
      if (afterFull !== null) acknowledged.push(afterFull);
    }
    await server.stop();

    const readOnly = {
      how: ro.how,
      sent: refused.sent,
      statuses,
      codes: refused.codes,
      foundWhileReadOnly: beforeFull - missingWhileReadOnly.length,
      writableAgain: again !== null,
    };
    const allRefused = readOnly.statuses['503'] === refused.sent && readOnly.codes.DATABASE_UNAVAILABLE === refused.sent;
    const fullOk = diskFull === null || (
      diskFull.statuses['503'] !== undefined && Object.keys(diskFull.statuses).every((s) => s === '503') &&
      Object.keys(diskFull.codes).every((c) => c === 'DATABASE_UNAVAILABLE') && diskFull.foundWhileFull === diskFull.foundAfter &&
      diskFull.parked === 0 && diskFull.writableAgain);
    return {
      db: options.db,
      rounds: options.rounds,
      sent,
      acknowledged: beforeFull,
      unacknowledged: sent - beforeFull,
      lost,
      restartMs,
      readOnly,
      diskFull,
      ok: lost === 0 && allRefused && missingWhileReadOnly.length === 0 && again !== null && fullOk,
    };
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${server.lastOutput}`);
  } finally {
    await server.kill9();
    await scratch.cleanup();
  }
}
