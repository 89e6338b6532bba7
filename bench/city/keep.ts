import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../packages/server/src/config.js';
import type { GeneratedCity } from './generate.js';

/** What a kept city's directory holds in city.json: enough to open it again (the server needs the key). */
export interface KeptCity {
  database: DatabaseConfig;
  /** The sealing key, base64 (OPENLINE_DATA_KEY). */
  key: string;
  city: Omit<GeneratedCity, 'phoneOf'>;
}

/**
 * Where a city is generated: a new SQLite file in `dir`, or a new PostgreSQL database on
 * TEST_DATABASE_URL's server (else 127.0.0.1:5432). drop() removes it (not called for --keep).
 */
export async function newCityDatabase(
  kind: string,
  dir: string,
  adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
): Promise<{ config: DatabaseConfig; key: Buffer; drop: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32);
  if (kind === 'sqlite') return { config: { kind: 'sqlite', file: path.join(dir, 'city.db') }, key, drop: async () => undefined };
  const admin = adminUrl;
  // CITY_DB_PREFIX lets helpers sharing one PostgreSQL server tell their cities apart.
  const name = `${process.env.CITY_DB_PREFIX ?? 'openline_city'}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    key,
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

export function writeKept(dir: string, kept: KeptCity): string {
  const file = path.join(dir, 'city.json');
  writeFileSync(file, `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600 });
  return file;
}

export function readKept(dir: string): KeptCity {
  return JSON.parse(readFileSync(path.join(dir, 'city.json'), 'utf8')) as KeptCity;
}
