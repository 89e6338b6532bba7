import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has working defaults for the embedded mode', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.database).toEqual({ kind: 'sqlite', file: path.resolve('data/openline.db') });
    expect(c.demo).toBe(true);
    expect(c.logLevel).toBe('info');
  });

  it('selects PostgreSQL from a postgres:// URL', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/openline' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/openline' });
  });

  it('trusts no proxy, a hop count, or listed proxies only; never every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,loopback,::1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', 'loopback', '::1']);
    for (const bad of ['true', 'all', '10.0.0.0/33', '10.0.0.1/8/2', 'proxy.example', ',']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it('stores attachments under the data directory, or in a fully configured S3 bucket (ADR 0035)', () => {
    const local = loadConfig({ DATABASE_URL: 'sqlite:/srv/openline/openline.db' }).attachments;
    expect(local.store).toEqual({ kind: 'local', dir: path.resolve('/srv/openline/attachments') });
    expect(local.limits).toEqual({ maxBytes: 10 * 1024 * 1024, maxPerCase: 30, maxPerAppeal: 5, appealWindowMinutes: 60 });
    const s3 = { ATTACHMENT_STORE: 's3', S3_ENDPOINT: 'https://oss.example.cn', S3_BUCKET: 'openline', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' };
    expect(loadConfig(s3).attachments.store).toEqual({ kind: 's3', endpoint: 'https://oss.example.cn', bucket: 'openline', region: 'us-east-1', accessKeyId: 'id', secretAccessKey: 'secret' });
    expect(() => loadConfig({ ...s3, S3_SECRET_ACCESS_KEY: undefined })).toThrow(ConfigError);
    expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: '12' })).toThrow(/ATTACHMENT_MAX_BYTES/);
    expect(loadConfig({ ATTACHMENT_MAX_PER_APPEAL: '3' }).attachments.limits.maxPerAppeal).toBe(3);
  });

  it('keeps the public rate limits on unless PUBLIC_RATE_LIMITS=0', () => {
    expect(loadConfig({}).publicRateLimits).toBe(true);
    expect(loadConfig({ PUBLIC_RATE_LIMITS: '0' }).publicRateLimits).toBe(false);
    expect(() => loadConfig({ PUBLIC_RATE_LIMITS: 'off' })).toThrow(ConfigError);
  });

  it('keeps processed public intake rows 30 days unless PUBLIC_INTAKE_KEEP_DAYS says otherwise', () => {
    expect(loadConfig({}).publicIntakeKeepDays).toBe(30);
    expect(loadConfig({ PUBLIC_INTAKE_KEEP_DAYS: '7' }).publicIntakeKeepDays).toBe(7);
    expect(() => loadConfig({ PUBLIC_INTAKE_KEEP_DAYS: '0' })).toThrow(/PUBLIC_INTAKE_KEEP_DAYS/);
  });

  it('takes a METRICS_TOKEN only if it is long enough to be a secret', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token' }).metricsToken).toBe('a-long-enough-metrics-token');
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_TOKEN: 'has a space in it somewhere' })).toThrow(/METRICS_TOKEN/);
  });

  it('keeps demo data off in production and on PostgreSQL unless asked for', () => {
    const pg = 'postgres://postgres@127.0.0.1:5432/openline';
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: pg }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: pg, NODE_ENV: 'development' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: pg, DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: pg, NODE_ENV: 'production', DEMO: '1' }).demo).toBe(true);
    // A fresh clone's `npm start` (no NODE_ENV, SQLite file) still gets the demo.
    expect(loadConfig({ DATABASE_URL: 'sqlite:./data/x.db' }).demo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).demo).toBe(true);
  });

  it('takes SQLite\'s page cache and memory map in MiB, within bounds (ADR 0063)', () => {
    expect(loadConfig({ SQLITE_CACHE_MB: '64', SQLITE_MMAP_MB: '0' }).database).toMatchObject({ kind: 'sqlite', cacheMb: 64, mmapMb: 0 });
    expect(() => loadConfig({ SQLITE_CACHE_MB: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ SQLITE_MMAP_MB: '4096' })).toThrow(ConfigError);
  });

  it('fails fast with every problem named', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('LOG_LEVEL');
    }
  });
});
