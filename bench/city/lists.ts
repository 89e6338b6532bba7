// Every case list page of bench:city's screens, timed at the repository (issue 13 §3), on a kept city:
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/city/lists.ts DIR [--runs 15] [--only name] [--plans] [--repository FILE]
// For each list (a role's scope and one filter): the listCases call's wall time p50/p95 and this
// process's CPU per call (SQLite runs in-process, so its CPU is the query's; PostgreSQL's is not),
// and on PostgreSQL the server's own execution time of each statement (EXPLAIN ANALYZE) and the
// buffers it touched, which a loaded machine distorts less than a wall clock. --plans prints each statement's plan.
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { PG_SESSION_OPTIONS } from '../../packages/server/src/db/database.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import type { CaseFilters, CaseScope, CaseSort, listCases as ListCases } from '../../packages/server/src/modules/cases/list-repository.js';
import { normalizePhone } from '../../packages/core/src/index.js';
import { readKept } from './keep.js';
import { phoneOf } from './generate.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { repository: { type: 'string' }, runs: { type: 'string', default: '15' }, only: { type: 'string' }, plans: { type: 'boolean', default: false } } });
const k = readKept(positionals[0] ?? '');
// --repository FILE times another version of the list repository (a copy of an older commit's).
const repository = values.repository ? path.resolve(values.repository) : '../../packages/server/src/modules/cases/list-repository.js';
const { listCases } = (await import(repository)) as { listCases: typeof ListCases };
const runs = Number(values.runs);
const logged: Array<{ sql: string; parameters: readonly unknown[] }> = [];
const log = (e: LogEvent): void => void logged.push({ sql: e.query.sql, parameters: e.query.parameters });
const postgres = k.database.kind === 'postgres';
const db = k.database.kind === 'sqlite'
  ? new Kysely<DB>({ dialect: new SqliteDialect({ database: new BetterSqlite3(k.database.file) }), log })
  : new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: k.database.url, max: 4, options: PG_SESSION_OPTIONS }) }), log });

const c = k.city;
const j = c.jurisdictionId;
const unitOf = (id: string | undefined) => c.units.find((u) => u.id === id);
const userUnit = (name: string) => unitOf(c.users.find((u) => u.username === name)?.unitId);
const hot = unitOf(c.unitsByVolume[0]?.id);
const supervisorUnit = userUnit('city-supervisor');
const quiet = userUnit('city-handler-quiet');
const official = await db.selectFrom('users').select('id').where('username', '=', 'city-official').executeTakeFirst();
const pii = createPiiCipher(Buffer.from(k.key, 'base64'));
const phone = normalizePhone(phoneOf(0));
const bidx = phone.ok ? pii.blindIndex(phone.e164) : '';

const city: CaseScope = { kind: 'jurisdiction', jurisdictionId: j };
// The city's busiest caller (phoneOf(0)): 1,190 cases at 300 k, ~40 k at 10 M.
const callerPhone = { bidx, jurisdictionId: j, includeProtected: false };
const units = (path: string | undefined, owner: string | null = null): CaseScope => ({ kind: 'units', jurisdictionId: j, unitPath: path ?? '/', ownerUserId: owner });
const handlerHot = units(hot?.path);
const handlerQuiet = units(quiet?.path);
const supervisor = units(supervisorUnit?.path);
const officialScope = units(quiet?.path, official?.id ?? null);
const open = ['dispatched', 'accepted', 'in_progress'];

