import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    dialect: 'sqlite' | 'postgres';
    /** Admin URL of a PostgreSQL server to create throw-away databases on; null = skip. */
    pgAdminUrl: string | null;
  }
}

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Decides where the PostgreSQL suite runs: TEST_DATABASE_URL when given (and then it must
 * answer: a CI that asked for PostgreSQL must not silently pass without it), else a local
 * server on 127.0.0.1:5432 if one answers, else the suite is skipped — loudly.
 */
export default async function setup(project: TestProject): Promise<void> {
  if (project.config.provide?.dialect !== 'postgres') {
    project.provide('pgAdminUrl', null);
    return;
  }
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    if (!(await answers(given))) throw new Error(`TEST_DATABASE_URL=${given} does not answer`);
    project.provide('pgAdminUrl', given);
    return;
  }
  if (await answers(LOCAL_URL)) {
    project.provide('pgAdminUrl', LOCAL_URL);
    return;
  }
  project.provide('pgAdminUrl', null);
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!!  PostgreSQL suite SKIPPED: no TEST_DATABASE_URL and nothing answers on 127.0.0.1:5432.\n!!  Every server test below ran on SQLite only.\n${bar}\n`);
}
