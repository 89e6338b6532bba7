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
