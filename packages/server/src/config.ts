import { isIP } from 'node:net';
import path from 'node:path';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from '@openline/core';
import { z } from 'zod';
import { smsGatewayConfigFrom, SmsGatewayConfigError, smsGatewayEnvSchema, type SmsGatewayConfig } from './config-sms-gateways.js';
import { DEFAULT_PUBLIC_INTAKE_KEEP_DAYS } from './modules/public-intake/purge.js';

/**
 * The only module that reads process.env. Everything else receives a typed Config, so a
 * misconfigured deployment fails at start-up with one clear message instead of at the first
 * request that happens to touch the bad setting.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/openline.db')
    .refine((v) => v.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be sqlite:<path> or postgres://user@host:port/database',
    }),
  OPENLINE_DATA_KEY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  DEMO: z.enum(['0', '1']).optional(),
  WEB_DIST: z.string().min(1).optional(),
  TRUST_PROXY: z.string().trim().default('0'),
  PUBLIC_RATE_LIMITS: z.enum(['0', '1']).default('1'),
  /** SQLite only: a cap on the database file, in pages (PRAGMA max_page_count); writes past it answer 503. */
  SQLITE_MAX_PAGES: z.coerce.number().int().min(1).optional(),
  // Where SQLite's WAL is copied back (ADR 0054): on a worker thread (default), or inside commits.
  SQLITE_CHECKPOINT: z.enum(['background', 'inline']).optional(),
  // SQLite's page cache and memory map for the app's connection, in MiB (ADR 0063; defaults in db/database.ts).
  SQLITE_CACHE_MB: z.coerce.number().int().min(1).max(4096).optional(),
  SQLITE_MMAP_MB: z.coerce.number().int().min(0).max(2047).optional(),
  // PostgreSQL: signed-in reads authorised from a per-process cache kept by NOTIFY (ADR 0078); 0 reads every session afresh.
  SESSION_CACHE: z.enum(['0', '1']).default('1'),
  WORKER: z.enum(['0', '1']).default('1'),
  WORKER_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  PUBLIC_INTAKE_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_PUBLIC_INTAKE_KEEP_DAYS),
  OUTBOX_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  OUTBOX_WEBHOOK_SECRET: z.string().min(16).optional(),
  SMS_WEBHOOK_SECRET: z.string().min(16).optional(),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').regex(/^\S+$/, 'must not contain spaces').optional(),
  PETITION_WINDOW_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  ATTACHMENT_STORE: z.enum(['local', 's3']).default('local'),
  ATTACHMENT_DIR: z.string().min(1).optional(),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(DEFAULT_ATTACHMENT_LIMITS.maxBytes),
  ATTACHMENT_MAX_PER_CASE: z.coerce.number().int().min(1).max(1000).default(DEFAULT_ATTACHMENT_LIMITS.maxPerCase),
  ATTACHMENT_MAX_PER_APPEAL: z.coerce.number().int().min(1).max(100).default(DEFAULT_ATTACHMENT_LIMITS.maxPerAppeal),
  ATTACHMENT_APPEAL_WINDOW_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(DEFAULT_ATTACHMENT_LIMITS.appealWindowMinutes),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
}).extend(smsGatewayEnvSchema.shape);

/** Where attachment bytes go (ADR 0035): a directory, or an S3-compatible bucket. */
export type AttachmentStoreConfig =
  | { kind: 'local'; dir: string }
  | { kind: 's3'; endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };

export type DatabaseConfig =
  | {
    kind: 'sqlite'; file: string; maxPages?: number | undefined; checkpoint?: 'background' | 'inline' | undefined;
    cacheMb?: number | undefined; mmapMb?: number | undefined;
  }
  | { kind: 'postgres'; url: string };

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Base64 (or hex) of 32 bytes; absent means "embedded mode may generate one". */
  dataKey: string | undefined;
  /** Where the embedded key file lives when no key is configured. */
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /**
   * Load demo data (published password) into an empty database. Never touches a database that
   * has data. On by default only where a newcomer runs `npm start`: SQLite outside production.
   */
  demo: boolean;
  webDist: string | undefined;
  /**
   * Which proxies may say who the client is (X-Forwarded-For): none (false), the nearest N hops,
   * or only these addresses / CIDRs. Never "all": a client could then name its own address.
   */
  trustProxy: TrustProxy;
  /** false only under PUBLIC_RATE_LIMITS=0 (load tests): the public form, tracking and SMS limits are off. */
  publicRateLimits: boolean;
  /** PostgreSQL: signed-in reads may take the session from the process's cache (ADR 0078); false under SESSION_CACHE=0. */
  sessionCache: boolean;
  /** A case export matching more rows than this is refused before it starts (EXPORT_TOO_LARGE). */
  exportMaxRows: number;
  /** Run the background worker (outbox, supervision) inside the web process. */
  workerInProcess: boolean;
  workerIntervalMs: number;
  /** Processed public intake rows are purged by the worker after this many days (ADR 0037). */
  publicIntakeKeepDays: number;
  /** Unset: messages are delivered to the log (embedded default). */
  outboxWebhook: { url: string; secret: string | undefined } | undefined;
  /** Shared with the SMS gateway to sign inbound webhooks; unset: the SMS channel is off (503). */
  smsWebhookSecret: string | undefined;
  /** Bearer token Prometheus sends to GET /metrics; unset: /metrics answers loopback peers only (ADR 0034). */
  metricsToken: string | undefined;
  /** Where citizens reach the public pages (https://12345.example.gov.cn), for links in SMS replies; unset: a path only. */
  publicBaseUrl: string | undefined;
  /** The SMS providers' push formats, destination codes and sender (ADR 0030; config-sms-gateways.ts). */
  smsGateways: SmsGatewayConfig;
  /** How long an incomplete SMS petition waits for the sender's follow-ups before it expires (ADR 0029). */
  petitionWindowHours: number;
  attachments: { store: AttachmentStoreConfig; limits: AttachmentLimits };
}

