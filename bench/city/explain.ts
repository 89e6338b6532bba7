// Prints the SQL the case list runs for one filter on a kept city, with each statement's time and plan:
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/city/explain.ts DIR line|type|unit|overdue|none|status
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { PG_SESSION_OPTIONS } from '../../packages/server/src/db/database.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import { listCases, type CaseFilters } from '../../packages/server/src/modules/cases/list-repository.js';
import { readKept } from './keep.js';

const k = readKept(process.argv[2] ?? '');
const which = process.argv[3] ?? 'none';
const logged: Array<{ sql: string; parameters: readonly unknown[]; ms: number }> = [];
const log = (e: LogEvent): void => void logged.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
const db =
  k.database.kind === 'sqlite'
    ? new Kysely<DB>({ dialect: new SqliteDialect({ database: new BetterSqlite3(k.database.file) }), log })
    : new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: k.database.url, max: 2, options: PG_SESSION_OPTIONS }) }), log });
const hot = k.city.unitsByVolume[0]?.id;
const hotPath = k.city.units.find((u) => u.id === hot)?.path;
const filters: Record<string, CaseFilters> = {
  line: { lineId: k.city.lineIds[5] }, type: { type: 'suggestion' }, unit: { unitPath: hotPath }, overdue: { overdue: true }, none: {}, status: { statuses: ['in_progress'] },
};
const t0 = performance.now();
await listCases(db, { scope: { kind: 'jurisdiction', jurisdictionId: k.city.jurisdictionId }, filters: filters[which] ?? {}, sort: 'created', limit: 20, offset: 0, now: new Date().toISOString() });
console.log(`listCases ${Math.round(performance.now() - t0)} ms`);
for (const q of [...logged]) {
  console.log(`${Math.round(q.ms)} ms: ${q.sql}`);
  let i = 0;
  const inline = q.sql.replace(/\$\d+|\?/g, () => {
    const v = q.parameters[i++];
    return typeof v === 'number' ? String(v) : `'${String(v)}'`;
  });
  const r = await sql.raw<Record<string, string>>(`${k.database.kind === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${inline}`).execute(db);
  console.log(r.rows.map((x) => x.detail ?? x['QUERY PLAN']).join('\n'));
}
await db.destroy();
