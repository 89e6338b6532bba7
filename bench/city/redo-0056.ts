// Times migration 0056 on a kept PostgreSQL or SQLite city (ADR 0052): down to 0051's rows, then up.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import * as m0056 from '../../packages/server/src/db/migrations/0056_case_scope_deadlines.js';
import { readKept } from './keep.js';

const k = readKept(process.argv[2] ?? '');
const postgres = k.database.kind === 'postgres';
const db = new Kysely<unknown>({
  dialect: k.database.kind === 'sqlite' ? new SqliteDialect({ database: new BetterSqlite3(k.database.file) }) : new PostgresDialect({ pool: new pg.Pool({ connectionString: k.database.url, max: 1 }) }),
});
const vacuum = () => (postgres ? sql`VACUUM (ANALYZE) case_scopes` : sql`ANALYZE case_scopes`).execute(db);
await db.transaction().execute((trx) => m0056.down(trx));
await vacuum();
const backend = postgres ? (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]?.pid : undefined;
const cpu = async (): Promise<number> => {
  if (backend === undefined) { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; }
  const { readFileSync } = await import('node:fs');
  const f = readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) / 100;
};
const t0 = performance.now();
const c0 = await cpu();
await db.transaction().execute((trx) => m0056.up(trx));
console.log(JSON.stringify({ db: k.database.kind, upSeconds: Math.round(performance.now() - t0) / 1000, cpuSeconds: Math.round(((await cpu()) - c0) * 10) / 10 }));
await vacuum();
await db.destroy();
