import { sql, type Kysely } from 'kysely';
import { seededRandom } from '../../packages/core/src/random.js';
import type { PiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Dialect } from '../../packages/server/src/db/database.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import { createJurisdiction } from '../../packages/server/src/modules/org/service.js';

/** A column and its PostgreSQL type (unnest arrays are cast to it). */
type Column = readonly [name: string, pgType: 'text' | 'int' | 'timestamptz'];

/**
 * One INSERT per batch without a bound parameter per value (as bench/figures/load.ts): one array
 * per column on PostgreSQL (`unnest`), one JSON text on SQLite (`json_each`).
 */
async function bulkInsert(db: Kysely<DB>, dialect: Dialect, table: string, columns: readonly Column[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(columns.map(([c]) => sql.ref(c)));
  if (dialect === 'postgres') {
    const arrays = columns.map(([, type], i) => sql`${rows.map((r) => r[i])}::${sql.raw(type === 'timestamptz' ? 'text' : type)}[]`);
    const picks = sql.join(columns.map(([c, type]) => sql`${sql.ref(`u.${c}`)}::${sql.raw(type)}`));
    await sql`INSERT INTO ${sql.table(table)} (${names}) SELECT ${picks} FROM unnest(${sql.join(arrays)}) AS u(${names})`.execute(db);
  } else {
    const picks = sql.raw(columns.map((_, i) => `value->>${i}`).join(', '));
    await sql`INSERT INTO ${sql.table(table)} (${names}) SELECT ${picks} FROM json_each(${JSON.stringify(rows)})`.execute(db);
  }
}

const CASE_COLUMNS: readonly Column[] = [
  ['id', 'text'], ['jurisdiction_id', 'text'], ['case_number', 'text'], ['tracking_code_hash', 'text'], ['status', 'text'], ['channel', 'text'],
  ['type', 'text'], ['urgency', 'text'], ['content', 'text'], ['content_enc', 'text'], ['caller_name_enc', 'text'], ['caller_phone_enc', 'text'],
  ['caller_phone_bidx', 'text'], ['line_id', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['caller_protected', 'int'],
];
const CONTACT_COLUMNS: readonly Column[] = [
  ['id', 'text'], ['jurisdiction_id', 'text'], ['case_id', 'text'], ['channel', 'text'], ['line_id', 'text'], ['caller_phone_enc', 'text'],
  ['caller_phone_bidx', 'text'], ['content', 'text'], ['content_enc', 'text'], ['outcome', 'text'], ['received_at', 'timestamptz'],
];
const CALL_COLUMNS: readonly Column[] = [
  ['id', 'text'], ['jurisdiction_id', 'text'], ['source', 'text'], ['external_id', 'text'], ['direction', 'text'], ['line_id', 'text'], ['line_number', 'text'],
  ['caller_bidx', 'text'], ['offered_at', 'timestamptz'], ['outcome', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['late_answer', 'int'],
];

const TOPICS = ['小区停水', '夜间施工噪音扰民', '道路坑洼', '物业乱收费', '供暖温度不达标', '违章停车堵路', '拖欠工资', '油烟扰民', '路灯不亮', '垃圾清运不及时'];
const OPEN = ['received', 'dispatched', 'accepted', 'in_progress', 'replied'] as const;
const BATCH = 5000;
/** Bench ids look like UUIDs (the routes and joins treat them as text). */
const benchId = (prefix: number, n: number): string => `${String(prefix).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export interface HistoryCity {
  jurisdictionId: string;
  callers: number;
  /** The number of caller i (E.164). */
  phoneOf(i: number): string;
  rows: { cases: number; contacts: number; callRecords: number; vulnerabilities: number };
  loadMs: number;
}

export interface HistoryCityOptions {
  cases: number;
  /** Distinct callers; a few call very often (a caller's index is skewed towards 0). */
  callers?: number;
  /**
   * How steeply calls lean towards the first callers: caller = callers × rand()^skew, so caller 0
   * has callers^(-1/skew) of all cases. 2 (the default) gives the top caller of a 1 M city ~2,200
   * cases; 2.5 gives it ~7,600, as many as the 10 M city's top caller had (7,251).
   */
  skew?: number;
  days?: number;
  now: Date;
  progress?: (done: number) => void;
}

/**
 * `cases` appeals over `days` days (three years by default) by `cases / 5` callers, skewed so
 * the first callers are very frequent (the top one has thousands of cases). Each case has its
 * first contact; one in ten callers' cases gets a repeat contact; 3 % came in on a tip line
 * (protected reporter); 2 % have a confirmed vulnerability; calls of the last 90 days are call
 * records (the history reads only 30 days of them). Cases still open are the recent ones.
 */
export async function loadHistoryCity(db: Kysely<DB>, dialect: Dialect, pii: PiiCipher, o: HistoryCityOptions): Promise<HistoryCity> {
  const started = performance.now();
  const rand = seededRandom(20261205);
  const j = await createJurisdiction(db, { code: 'bench-callers', name: '来电历史基准市', timezone: 'Asia/Shanghai' });
  const lines = { staffed: benchId(7, 1), tip: benchId(7, 2) };
  await db.insertInto('lines').values([
    { id: lines.staffed, jurisdiction_id: j.id, number: '12345', name: '市民热线', owner_user_id: null, owner_title: '', mode: 'staffed', is_public: 1, service_hours: '{}', created_at: o.now.toISOString() },
    { id: lines.tip, jurisdiction_id: j.id, number: '12345110', name: '举报专线', owner_user_id: null, owner_title: '', mode: 'tip', is_public: 1, service_hours: '{}', created_at: o.now.toISOString() },
  ]).execute();
  const callers = o.callers ?? Math.max(10, Math.floor(o.cases / 5));
  const skew = o.skew ?? 2;
  const phoneOf = (i: number): string => `+86139${String(i).padStart(8, '0')}`;
  // Sealing is the slow part; the history decrypts only one name, so a small pool is enough.
  const names = Array.from({ length: 64 }, (_, i) => pii.encrypt(`居民${i}`));
  const sealedPhone = pii.encrypt('+8613900000000');
  const sealedText = pii.encrypt('（基准数据）');
  const days = o.days ?? 1096;
  const span = days * 86_400_000;
  const rows = { cases: 0, contacts: 0, callRecords: 0, vulnerabilities: 0 };
  const bidxCache = new Map<number, string>();
  const bidxOf = (i: number): string => {
    let b = bidxCache.get(i);
    if (b === undefined) {
      b = pii.blindIndex(phoneOf(i));
      if (bidxCache.size < 200_000) bidxCache.set(i, b);
    }
    return b;
  };

  await db.connection().execute(async (conn) => {
    if (dialect === 'postgres') await sql`SET session_replication_role = replica`.execute(conn);
    else await sql`PRAGMA foreign_keys = OFF`.execute(conn);
    await sql`BEGIN`.execute(conn);
    for (let start = 0; start < o.cases; start += BATCH) {
      const cases: unknown[][] = [];
      const contacts: unknown[][] = [];
      const calls: unknown[][] = [];
      const flags: Array<{ case_id: string; flag: string }> = [];
      for (let n = start; n < Math.min(o.cases, start + BATCH); n++) {
        // Receipt times rise with n (a real table is appended to in time order).
        const at = new Date(o.now.getTime() - span + Math.floor(((n + rand()) / o.cases) * span));
        const iso = at.toISOString();
        const ageDays = (o.now.getTime() - at.getTime()) / 86_400_000;
        const caller = Math.floor(callers * rand() ** skew);
        const bidx = bidxOf(caller);
        const tip = rand() < 0.03;
        const line = tip ? lines.tip : rand() < 0.7 ? lines.staffed : null;
        const status = ageDays < 60 && rand() < 0.6 ? OPEN[Math.floor(rand() * OPEN.length)] : 'closed';
        const id = benchId(1, n);
        const content = `${TOPICS[n % TOPICS.length]}，第${n}号诉求。`;
        cases.push([id, j.id, `B${n}`, `t${n}`, status, 'phone', 'complaint', 'normal', content, sealedText, names[caller % names.length], sealedPhone, bidx, line, iso, iso, tip ? 1 : 0]);
        contacts.push([benchId(2, n), j.id, id, 'phone', line, sealedPhone, bidx, content, sealedText, 'opened_case', iso]);
        if (rand() < 0.1) {
          const later = new Date(Math.min(o.now.getTime() - 1000, at.getTime() + rand() * 7 * 86_400_000)).toISOString();
          contacts.push([benchId(3, n), j.id, id, 'phone', line, sealedPhone, bidx, '再次来电催办。', sealedText, 'attached', later]);
        }
        if (rand() < 0.02) flags.push({ case_id: id, flag: 'elderly' });
        if (ageDays < 90) calls.push([benchId(4, n), j.id, 'cti', `bench-${n}`, 'in', line, '12345', bidx, iso, rand() < 0.9 ? 'answered' : 'missed', iso, iso, 0]);
      }
      await bulkInsert(conn, dialect, 'cases', CASE_COLUMNS, cases);
      await bulkInsert(conn, dialect, 'contacts', CONTACT_COLUMNS, contacts);
      await bulkInsert(conn, dialect, 'call_records', CALL_COLUMNS, calls);
      if (flags.length > 0) await conn.insertInto('case_vulnerabilities').values(flags).execute();
      rows.cases += cases.length;
      rows.contacts += contacts.length;
      rows.callRecords += calls.length;
      rows.vulnerabilities += flags.length;
      if ((start / BATCH) % 40 === 39) {
        await sql`COMMIT`.execute(conn);
        o.progress?.(rows.cases);
        await sql`BEGIN`.execute(conn);
      }
    }
    await sql`COMMIT`.execute(conn);
    if (dialect === 'postgres') {
      await sql`SET session_replication_role = DEFAULT`.execute(conn);
      await sql`ANALYZE`.execute(conn);
    } else {
      await sql`PRAGMA foreign_keys = ON`.execute(conn);
      await sql`ANALYZE`.execute(conn);
    }
  });
  return { jurisdictionId: j.id, callers, phoneOf, rows, loadMs: Math.round(performance.now() - started) };
}