export type TrustProxy = false | number | string[];

/** Names proxy-addr understands for whole private ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `0` (no proxy), a hop count (`1` = one reverse proxy in front), or a comma-separated
 * list of proxy addresses and CIDRs (`10.0.0.0/8,127.0.0.1`, also `loopback`, `uniquelocal`).
 */
export function parseTrustProxy(value: string): TrustProxy {
  if (/^\d{1,2}$/.test(value)) return Number(value) === 0 ? false : Number(value);
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e.length > 0);
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (entries.length === 0 || bad.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  TRUST_PROXY: must be 0, a hop count, or proxy addresses/CIDRs separated by commas (not: ${bad.join(', ') || value})`);
  }
  return entries;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const databaseUrl = parseDatabaseUrl(e.DATABASE_URL);
  const database: DatabaseConfig = databaseUrl.kind === 'sqlite' ? { ...databaseUrl, maxPages: e.SQLITE_MAX_PAGES, checkpoint: e.SQLITE_CHECKPOINT, cacheMb: e.SQLITE_CACHE_MB, mmapMb: e.SQLITE_MMAP_MB } : databaseUrl;
  const publicBaseUrl = e.PUBLIC_BASE_URL?.replace(/\/+$/, '');
  let smsGateways: SmsGatewayConfig;
  try {
    smsGateways = smsGatewayConfigFrom(e, publicBaseUrl);
  } catch (error) {
    if (error instanceof SmsGatewayConfigError) throw new ConfigError(`Invalid configuration:\n  ${error.message}`);
    throw error;
  }
  const dataDir = database.kind === 'sqlite' ? path.dirname(database.file) : path.resolve('data');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database,
    dataKey: e.OPENLINE_DATA_KEY,
    dataDir,
    logLevel: e.LOG_LEVEL,
    demo: demoWanted(e.DEMO, e.NODE_ENV, database),
    webDist: e.WEB_DIST,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    publicRateLimits: e.PUBLIC_RATE_LIMITS === '1',
    sessionCache: e.SESSION_CACHE === '1',
    workerInProcess: e.WORKER === '1',
    workerIntervalMs: e.WORKER_INTERVAL_MS,
    publicIntakeKeepDays: e.PUBLIC_INTAKE_KEEP_DAYS,
    outboxWebhook: e.OUTBOX_WEBHOOK_URL ? { url: e.OUTBOX_WEBHOOK_URL, secret: e.OUTBOX_WEBHOOK_SECRET } : undefined,
    smsWebhookSecret: e.SMS_WEBHOOK_SECRET,
    publicBaseUrl,
    smsGateways,
    exportMaxRows: e.EXPORT_MAX_ROWS,
    metricsToken: e.METRICS_TOKEN,
    petitionWindowHours: e.PETITION_WINDOW_HOURS,
    attachments: {
      store: attachmentStoreConfig(e, dataDir),
      limits: {
        maxBytes: e.ATTACHMENT_MAX_BYTES, maxPerCase: e.ATTACHMENT_MAX_PER_CASE, maxPerAppeal: e.ATTACHMENT_MAX_PER_APPEAL,
        appealWindowMinutes: e.ATTACHMENT_APPEAL_WINDOW_MINUTES,
      },
    },
  };
}

/** ATTACHMENT_STORE=s3 needs all four S3 settings; a half-configured bucket fails at start-up, not at the first photo. */
function attachmentStoreConfig(e: z.infer<typeof envSchema>, dataDir: string): AttachmentStoreConfig {
  if (e.ATTACHMENT_STORE === 'local') return { kind: 'local', dir: path.resolve(e.ATTACHMENT_DIR ?? path.join(dataDir, 'attachments')) };
  const { S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = e;
  if (!endpoint || !bucket || !accessKeyId || !secretAccessKey) {
    throw new ConfigError('Invalid configuration:\n  ATTACHMENT_STORE=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  return { kind: 's3', endpoint, bucket, region: e.S3_REGION, accessKeyId, secretAccessKey };
}

/**
 * DEMO=1 or DEMO=0 decides. Unset, only a fresh clone's embedded install gets the demo: an
 * empty PostgreSQL database is a real deployment being set up, and production is production.
 */
function demoWanted(flag: '0' | '1' | undefined, env: Config['env'], database: DatabaseConfig): boolean {
  if (flag !== undefined) return flag === '1';
  return env !== 'production' && database.kind === 'sqlite';
}

function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file.length === 0) throw new ConfigError('DATABASE_URL: sqlite: needs a file path');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  return { kind: 'postgres', url };
}
