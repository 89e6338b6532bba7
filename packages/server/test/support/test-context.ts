import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { LiveHubOptions } from '../../src/modules/live/hub.js';
import { createPiiCipher, type PiiCipher } from '../../src/crypto/pii.js';
import type { DatabaseConfig } from '../../src/config.js';
import type { SmsGatewayConfig } from '../../src/config-sms-gateways.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { AppContext } from '../../src/lib/app-context.js';
import type { AttachmentSettings } from '../../src/modules/attachments/settings.js';

export const dialect = inject('dialect');
const pgAdminUrl = inject('pgAdminUrl');

/** `describe` that skips the PostgreSQL run when no server is available (announced in global setup). */
export const describeDb: typeof describe =
  dialect === 'postgres' && pgAdminUrl === null ? (describe.skip as typeof describe) : describe;

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  pii: PiiCipher;
  /** The raw data key, for a second process that must read what this one sealed. */
  dataKey: Buffer;
  ctx: AppContext;
  /** How to open a second connection to the same database (a "second process"). */
  databaseConfig: DatabaseConfig;
  /** SQLite file path (SQLite runs only). */
  sqliteFile: string | null;
  /** Closes the database early (to test failures); close() still cleans up. */
  closeDatabase(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database of the suite's dialect and a real app on top of it. Every call
 * gets its own SQLite file or its own PostgreSQL database, so test files never collide, also
 * when two test runs share one PostgreSQL server.
 */
export async function createTestContext(options: { webDist?: string; smsWebhookSecret?: string; smsGateways?: SmsGatewayConfig; publicBaseUrl?: string; live?: Partial<LiveHubOptions>; metricsToken?: string; logStream?: { write(line: string): void }; attachments?: AttachmentSettings; publicIntakeDrainer?: boolean } = {}): Promise<TestContext> {
  const dataKey = randomBytes(32);
  const pii = createPiiCipher(dataKey);
  let database: Database;
  let databaseConfig: DatabaseConfig;
  let sqliteFile: string | null = null;
  let cleanup: () => Promise<void>;

  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'openline-test-'));
    sqliteFile = path.join(dir, 'test.db');
    databaseConfig = { kind: 'sqlite', file: sqliteFile };
    database = openDatabase(databaseConfig);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    if (!pgAdminUrl) throw new Error('PostgreSQL suite needs a server');
    const name = `openline_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgAdminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(pgAdminUrl);
    url.pathname = `/${name}`;
    databaseConfig = { kind: 'postgres', url: url.toString() };
    // DROP DATABASE … WITH (FORCE) at teardown terminates connections the pool is still closing
    // (57P01); that is the test's doing, not a fault worth printing.
    database = openDatabase(databaseConfig, {
      error: (obj, msg) => {
        const code = (obj as { err?: { code?: string } }).err?.code;
        if (code !== '57P01') console.error(msg, obj);
      },
    });
    cleanup = async () => {
      const a = new pg.Client({ connectionString: pgAdminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }

  await migrateToLatest(database.db);
  const app = await buildApp({
    config: { logLevel: options.logStream ? 'info' : 'silent', webDist: options.webDist ?? path.join(tmpdir(), 'openline-no-web'), trustProxy: false, smsWebhookSecret: options.smsWebhookSecret, smsGateways: options.smsGateways, publicBaseUrl: options.publicBaseUrl, live: options.live, metricsToken: options.metricsToken },
    database,
    pii,
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.attachments ? { attachments: options.attachments } : {}),
    publicIntakeDrainer: options.publicIntakeDrainer,
  });
  await app.ready();
  let databaseOpen = true;
  const closeDatabase = async (): Promise<void> => {
    if (!databaseOpen) return;
    databaseOpen = false;
    await database.close();
  };
  return {
    app,
    database,
    pii,
    dataKey,
    ctx: { db: database.db, dialect: database.dialect, pii },
    databaseConfig,
    sqliteFile,
    closeDatabase,
    close: async () => {
      await app.close();
      await closeDatabase();
      await cleanup();
    },
  };
}
