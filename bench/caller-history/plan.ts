// The caller history's one statement on a kept city, as the database runs it: the plan, what it
// reads, and what one execution costs. On PostgreSQL `EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)` of
// the generic plan the app's named statement uses (buffer hits are the figure that does not move
// with the machine's load) and a loop of the named statement on one connection (round trip
// p50/p90, and whether the server kept a generic plan); on SQLite `EXPLAIN QUERY PLAN` and a loop
// of the statement as the app prepares it (db/sqlite-fixed-plan.ts). Caller i of the generator is
// +86139 and i in eight digits; low i call most (0–19 are the top 20).
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/caller-history/plan.ts --city DIR [--caller 3] [--admin] [--loop 3000] [--full] [--custom]
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { HISTORY_COUNT_CAP, HISTORY_LIMITS, historyWindowStart, normalizePhone } from '@openline/core';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { PG_SESSION_OPTIONS } from '../../packages/server/src/db/database.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import { withFixedPlan } from '../../packages/server/src/db/sqlite-fixed-plan.js';
import { readHistoryRows } from '../../packages/server/src/modules/callers/history-repository.js';
import { readKept } from '../city/keep.js';

const { values } = parseArgs({
  options: { city: { type: 'string' }, caller: { type: 'string', default: '3' }, admin: { type: 'boolean', default: false }, loop: { type: 'string', default: '3000' }, full: { type: 'boolean', default: false }, custom: { type: 'boolean', default: false } },
});
if (!values.city) throw new Error('--city DIR (a city kept by bench:city --keep)');
const kept = readKept(values.city);
const loops = Number(values.loop);
const phone = normalizePhone(`+86139${values.caller.padStart(8, '0')}`);
if (!phone.ok) throw new Error(`--caller ${values.caller}: not a number the generator made`);
const bidx = createPiiCipher(Buffer.from(kept.key, 'base64')).blindIndex(phone.e164);

// The statement is caught as the repository sends it, so this reads exactly what the app runs.
const sent: Array<{ sql: string; parameters: readonly unknown[] }> = [];
const log = (e: LogEvent): void => void sent.push({ sql: e.query.sql, parameters: e.query.parameters });
const sqlite = kept.database.kind === 'sqlite' ? new BetterSqlite3(kept.database.file, { readonly: true }) : null;
const pool = kept.database.kind === 'postgres' ? new pg.Pool({ connectionString: kept.database.url, max: 1, options: PG_SESSION_OPTIONS }) : null;
const dialect = sqlite ? new SqliteDialect({ database: sqlite }) : pool ? new PostgresDialect({ pool }) : null;
if (!dialect) throw new Error(`${values.city}: neither a SQLite file nor a PostgreSQL URL`);
const db = new Kysely<DB>({ dialect, log });
const h = await readHistoryRows(db, sqlite ? 'sqlite' : 'postgres', { jurisdictionId: kept.city.jurisdictionId, bidx, includeProtected: values.admin }, {
  since: historyWindowStart(new Date()),
  limits: { ...HISTORY_LIMITS, counts: HISTORY_COUNT_CAP },
});
console.log(`caller ${values.caller} (${values.admin ? 'admin' : 'centre operator'}): ${h.cases.length} cases shown, ${h.contacts.length} contacts, ${h.contactsRead} counted, ${h.calls.calls} calls`);
const q = sent.at(-1);
if (!q) throw new Error('the history statement was not sent');
const params = [...q.parameters];
const quantile = (xs: number[], p: number): string => ([...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)] ?? 0).toFixed(3);

if (sqlite) {
  const text = withFixedPlan(q.sql, params.length);
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as Array<{ id: number; parent: number; detail: string }>;
  const depth = new Map<number, number>();
  for (const r of rows) {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    console.log(`${'  '.repeat(d)}${r.detail}`);
  }
  const statement = sqlite.prepare(text);
  const times: number[] = [];
  for (let i = 0; i < loops; i++) {
    const t0 = performance.now();
    statement.all(...params);
    times.push(performance.now() - t0);
  }
  console.log(`statement, ${loops} runs: p50 ${quantile(times, 0.5)} ms, p90 ${quantile(times, 0.9)} ms`);
} else if (pool) {
  const client = await pool.connect();
  // The plan the app's named statement settles on after its first five runs: a generic plan, made
  // without the values, from the columns' average selectivity. --custom: a plan made for this
  // caller's values (what the first five runs on each connection get).
  let explain = `EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) ${q.sql}`;
  let explainParams: unknown[] = params;
  if (!values.custom) {
    await client.query('SET plan_cache_mode = force_generic_plan');
    await client.query(`PREPARE caller_history_generic AS ${q.sql}`);
    explain = `EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) EXECUTE caller_history_generic(${params.map((p) => client.escapeLiteral(String(p))).join(', ')})`;
    explainParams = [];
  }
  const plan = await client.query<{ 'QUERY PLAN': string }>(explain, explainParams);
  const lines = plan.rows.map((r) => r['QUERY PLAN']);
  // Without --full: the plan's nodes that read tables, and the totals.
  console.log(values.full ? lines.join('\n') : lines.filter((l) => /^\S|^ {2}Buffers| CTE \w+$| Scan (on|using|Backward)|Time:/.test(l)).join('\n'));
  // The loop as the app runs it: the server picks between custom and generic plans itself.
  await client.query('RESET plan_cache_mode');
  const times: number[] = [];
  for (let i = 0; i < loops; i++) {
    const t0 = performance.now();
    await client.query({ name: 'caller-history-plan', text: q.sql, values: params });
    times.push(performance.now() - t0);
  }
  const cached = await client.query<{ generic_plans: string; custom_plans: string }>("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'caller-history-plan'");
  const plans = cached.rows[0];
  console.log(`named statement, ${loops} round trips: p50 ${quantile(times, 0.5)} ms, p90 ${quantile(times, 0.9)} ms; plans: ${plans?.generic_plans ?? 0} generic, ${plans?.custom_plans ?? 0} custom`);
  client.release();
}
await db.destroy();
