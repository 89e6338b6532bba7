import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../packages/server/src/config.js';
import { openDatabase, type Database } from '../../packages/server/src/db/database.js';

/**
 * A throw-away database for one benchmark run: a fresh SQLite file, or a new PostgreSQL database
 * on TEST_DATABASE_URL's server (else 127.0.0.1:5432), dropped by cleanup().
 */
export async function openBenchDatabase(kind: string, o: { checkpoint?: 'background' | 'inline' } = {}): Promise<{ database: Database; config: DatabaseConfig; cleanup: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'openline-bench-'));
    // `checkpoint`: where the WAL is copied back (ADR 0054), to measure both side by side.
    const config: DatabaseConfig = { kind: 'sqlite', file: path.join(dir, 'bench.db'), checkpoint: o.checkpoint };
    return { database: openDatabase(config), config, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // BENCH_DB_PREFIX names it for whoever shares the server (a helper's letter), so a leftover is traced.
  const name = `${process.env.BENCH_DB_PREFIX ?? 'openline'}_bench_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { kind: 'postgres', url: url.toString() };
  return {
    database: openDatabase(config),
    config,
    cleanup: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}