interface Probe { name: string; scope: CaseScope; filters?: CaseFilters; sort?: CaseSort; offset?: number }
const probes: Probe[] = [
  { name: 'operator: all, newest', scope: city },
  { name: 'operator: page 50', scope: city, offset: 980 },
  { name: 'operator: status=in_progress', scope: city, filters: { statuses: ['in_progress'] } },
  { name: 'operator: status=dispatched,accepted', scope: city, filters: { statuses: ['dispatched', 'accepted'] } },
  { name: 'operator: unit=hottest', scope: city, filters: { unitPath: hot?.path } },
  { name: 'operator: unit=district (subtree)', scope: city, filters: { unitPath: supervisorUnit?.path } },
  { name: 'operator: unit=district, page 50', scope: city, filters: { unitPath: supervisorUnit?.path }, offset: 980 },
  { name: 'operator: type=suggestion', scope: city, filters: { type: 'suggestion' } },
  { name: 'operator: line', scope: city, filters: { lineId: c.lineIds[5] } },
  { name: 'operator: tip line', scope: city, filters: { lineId: c.tipLineIds[0] } },
  { name: 'operator: channel=sms', scope: city, filters: { channel: 'sms' } },
  { name: 'operator: urgency=urgent', scope: city, filters: { urgency: 'urgent' } },
  { name: 'operator: priority band', scope: city, filters: { priority: { min: 60, below: null } } },
  { name: 'operator: overdue', scope: city, filters: { overdue: true } },
  { name: 'operator: overdue, page 50', scope: city, filters: { overdue: true }, offset: 980 },
  { name: 'operator: case number prefix', scope: city, filters: { text: { ids: [], caseNumberPrefix: '2026' } } },
  { name: 'operator: phone (blind index)', scope: city, filters: { phone: callerPhone } },
  { name: 'operator: phone, page 5', scope: city, filters: { phone: callerPhone }, offset: 80 },
  { name: 'operator: phone + status=returned', scope: city, filters: { phone: callerPhone, statuses: ['returned'] } },
  { name: 'supervisor district: phone', scope: supervisor, filters: { phone: callerPhone } },
  { name: 'handler quiet: phone', scope: handlerQuiet, filters: { phone: callerPhone } },
  { name: 'supervisor district: status=received (none)', scope: supervisor, filters: { statuses: ['received'] } },
  { name: 'supervisor district: returned + emergency', scope: supervisor, filters: { statuses: ['returned'], urgency: 'emergency' } },
  { name: 'operator: unit=district, dispatched + emergency', scope: city, filters: { unitPath: supervisorUnit?.path, statuses: ['dispatched'], urgency: 'emergency' } },
  { name: 'operator: sort=priority', scope: city, sort: 'priority' },
  { name: 'handler hot: all', scope: handlerHot },
  { name: 'handler hot: page 50', scope: handlerHot, offset: 980 },
  { name: 'handler hot: workbench', scope: handlerHot, filters: { statuses: open, unitPath: hot?.path }, sort: 'deadline' },
  { name: 'handler hot: workbench, page 50', scope: handlerHot, filters: { statuses: open, unitPath: hot?.path }, sort: 'deadline', offset: 980 },
  { name: 'handler hot: sort=deadline, any status', scope: handlerHot, sort: 'deadline' },
  { name: 'handler hot: status=in_progress', scope: handlerHot, filters: { statuses: ['in_progress'] } },
  { name: 'handler hot: overdue', scope: handlerHot, filters: { overdue: true } },
  { name: 'handler quiet: all', scope: handlerQuiet },
  { name: 'handler quiet: overdue', scope: handlerQuiet, filters: { overdue: true } },
  { name: 'handler quiet: workbench', scope: handlerQuiet, filters: { statuses: open, unitPath: quiet?.path }, sort: 'deadline' },
  { name: 'supervisor district: all', scope: supervisor },
  { name: 'supervisor district: page 50', scope: supervisor, offset: 980 },
  { name: 'supervisor district: overdue', scope: supervisor, filters: { overdue: true } },
  { name: 'supervisor district: status=returned', scope: supervisor, filters: { statuses: ['returned'] } },
  { name: 'supervisor district: type=suggestion', scope: supervisor, filters: { type: 'suggestion' } },
  { name: 'supervisor district: urgency=urgent', scope: supervisor, filters: { urgency: 'urgent' } },
  { name: 'supervisor district: unit=hottest', scope: supervisor, filters: { unitPath: hot?.path } },
  { name: 'supervisor district: workbench', scope: supervisor, filters: { statuses: open, unitPath: supervisorUnit?.path }, sort: 'deadline' },
  { name: 'official: own lines', scope: officialScope, filters: { ownLinesOf: official?.id } },
  { name: 'official: own lines, page 50', scope: officialScope, filters: { ownLinesOf: official?.id }, offset: 980 },
  { name: 'official: all in scope', scope: officialScope },
  { name: 'official: all in scope, page 50', scope: officialScope, offset: 980 },
];

const now = new Date().toISOString();
const pick = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0) * 10) / 10;
};
const inline = (q: { sql: string; parameters: readonly unknown[] }): string => {
  let i = 0;
  return q.sql.replace(/\$\d+|\?/g, () => {
    const v = q.parameters[i++];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
};
const table: Record<string, Record<string, number | string>> = {};
for (const p of probes) {
  if (values.only && !p.name.includes(values.only)) continue;
  const call = () => listCases(db, { scope: p.scope, filters: p.filters ?? {}, sort: p.sort ?? 'created', limit: 20, offset: p.offset ?? 0, now });
  logged.length = 0;
  const first = await call();
  const statements = [...logged];
  const wall: number[] = [];
  const cpu: number[] = [];
  const budget = performance.now() + 20_000;
  for (let i = 0; i < runs && (i < 2 || performance.now() < budget); i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await call();
    wall.push(performance.now() - t0);
    const d = process.cpuUsage(c0);
    cpu.push((d.user + d.system) / 1000);
  }
  const row: Record<string, number | string> = { runs: wall.length, p50: pick(wall, 0.5), p95: pick(wall, 0.95), cpuP50: pick(cpu, 0.5), total: first.totalCapped ? `>${first.total}` : first.totalAtLeast ? `≥${first.total}` : first.total, rows: first.rows.length };
  // The newer answer says when its page ended at the range's window (ADR 0062).
  const since = (first as { searchedSince?: string | null }).searchedSince;
  if (since) row.searchedSince = since.slice(0, 10);
  for (const [i, q] of statements.entries()) {
    if (postgres) {
      const r = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${inline(q)}`).execute(db);
      const lines = r.rows.map((x) => x['QUERY PLAN']);
      row[`exec${i}`] = Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1) ?? '')?.[1] ?? -1);
      // The top node's buffers (hit + read): what the statement touched, which a loaded machine does not distort.
      const buffers = /Buffers: shared((?: \w+=\d+)+)/.exec(lines.find((l) => l.includes('Buffers: shared')) ?? '')?.[1] ?? '';
      row[`buf${i}`] = [...buffers.matchAll(/(hit|read)=(\d+)/g)].reduce((n, m) => n + Number(m[2]), 0);
      if (values.plans) console.log(`\n## ${p.name} [${i}]\n${inline(q)}\n${lines.join('\n')}`);
    } else if (values.plans) {
      const r = await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${inline(q)}`).execute(db);
      console.log(`\n## ${p.name} [${i}]\n${inline(q)}\n${r.rows.map((x) => x.detail).join('\n')}`);
    }
  }
  table[p.name] = row;
  console.error(`${p.name}: ${JSON.stringify(row)}`);
}
console.table(table);
console.log(JSON.stringify({ db: k.database.kind, cases: c.rows.cases, table }));
await db.destroy();
