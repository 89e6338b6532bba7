import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../packages/server/src/config.js';
import { openDatabase, type Database } from '../../packages/server/src/db/database.js';

/**
 * A throw-away database for one benchmark run: a fresh SQLite file, or a new PostgreSQL database
 * on TEST_DATABASE_URL's server (else 127.0.0.1:5432), dropped by cleanup().
 * `pgTemplate` (PostgreSQL): the new database is a copy of that one (a seeded city, copied by the
 * server in seconds instead of generated again); if it does not exist yet, it is created empty and
 * kept (not dropped), for the caller to seed once. `copied` says which.
 */
export async function openBenchDatabase(
  kind: string,
  o: { checkpoint?: 'background' | 'inline'; pgTemplate?: string | undefined } = {},
): Promise<{ database: Database; config: DatabaseConfig; cleanup: () => Promise<void>; copied: boolean }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'openline-bench-'));
    // `checkpoint`: where the WAL is copied back (ADR 0054), to measure both side by side.
    // SQLITE_CACHE_MB / SQLITE_MMAP_MB as the server takes them (ADR 0063), to measure settings side by side.
    const mb = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
    const config: DatabaseConfig = { kind: 'sqlite', file: path.join(dir, 'bench.db'), checkpoint: o.checkpoint, cacheMb: mb('SQLITE_CACHE_MB'), mmapMb: mb('SQLITE_MMAP_MB') };
    return { database: openDatabase(config), config, cleanup: async () => rmSync(dir, { recursive: true, force: true }), copied: false };
  }
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const template = o.pgTemplate;
  if (template !== undefined && !/^[a-z_][a-z0-9_]*$/.test(template)) throw new Error(`--pg-template: ${template} is not a plain database name`);
  // BENCH_DB_PREFIX names it for whoever shares the server (a helper's letter), so a leftover is traced.
  const name = `${process.env.BENCH_DB_PREFIX ?? 'openline'}_bench_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  const copied = template !== undefined && (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount === 1;
  const keep = template !== undefined && !copied;
  await c.query(keep ? `CREATE DATABASE ${template}` : copied ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${keep ? template : name}`;
  const config: DatabaseConfig = { kind: 'postgres', url: url.toString() };
  return {
    database: openDatabase(config),
    config,
    copied,
    cleanup: async () => {
      if (keep) return;
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}
