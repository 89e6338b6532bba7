// The PostgreSQL case search at ten times a kept city's density (ADR 0070): a copy of the city's
// newest DAYS days of search documents, each ten times (schema `dense`, the same GIN indexes), so a
// 1 M city's newest days hold as many documents a day as 10 M's. The read of every window is then
// 10 M's work; only what lies further back than DAYS is missing (the copy's first case is set to
// the city's, so the windows are sized as at 10 M).
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/city/dense-search.ts DIR --make 450
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/city/dense-search.ts DIR [--schema dense] [--runs 7] [--before FILE]
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/city/dense-search.ts DIR --drop
// Per query: the ranked read (`searchDocuments`), EXPLAIN ANALYZE median execution ms, and from the
// plan the rows fetched from search_documents, their heap pages (the copies share pages: fewer
// than at 10 M) and the GIN index's pages. --before FILE times another search/store.ts too (a copy
// of an older commit's tree, its imports resolving there), alternated run by run with this one.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../../packages/server/src/db/schema.js';
import * as current from '../../packages/server/src/modules/search/store.js';
import { readKept } from './keep.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { make: { type: 'string' }, drop: { type: 'boolean', default: false }, schema: { type: 'string', default: 'dense' }, runs: { type: 'string', default: '7' }, before: { type: 'string' } },
});
const kept = readKept(positionals[0] ?? '');
if (kept.database.kind !== 'postgres') throw new Error('PostgreSQL cities only');
const schema = values.schema ?? 'dense';
if (!/^[a-z_]+$/.test(schema)) throw new Error('schema: lowercase letters and _');
const pool = new pg.Pool({ connectionString: kept.database.url, max: 1, options: `-c jit=off -c search_path=${schema},public` });
const captured: CompiledQuery[] = [];
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => void captured.push(e.query) });
const s = sql.id(schema);

if (values.drop) {
  await sql`DROP SCHEMA IF EXISTS ${s} CASCADE`.execute(db);
} else if (values.make) {
  const days = Number(values.make);
  await sql`CREATE SCHEMA ${s}`.execute(db);
  await sql`SET maintenance_work_mem = '256MB'`.execute(db);
  // The city's rows are in created_at order (the generator's COPY); ten copies of each, side by side.
  await sql`CREATE TABLE ${s}.search_documents AS
    SELECT d.doc_type, d.doc_id || '~' || k AS doc_id, d.jurisdiction_id, d.tokens, d.created_at
      FROM public.search_documents d CROSS JOIN generate_series(0, 9) k
     WHERE d.doc_type = 'case' AND d.created_at >= now() - make_interval(days => ${days})`.execute(db);
  await sql`ALTER TABLE ${s}.search_documents ADD PRIMARY KEY (doc_type, doc_id)`.execute(db);
  await sql`CREATE INDEX ON ${s}.search_documents USING gin (tokens, search_day(created_at))`.execute(db);
  // Migration 0064's token@bucket index (its function is public's).
  await sql`CREATE INDEX ON ${s}.search_documents USING gin (search_bucket_tokens(tokens, created_at)) WHERE created_at IS NOT NULL`.execute(db);
  // The search reads the jurisdiction's first case to know how far back windows may reach.
  await sql`CREATE TABLE ${s}.cases AS SELECT jurisdiction_id, min(created_at) AS created_at FROM public.cases GROUP BY 1`.execute(db);
  await sql`ANALYZE ${s}.search_documents`.execute(db);
} else {
  await compare();
}
await db.destroy();

type Node = { 'Node Type': string; 'Actual Rows'?: number; 'Actual Loops'?: number; 'Exact Heap Blocks'?: number; 'Lossy Heap Blocks'?: number; 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number; Plans?: Node[] };
type Store = Pick<typeof current, 'searchDocuments'>;

/** One ranked read and the plan of its (one) statement. */
async function once(store: Store, query: string) {
  captured.length = 0;
  const found = (await store.searchDocuments(db, 'postgres', { type: 'case', jurisdictionId: kept.city.jurisdictionId, query, limit: 2_000 })).length;
  const q = captured[0];
  if (!q) return { found, exec: 0, rows: 0, heap: 0, gin: 0 };
  const r = await db.executeQuery<{ 'QUERY PLAN': Array<{ 'Execution Time': number; Plan: Node }> }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, [...q.parameters]));
  const plan = r.rows[0]?.['QUERY PLAN'][0];
  const spent = { found, exec: plan?.['Execution Time'] ?? 0, rows: 0, heap: 0, gin: 0 };
  const walk = (n: Node): void => {
    if (n['Node Type'] === 'Bitmap Heap Scan') {
      spent.rows += Math.round((n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 0));
      spent.heap += (n['Exact Heap Blocks'] ?? 0) + (n['Lossy Heap Blocks'] ?? 0);
    }
    if (n['Node Type'] === 'Bitmap Index Scan') spent.gin += (n['Shared Hit Blocks'] ?? 0) + (n['Shared Read Blocks'] ?? 0);
    for (const c of n.Plans ?? []) walk(c);
  };
  if (plan) walk(plan.Plan);
  return spent;
}

async function compare(): Promise<void> {
  const before = values.before ? ((await import(path.resolve(values.before))) as Store) : null;
  const runs = Number(values.runs);
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  for (const query of ['停水', '噪音扰民', '电梯故障', '高空抛物', '学院路 高空抛物', '朝阳 停水', '朝阳区学院路', '学院路 电梯故障', '地铁']) {
    const sides: Array<[string, Store]> = before ? [['before', before], ['after', current]] : [['now', current]];
    const seen = new Map<string, Array<Awaited<ReturnType<typeof once>>>>();
    for (let i = 0; i < runs; i++) for (const [name, store] of sides) seen.set(name, [...(seen.get(name) ?? []), await once(store, query)]);
    const line: Record<string, string | number> = { query };
    for (const [name, xs] of seen) {
      const first = xs[0];
      line[name] = `${first?.found} found, ${median(xs.map((x) => x.exec)).toFixed(1)} ms, ${first?.rows} rows, ${first?.heap} heap pages, ${first?.gin} GIN pages`;
    }
    console.log(JSON.stringify(line));
  }
}
