import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, type Config } from '../config.js';
import { parseDataKey } from './pii.js';

export interface KeyLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Resolves the personal-data key. A configured key always wins. In embedded (SQLite) mode a
 * key is generated once into data/ so `npm start` works on a fresh machine; a PostgreSQL
 * deployment is multi-process and must be given the same key everywhere, so it fails fast.
 */
export function resolveDataKey(config: Config, log: KeyLogger): Buffer {
  if (config.dataKey) return parseDataKey(config.dataKey);
  if (config.database.kind !== 'sqlite') {
    throw new ConfigError('OPENLINE_DATA_KEY is required with PostgreSQL (32 bytes, base64): generate one with `openssl rand -base64 32`');
  }
  const file = path.join(config.dataDir, 'openline.key');
  if (existsSync(file)) return parseDataKey(readFileSync(file, 'utf8'));
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  log.warn(
    { file },
    'Generated a new personal-data key. Back it up with the database: without it encrypted names and phone numbers cannot be read. Set OPENLINE_DATA_KEY in production.',
  );
  return parseDataKey(readFileSync(file, 'utf8'));
}
