// Case search on a kept city, before and after the newest-first read (ADR 0040): for each query,
// the server-side execution time (EXPLAIN ANALYZE, median of --runs), buffers and plan of the
// search index's read, as it was (every match ranked) and as it is (newest `limit` matches).
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/city/search.ts DIR [--runs 5] [--plans]
// A loaded machine distorts wall time; execution time inside PostgreSQL (or SQLite's CPU) less.
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DB } from '../../packages/server/src/db/schema.js';
import { searchDocuments } from '../../packages/server/src/modules/search/store.js';
import { searchDocumentsBefore } from '../cases/search-before.js';
import { readKept } from './keep.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '5' }, plans: { type: 'boolean', default: false } } });
const k = readKept(positionals[0] ?? '');
const dialect = k.database.kind;
const logged: Array<{ sql: string; parameters: readonly unknown[] }> = [];
const log = (e: LogEvent): void => void logged.push({ sql: e.query.sql, parameters: e.query.parameters });
const db =
  k.database.kind === 'sqlite'
    ? new Kysely<DB>({ dialect: new SqliteDialect({ database: new BetterSqlite3(k.database.file) }), log })
    : new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: k.database.url, max: 1 }) }), log });

/** Common and rare, two to four characters, one word and several (bench/city/content.ts's words). */
const QUERIES = ['停水', '噪音扰民', '电梯故障', '高空抛物', '朝阳 停水', '学院路 高空抛物', '地铁'];
const LIMIT = 2_000;
const runs = Number(values.runs);
const jurisdictionId = k.city.jurisdictionId;

type Plan = { 'Execution Time': number; Plan: { 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number } };

/** The statements `read` sends, explained `runs` times: median of their summed execution ms, buffers, rows. */
async function measure(read: () => Promise<string[]>): Promise<{ ms: number; buffers: number; statements: number; rows: number; plan: string }> {
  logged.length = 0;
  const rows = (await read()).length;
  const statements = [...logged];
  if (statements.length === 0) throw new Error('no statement logged');
  const times: number[] = [];
  let buffers = 0;
  let text = '';
  for (let i = 0; i < runs; i++) {
    if (dialect === 'postgres') {
      let total = 0;
      buffers = 0;
      for (const statement of statements) {
        const json = await db.executeQuery<{ 'QUERY PLAN': Plan[] }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, [...statement.parameters]));
        const plan = json.rows[0]?.['QUERY PLAN'][0];
        total += plan?.['Execution Time'] ?? Number.NaN;
        buffers += (plan?.Plan['Shared Hit Blocks'] ?? 0) + (plan?.Plan['Shared Read Blocks'] ?? 0);
      }
      times.push(total);
    } else {
      const t0 = process.cpuUsage();
      await read();
      const d = process.cpuUsage(t0);
      times.push((d.user + d.system) / 1000);
    }
  }
  if (dialect === 'postgres' && values.plans) {
    for (const statement of statements) {
      const t = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, [...statement.parameters]));
      text += `${t.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`;
    }
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round((times[Math.floor(times.length / 2)] ?? 0) * 10) / 10, buffers, statements: statements.length, rows, plan: text };
}

const table: Array<Record<string, string | number>> = [];
for (const query of QUERIES) {
  const before = await measure(() => searchDocumentsBefore(db, dialect, { jurisdictionId, query, limit: LIMIT }));
  const after = await measure(() => searchDocuments(db, dialect, { type: 'case', jurisdictionId, query, limit: LIMIT }));
  table.push({ query, rows: after.rows, beforeMs: before.ms, afterMs: after.ms, afterStatements: after.statements, beforeBuffers: before.buffers, afterBuffers: after.buffers });
  if (values.plans) console.log(`--- ${query}: before\n${before.plan}\n--- ${query}: after\n${after.plan}`);
}
console.table(table);
console.log(JSON.stringify({ db: dialect, cases: k.city.rows.cases, unit: dialect === 'postgres' ? 'execution ms (EXPLAIN ANALYZE), median' : 'CPU ms, median', table }));
await db.destroy();
