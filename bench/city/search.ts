// Case search on a kept city (issue 13 §3), for words from rare to everywhere: the search index's
// read as `q=` sends it (`newestCaseMatchesFor`, the newest 2,000 matches; a store without it:
// `searchDocuments`, the same matches ranked) and the case list that takes them (`listCases` as
// the route calls it for `q=`: a page of 20 newest first and the capped count).
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/city/search.ts DIR [--runs 15] [--plans] [--store FILE]
// Per query: how many cases match (once, exactly), the read's wall p50/p95 and this process's
// CPU (SQLite runs in-process, so that is the query's), the server's own execution time of the
// read's statements on PostgreSQL (EXPLAIN ANALYZE, summed, median; a loaded machine distorts it
// less than a wall clock) with their buffers, and the `q=` list's: the slower of its two statements'
// execution on PostgreSQL (and its statements and buffers), this process's CPU for the list (SQLite:
// the list's), and the wall p50 / p95 of read + list.
// --store FILE times another version of search/store.ts (a copy of an older commit's placed
// beside the current one, so its imports resolve); --plans prints each statement's plan.
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { searchTokens } from '../../packages/core/src/search-tokens.js';
import { PG_SESSION_OPTIONS } from '../../packages/server/src/db/database.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import { listCases } from '../../packages/server/src/modules/cases/list-repository.js';
import type { newestCaseMatchesFor as NewestCaseMatchesFor, searchDocuments as SearchDocuments } from '../../packages/server/src/modules/search/store.js';
import { readKept } from './keep.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '15' }, plans: { type: 'boolean', default: false }, store: { type: 'string' } },
});
const store = values.store ? path.resolve(values.store) : '../../packages/server/src/modules/search/store.js';
const { searchDocuments, newestCaseMatchesFor } = (await import(store)) as { searchDocuments: typeof SearchDocuments; newestCaseMatchesFor?: typeof NewestCaseMatchesFor };
const k = readKept(positionals[0] ?? '');
const dialect = k.database.kind;
const logged: Array<{ sql: string; parameters: readonly unknown[] }> = [];
const log = (e: LogEvent): void => void logged.push({ sql: e.query.sql, parameters: e.query.parameters });
const db =
  k.database.kind === 'sqlite'
    ? new Kysely<DB>({ dialect: new SqliteDialect({ database: new BetterSqlite3(k.database.file) }), log })
    : new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: k.database.url, max: 4, options: PG_SESSION_OPTIONS }) }), log });

/**
 * From everywhere to nowhere (bench/city/content.ts's words; shares at 1 M cases, measured by the
 * bench itself): 附近 is in every text, 居民 ~27 %, 停水 ~16 %, 噪音扰民 ~6.5 %, 电梯故障 ~2 %,
 * 高空抛物 ~1.3 %, 朝阳 停水 ~1.3 %, 朝阳区学院路 ~0.35 %, 学院路 电梯故障 ~0.08 %, 学院路 高空抛物 ~0.05 %, 地铁 none.
 */
const QUERIES = ['附近', '居民', '停水', '噪音扰民', '电梯故障', '高空抛物', '朝阳 停水', '朝阳区学院路', '学院路 电梯故障', '学院路 高空抛物', '地铁'];
const LIMIT = 2_000;
const runs = Number(values.runs);
const jurisdictionId = k.city.jurisdictionId;
const scope = { kind: 'jurisdiction' as const, jurisdictionId };

