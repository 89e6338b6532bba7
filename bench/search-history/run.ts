// Caller history and case search on a city kept by `npm run bench:city -- --keep DIR` (issue 13
// §3, issue 10 §2), each timed beside the code before this session's change on the same data:
//   npm run bench:search-history -- --city /tmp/my-city [--runs 1000]
// A SQLite city is opened read-only (another helper may be reading it too); nothing is written.
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { normalizePhone, type CallerHistory } from '@openline/core';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { withStatementCache, type Dialect } from '../../packages/server/src/db/database.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import type { SessionUser } from '../../packages/server/src/modules/auth/service.js';
import { readCallerHistory } from '../../packages/server/src/modules/callers/history.js';
import { listCases } from '../../packages/server/src/modules/cases/service.js';
import { searchDocuments } from '../../packages/server/src/modules/search/store.js';
import { operatorQueueCounts } from '../../packages/server/src/modules/desk/home.js';
import { seededRandom } from '../../packages/core/src/random.js';
import { readCallerHistoryBefore } from '../caller-history/before.js';
import { searchDocumentsBefore } from '../cases/search-before.js';
import { readKept } from '../city/keep.js';

const { values } = parseArgs({ options: { city: { type: 'string' }, runs: { type: 'string', default: '1000' }, searchRuns: { type: 'string', default: '20' } } });
if (!values.city) throw new Error('--city DIR (a city kept by bench:city --keep)');
const kept = readKept(values.city);
const runs = Number(values.runs);
const pii = createPiiCipher(Buffer.from(kept.key, 'base64'));
const jurisdictionId = kept.city.jurisdictionId;

let dialect: Dialect;
let db: Kysely<DB>;
let beforeDb: Kysely<DB>;
if (kept.database.kind === 'sqlite') {
  dialect = 'sqlite';
  db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(new BetterSqlite3(kept.database.file, { readonly: true })) }) });
  // As the app read before the statement cache: a plain connection.
  beforeDb = new Kysely<DB>({ dialect: new SqliteDialect({ database: new BetterSqlite3(kept.database.file, { readonly: true }) }) });
} else {
  dialect = 'postgres';
  const pool = new pg.Pool({ connectionString: kept.database.url, max: 10 });
  db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  beforeDb = db;
}
const ctx = { db, dialect, pii };
const beforeCtx = { db: beforeDb, dialect, pii };

interface Figures { runs: number; p50: number; p95: number; p99: number; cpuP50: number; cpuP99: number }
const q = (xs: number[], p: number) => Number(([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)] ?? 0).toFixed(2));
async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(i);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn(i);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { runs: n, p50: q(wall, 0.5), p95: q(wall, 0.95), p99: q(wall, 0.99), cpuP50: q(cpu, 0.5), cpuP99: q(cpu, 0.99) };
}

const rows: Record<string, Figures> = {};
const operatorViewer = { roles: ['operator'], orgUnitKind: 'centre' };
const bidx = (phone: string) => {
  const p = normalizePhone(phone);
  if (!p.ok) throw new Error(phone);
  return pii.blindIndex(p.e164);
};
const now = new Date();
type Read = (c: typeof ctx, o: { jurisdictionId: string; bidx: string; viewer: typeof operatorViewer; now: Date }) => Promise<CallerHistory>;
const phones = (seed: number, pick: (r: () => number) => string) => {
  const r = seededRandom(seed);
  return Array.from({ length: runs + 20 }, () => pick(r));
};
const anyCaller = phones(1, (r) => `+86139${String(Math.floor(r() * kept.city.callers)).padStart(8, '0')}`);
const frequent = phones(2, (r) => `+86139${String(Math.floor(r() * 20)).padStart(8, '0')}`);
const unknown = phones(3, (r) => `+86137${String(Math.floor(r() * 1e8)).padStart(8, '0')}`);
for (const [name, list] of [['any caller', anyCaller], ['top-20 callers', frequent], ['unknown number', unknown]] as const) {
  for (const [label, read, c] of [['after', readCallerHistory, ctx], ['before', readCallerHistoryBefore, beforeCtx]] as Array<[string, Read, typeof ctx]>) {
    rows[`history: ${name} (${label})`] = await time(runs, (i) => read(c, { jurisdictionId, bidx: bidx(list[i % list.length] ?? ''), viewer: operatorViewer, now }));
  }
}

const city = kept.city.units[0];
if (!city?.id || !city.path) throw new Error('the kept city has no city unit');
const operator: SessionUser = {
  id: 'bench', jurisdictionId, username: 'city-operator', displayName: 'bench', roles: ['operator'], platformRoles: [], orgUnitId: city.id, orgUnitName: city.name, orgUnitPath: city.path, orgUnitKind: 'centre',
};
const searchRuns = Number(values.searchRuns);
// Two characters common and rare, a topic phrase, a place, and two words anywhere.
for (const query of ['停水', '噪音', '黑车', '燃气异味', '幸福路', '海淀 停电']) {
  rows[`search index "${query}" (after)`] = await time(searchRuns, () => searchDocuments(db, dialect, { type: 'case', jurisdictionId, query, limit: 2000 }));
  rows[`search index "${query}" (before)`] = await time(searchRuns, () => searchDocumentsBefore(beforeDb, dialect, { jurisdictionId, query, limit: 2000 }));
  rows[`case list q="${query}" (after)`] = await time(searchRuns, () => listCases(ctx, { user: operator, query: { page: 1, pageSize: 20, sort: 'created', q: query } }));
}
// The operator's queues, when the city was generated with migration 0045 (its partial indexes).
const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration WHERE name = ${'0045_operator_queue_indexes'}`.execute(db);
if (applied.rows.length > 0) {
  const page = { page: 1, pageSize: 20, sort: 'queue' as const };
  for (const queue of ['awaiting_dispatch', 'returned', 'awaiting_visit'] as const) {
    rows[`queue ${queue} (after)`] = await time(searchRuns, () => listCases(ctx, { user: operator, query: { ...page, queue } }));
  }
  // As asked before 0045: the statuses as bound values, which no partial index serves.
  rows['queue awaiting_dispatch (before)'] = await time(searchRuns, () => listCases(ctx, { user: operator, query: { ...page, statuses: ['received', 'triaged'] } }));
  rows['queue counts (after)'] = await time(searchRuns, () => operatorQueueCounts(ctx, operator));
}
console.log(`${dialect}, ${kept.city.rows.cases} cases`);
console.table(rows);
console.log(JSON.stringify(rows));
await db.destroy();
if (beforeDb !== db) await beforeDb.destroy();
