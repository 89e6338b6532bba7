// The caller history on PostgreSQL as an unnamed statement (parsed and planned on every call, as
// Kysely sends queries) and as a named prepared statement (db/named-statements.ts), on a city
// kept by `npm run bench:city -- --db postgres --keep DIR`. Besides Node's wall and CPU time per
// lookup it reads the PostgreSQL backends' own CPU time (/proc, the server on this machine) and
// prints EXPLAIN (ANALYZE, BUFFERS) of the statement for a known and an unknown caller (median of five).
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/caller-history/named.ts --city DIR [--runs 1000]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { normalizePhone } from '@openline/core';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import { readCallerHistory } from '../../packages/server/src/modules/callers/history.js';
import { seededRandom } from '../../packages/core/src/random.js';
import { readKept } from '../city/keep.js';

const { values } = parseArgs({ options: { city: { type: 'string' }, runs: { type: 'string', default: '1000' } } });
if (!values.city) throw new Error('--city DIR (a PostgreSQL city kept by bench:city --keep)');
const kept = readKept(values.city);
if (kept.database.kind !== 'postgres') throw new Error('named statements are a PostgreSQL matter');
const url = kept.database.url;
const runs = Number(values.runs);
const pii = createPiiCipher(Buffer.from(kept.key, 'base64'));
const jurisdictionId = kept.city.jurisdictionId;
const viewer = { roles: ['operator'], orgUnitKind: 'centre' };
const now = new Date();
const bidx = (phone: string): string => {
  const p = normalizePhone(phone);
  if (!p.ok) throw new Error(phone);
  return pii.blindIndex(p.e164);
};
const database = new URL(url).pathname.slice(1);

// The backends' CPU: each backend on the city's database, read from /proc (10-ms ticks), by pid:
// an idle backend of the other pool may end meanwhile (its ticks must not count as negative).
const admin = new pg.Client({ connectionString: new URL('/postgres', url).toString() });
await admin.connect();
async function backendTicks(): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(f[11]) + Number(f[12]));
    } catch {
      // a backend that ended meanwhile
    }
  }
  return ticks;
}
const ticksSince = (before: Map<number, number>, after: Map<number, number>): number =>
  [...after].reduce((sum, [pid, t]) => sum + t - (before.get(pid) ?? 0), 0);

const q = (xs: number[], p: number): number => Number(([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)] ?? 0).toFixed(2));
async function time(db: Kysely<DB>, phones: string[]) {
  const ctx = { db, dialect: 'postgres' as const, pii };
  for (let i = 0; i < 20; i++) await readCallerHistory(ctx, { jurisdictionId, bidx: bidx(phones[i % phones.length] ?? ''), viewer, now });
  const wall: number[] = [];
  const cpu: number[] = [];
  const ticks0 = await backendTicks();
  for (let i = 0; i < runs; i++) {
    const b = bidx(phones[i % phones.length] ?? '');
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await readCallerHistory(ctx, { jurisdictionId, bidx: b, viewer, now });
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const backendMs = ticksSince(ticks0, await backendTicks()) * 10;
  return { runs, p50: q(wall, 0.5), p99: q(wall, 0.99), nodeCpuP50: q(cpu, 0.5), nodeCpuP99: q(cpu, 0.99), backendCpuMsPerCall: Number((backendMs / runs).toFixed(3)) };
}

const phones = (seed: number, pick: (r: () => number) => string): string[] => {
  const r = seededRandom(seed);
  return Array.from({ length: runs }, () => pick(r));
};
const kinds = {
  'any caller': phones(1, (r) => `+86139${String(Math.floor(r() * kept.city.callers)).padStart(8, '0')}`),
  'top-20 callers': phones(2, (r) => `+86139${String(Math.floor(r() * 20)).padStart(8, '0')}`),
  'unknown number': phones(3, (r) => `+86137${String(Math.floor(r() * 1e8)).padStart(8, '0')}`),
};

// Unnamed: Kysely over a plain pool, as the app sent it before; named: the app's own pool.
const unnamed = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }) });
const named = openDatabase({ kind: 'postgres', url });
const rows: Record<string, Awaited<ReturnType<typeof time>>> = {};
for (const [kind, list] of Object.entries(kinds)) {
  rows[`${kind}: unnamed`] = await time(unnamed, list);
  rows[`${kind}: named`] = await time(named.db, list);
}
console.log(`postgres, ${kept.city.rows.cases} cases, ${runs} lookups each`);
console.table(rows);

// The statement itself, caught as Kysely sends it, then explained as sent (unnamed: planned for
// these values) and as a prepared statement after ten executions (its kept plan).
let caught: CompiledQuery | undefined;
const catcher = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }), log: (e) => {
  caught = e.query;
} });
const explains: Record<string, { planningMs: number; executionMs: number; indexes: string[] }> = {};
for (const [kind, phone] of [['known caller', kinds['any caller'][0] ?? ''], ['top-20 caller', kinds['top-20 callers'][0] ?? ''], ['unknown number', kinds['unknown number'][0] ?? '']] as const) {
  await readCallerHistory({ db: catcher, dialect: 'postgres', pii }, { jurisdictionId, bidx: bidx(phone), viewer, now });
  if (!caught) throw new Error('no statement caught');
  const { sql: text, parameters } = caught;
  const explain = async (statement: string, params: readonly unknown[]) => {
    const plan = (await catcher.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(statement, [...params]))).rows.map((r) => r['QUERY PLAN']);
    const ms = (label: string) => Number(plan.find((l) => l.startsWith(label))?.match(/([\d.]+) ms/)?.[1] ?? NaN);
    return { plan, planningMs: ms('Planning Time'), executionMs: ms('Execution Time'), indexes: [...new Set(plan.flatMap((l) => [...l.matchAll(/using (\w+)/g)].map((m) => m[1] ?? '')))] };
  };
  // The median of five: one EXPLAIN on a loaded machine may wait for a core mid-way.
  const median = async (statement: string, params: readonly unknown[]) => {
    const all = [];
    for (let i = 0; i < 5; i++) all.push(await explain(statement, params));
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[2] ?? NaN;
    return { ...all[0]!, planningMs: mid(all.map((e) => e.planningMs)), executionMs: mid(all.map((e) => e.executionMs)) };
  };
  const once = await median(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, parameters);
  await catcher.executeQuery(CompiledQuery.raw(`PREPARE history_stmt AS ${text}`));
  const args = parameters.map((p) => `'${String(p).replace(/'/g, "''")}'`).join(', ');
  for (let i = 0; i < 10; i++) await catcher.executeQuery(CompiledQuery.raw(`EXECUTE history_stmt(${args})`));
  const prepared = await median(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE history_stmt(${args})`, []);
  await catcher.executeQuery(CompiledQuery.raw('DEALLOCATE history_stmt'));
  explains[`${kind}: unnamed`] = { planningMs: once.planningMs, executionMs: once.executionMs, indexes: once.indexes };
  explains[`${kind}: prepared`] = { planningMs: prepared.planningMs, executionMs: prepared.executionMs, indexes: prepared.indexes };
  if (kind === 'known caller') console.log(prepared.plan.join('\n'));
}
console.table(Object.fromEntries(Object.entries(explains).map(([k, v]) => [k, { planningMs: v.planningMs, executionMs: v.executionMs }])));
console.log('indexes used:', JSON.stringify(explains));
console.log(JSON.stringify({ rows, explains }));
await catcher.destroy();
await unnamed.destroy();
await named.close();
await admin.end();