type Plan = { 'Execution Time': number; Plan: { 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number } };
const ms = (x: number): number => Math.round(x * 10) / 10;
const at = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** How many cases match, every match counted (once per query; not timed). */
async function matches(query: string): Promise<number> {
  const parts = query.split(/\s+/u).map((p) => searchTokens(p).join(' ')).filter(Boolean);
  if (dialect === 'postgres') {
    const q = sql.join(parts.map((p) => sql`phraseto_tsquery('simple', ${p})`), sql` && `);
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM search_documents WHERE doc_type = 'case' AND tokens @@ (${q})`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }
  const match = parts.map((p) => `"${p}"`).join(' AND ');
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM search_documents WHERE search_documents MATCH ${match}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

const table: Array<Record<string, string | number>> = [];
const cases = k.city.rows.cases ?? 0;
for (const query of QUERIES) {
  const read = async (): Promise<{ ids: string[]; createdAt?: Array<string | null> }> =>
    newestCaseMatchesFor
      ? newestCaseMatchesFor(db, dialect, { jurisdictionId, query, limit: LIMIT })
      : { ids: await searchDocuments(db, dialect, { type: 'case', jurisdictionId, query, limit: LIMIT }) };
  const n = await matches(query);
  logged.length = 0;
  const rows = (await read()).ids.length;
  const statements = [...logged];
  const wall: number[] = [];
  const cpu: number[] = [];
  const list: number[] = [];
  const listCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const matches = await read();
    wall.push(performance.now() - t0);
    const d = process.cpuUsage(c0);
    cpu.push((d.user + d.system) / 1000);
    const c1 = process.cpuUsage();
    await listCases(db, { scope, filters: { text: { ...matches, caseNumberPrefix: undefined } }, sort: 'created', limit: 20, offset: 0, now: new Date().toISOString() });
    const d1 = process.cpuUsage(c1);
    listCpu.push((d1.user + d1.system) / 1000);
    list.push(performance.now() - t0);
  }
  let exec = Number.NaN;
  let buffers = 0;
  let plans = '';
  let listExec = Number.NaN;
  let listStatements = 0;
  let listBuffers = 0;
  if (dialect === 'postgres') {
    // The list's page and count run side by side: the slower one's execution, as lists.ts reports.
    const matches = await read();
    logged.length = 0;
    await listCases(db, { scope, filters: { text: { ...matches, caseNumberPrefix: undefined } }, sort: 'created', limit: 20, offset: 0, now: new Date().toISOString() });
    const listed = [...logged];
    const slowest: number[] = [];
    for (const s of listed) {
      const json = await db.executeQuery<{ 'QUERY PLAN': Plan[] }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`, [...s.parameters]));
      const plan = json.rows[0]?.['QUERY PLAN'][0];
      slowest.push(plan?.['Execution Time'] ?? Number.NaN);
      listBuffers += (plan?.Plan['Shared Hit Blocks'] ?? 0) + (plan?.Plan['Shared Read Blocks'] ?? 0);
    }
    listExec = Math.max(...slowest);
    listStatements = listed.length;
    const times: number[] = [];
    for (let i = 0; i < Math.min(runs, 5); i++) {
      let total = 0;
      buffers = 0;
      for (const s of statements) {
        const json = await db.executeQuery<{ 'QUERY PLAN': Plan[] }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`, [...s.parameters]));
        const plan = json.rows[0]?.['QUERY PLAN'][0];
        total += plan?.['Execution Time'] ?? Number.NaN;
        buffers += (plan?.Plan['Shared Hit Blocks'] ?? 0) + (plan?.Plan['Shared Read Blocks'] ?? 0);
      }
      times.push(total);
    }
    exec = at(times.sort((a, b) => a - b), 0.5);
    if (values.plans) {
      for (const s of statements) {
        const t = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, [...s.parameters]));
        plans += `${t.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`;
      }
      console.log(`--- ${query}\n${plans}`);
    }
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  list.sort((a, b) => a - b);
  listCpu.sort((a, b) => a - b);
  table.push({
    query, share: `${ms((100 * n) / Math.max(1, cases))} %`, matches: n, rows, statements: statements.length,
    execMs: ms(exec), buffers, cpuMs: ms(at(cpu, 0.5)), wallP50: ms(at(wall, 0.5)), wallP95: ms(at(wall, 0.95)), listExecMs: ms(listExec), listStatements, listBuffers, listCpuMs: ms(at(listCpu, 0.5)), listP50: ms(at(list, 0.5)), listP95: ms(at(list, 0.95)),
  });
}
console.table(table);
console.log(JSON.stringify({ db: dialect, cases, store: values.store ?? 'current', runs, table }));
await db.destroy();
