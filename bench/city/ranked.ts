// The ranked case search (`GET /search/cases`, issue 13 §3) on a kept city, as the route calls it:
// `searchCases` of the cases service on the app's own connection (statement cache, named
// statements), for the queries bench:city probes and a few more, as an operator (the whole
// jurisdiction), the busiest unit's handler and an official (scopes narrower than the matches).
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/city/ranked.ts DIR [--runs 40] [--limit 20] [--only 噪音扰民]
// Per query and user: this process's CPU per search (SQLite runs in-process, so that is the
// query's cost too) p50 / p95, wall p50 / p95, the statements one search sends and the rows they
// return, and on PostgreSQL the server's execution time of those statements (EXPLAIN ANALYZE,
// summed, median of 5) with their buffers, and of those the search index's: rows fetched and
// rechecked (heapRows: each a match of the query's bigrams, phrase checked on the row), their heap
// pages and the GIN index's pages. The last line is one JSON object. Run it from an older commit's
// tree too (same city, alternating; copy this file there) for a before/after on the same load.
import { parseArgs } from 'node:util';
import { CompiledQuery, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { findUserById } from '../../packages/server/src/modules/auth/service.js';
import { searchCases } from '../../packages/server/src/modules/cases/service.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { readKept } from './keep.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '40' }, limit: { type: 'string', default: '20' }, only: { type: 'string' }, users: { type: 'string', default: 'city-operator,city-handler-hot,city-official' } },
});
const QUERIES = ['停水', '噪音扰民', '电梯故障', '高空抛物', '学院路 高空抛物', '朝阳 停水', '朝阳区学院路', '学院路 电梯故障', '地铁'];

/** Counts the statements a search sends and the rows they return (Kysely's plugin hooks). */
class Tally implements KyselyPlugin {
  statements = 0;
  rows = 0;
  /** The statements compiled, when asked (for EXPLAIN on PostgreSQL). */
  compiled: CompiledQuery[] | null = null;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements++;
    this.compiled?.push(database.db.getExecutor().compileQuery(args.node, args.queryId));
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.rows += args.result.rows.length;
    return args.result;
  }
}

const kept = readKept(positionals[0] ?? '');
const database = openDatabase(kept.database);
await database.optimize();
const tally = new Tally();
// Raw `sql` statements reach the plugin too: they run through the same executor.
const ctx = { db: database.db.withPlugin(tally), dialect: database.dialect, pii: createPiiCipher(Buffer.from(kept.key, 'base64')) };
const runs = Number(values.runs);
const limit = Number(values.limit);
const ms = (x: number): number => Math.round(x * 10) / 10;
const at = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? Number.NaN;

type Node = {
  'Node Type': string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Exact Heap Blocks'?: number;
  'Lossy Heap Blocks'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: Node[];
};
type Plan = { 'Execution Time': number; Plan: Node };
/** Where one search's server work went: search_documents rows fetched and rechecked, their heap pages, the GIN index's pages. */
type Spent = { exec: number; buffers: number; heapRows: number; heapBlocks: number; ginBuffers: number };
const blocks = (n: Node): number => (n['Shared Hit Blocks'] ?? 0) + (n['Shared Read Blocks'] ?? 0);
/** Sums the plan's bitmap scans of search_documents (each loop's rows; blocks and buffers are totals already). */
function spentIn(n: Node, into: Spent): void {
  if (n['Node Type'] === 'Bitmap Heap Scan') {
    into.heapRows += Math.round((n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 0));
    into.heapBlocks += (n['Exact Heap Blocks'] ?? 0) + (n['Lossy Heap Blocks'] ?? 0);
  }
  if (n['Node Type'] === 'Bitmap Index Scan') into.ginBuffers += blocks(n);
  for (const c of n.Plans ?? []) spentIn(c, into);
}
/** PostgreSQL: the server's own execution time of one search's statements (EXPLAIN ANALYZE each, summed), their buffers and where they went. */
async function serverTime(statements: readonly CompiledQuery[]): Promise<Spent> {
  const spent: Spent = { exec: 0, buffers: 0, heapRows: 0, heapBlocks: 0, ginBuffers: 0 };
  for (const q of statements) {
    // A statement whose node does not compile alone (a part of a larger one): no figure rather than a wrong one.
    const json = await database.db
      .executeQuery<{ 'QUERY PLAN': Plan[] }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, [...q.parameters]))
      .catch(() => null);
    if (!json) return { exec: Number.NaN, buffers: Number.NaN, heapRows: Number.NaN, heapBlocks: Number.NaN, ginBuffers: Number.NaN };
    const plan = json.rows[0]?.['QUERY PLAN'][0];
    if (!plan) continue;
    spent.exec += plan['Execution Time'];
    spent.buffers += blocks(plan.Plan);
    spentIn(plan.Plan, spent);
  }
  return spent;
}

const table: Array<Record<string, string | number>> = [];
for (const username of (values.users ?? '').split(',')) {
  const row = await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  const user = row ? await findUserById(ctx, row.id) : null;
  if (!user) throw new Error(`no user ${username} in the city`);
  for (const q of values.only ? [values.only] : QUERIES) {
    const search = () => searchCases(ctx, { user, q, limit });
    await search();
    tally.statements = 0;
    tally.rows = 0;
    const found = (await search()).length;
    const work = { statements: tally.statements, rows: tally.rows };
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await search();
      wall.push(performance.now() - t0);
      const d = process.cpuUsage(c0);
      cpu.push((d.user + d.system) / 1000);
    }
    let server = {};
    if (database.dialect === 'postgres') {
      tally.compiled = [];
      await search();
      const statements = tally.compiled;
      tally.compiled = null;
      const times: Spent[] = [];
      for (let i = 0; i < 5; i++) times.push(await serverTime(statements));
      times.sort((a, b) => a.exec - b.exec);
      const median = times[2];
      server = { execMs: ms(median?.exec ?? Number.NaN), buffers: median?.buffers ?? 0, heapRows: median?.heapRows ?? 0, heapBlocks: median?.heapBlocks ?? 0, ginBuffers: median?.ginBuffers ?? 0 };
    }
    const line = { user: username, q, found, ...work, ...server, cpuP50: ms(at(cpu, 0.5)), cpuP95: ms(at(cpu, 0.95)), wallP50: ms(at(wall, 0.5)), wallP95: ms(at(wall, 0.95)) };
    table.push(line);
    console.error(JSON.stringify(line));
  }
}
console.table(table);
console.log(JSON.stringify({ db: database.dialect, cases: kept.city.rows.cases ?? 0, runs, limit, table }));
await database.close();
