import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { addDays, localDate } from '../../packages/core/src/calendar/local-time.js';
import { searchTokens } from '../../packages/core/src/search-tokens.js';
import { seededRandom, type Random } from '../../packages/core/src/random.js';
import type { DatabaseConfig } from '../../packages/server/src/config.js';
import { createPiiCipher, type PiiCipher } from '../../packages/server/src/crypto/pii.js';
import { openDatabase, type Database, type Dialect } from '../../packages/server/src/db/database.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { callerNameIndex } from '../../packages/server/src/modules/cases/name-index.js';
import { createUser } from '../../packages/server/src/modules/org/service.js';
import { casesPerDay, cityCells, LINES, type Cell as FigureCell } from '../figures/city.js';
import { benchId, caseCategory, loadCity, type LoadedUnit } from '../figures/load.js';
import { contentPool } from './content.js';
import { restoreScopeTriggers, scopeUnits, suspendScopeTriggers } from './scopes.js';
import { postgresSink, sqliteSink, type Sink } from './sink.js';

export interface CityOptions {
  cases: number;
  seed?: number;
  /** Days of history up to yesterday (three years by default). */
  days?: number;
  /** The sealing key; the server reading the city must be given the same one. */
  key: Buffer;
  now?: Date;
  progress?: (message: string) => void;
  /**
   * The chance that a dispatched case is still open, whatever its age (bench:intake-processing
   * at a chosen number of open cases, issue 13 §2). Unset: most of the newest, a quarter of the
   * rest, 30 % of all.
   */
  openShare?: number;
}

/** Who may log in to the generated city (all with CITY_PASSWORD), by role and unit. */
export interface CityUser {
  username: string;
  role: 'admin' | 'operator' | 'handler' | 'supervisor' | 'official';
  unitId: string;
  note: string;
}

export interface GeneratedCity {
  jurisdictionId: string;
  timezone: string;
  units: LoadedUnit[];
  /** Unit ids by case volume, hottest first, with their case counts. */
  unitsByVolume: Array<{ id: string; name: string; cases: number }>;
  lineIds: string[];
  tipLineIds: string[];
  users: CityUser[];
  /** Distinct callers; caller i's number is phoneOf(i); low i call most (caller 0 has the most cases). */
  callers: number;
  phoneOf(i: number): string;
  rows: Record<string, number>;
  openCases: number;
  overdueCases: number;
  firstDay: string;
  lastDay: string;
  seconds: { setup: number; load: number; indexes: number; analyze: number; total: number };
  /** The generator process's own CPU (user + system) per phase: on a shared machine the wall clock says little. */
  cpuSeconds: { setup: number; load: number; indexes: number; analyze: number; total: number };
}

export const CITY_PASSWORD = 'city-bench-password';
const TIMEZONE = 'Asia/Shanghai';
const POOL = 100_000;
/** Lines (of the 30 figure lines) that are tip lines: their callers are protected (ADR 0006). */
const TIP_LINES = new Set([3, 17]);
/**
 * The tables the generator fills in bulk, the figures' included: their secondary indexes are
 * dropped before the first row and rebuilt after the last (constraint indexes stay).
 */
const BULK_TABLES = [
  'cases', 'contacts', 'case_deadlines', 'call_records', 'search_documents', 'case_scopes',
  'stat_case_cells', 'stat_daily', 'stat_unit_daily', 'stat_scope_daily', 'stat_category_daily',
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CASE_COLUMNS = [
  'id', 'jurisdiction_id', 'case_number', 'tracking_code_hash', 'status', 'channel', 'type', 'urgency', 'content', 'content_enc',
  'caller_name_enc', 'caller_name_bidx', 'caller_phone_enc', 'caller_phone_bidx', 'address_enc', 'line_id', 'caller_protected', 'lead_unit_id',
  'created_at', 'updated_at', 'bounce_count', 'dispatched_at', 'contacted_at', 'replied_at', 'reply_text', 'visit_solved', 'visit_satisfaction',
  'visited_at', 'closed_at', 'closed_at_intake', 'invalid_reason', 'priority', 'category_id',
] as const;
const CONTACT_COLUMNS = [
  'id', 'jurisdiction_id', 'case_id', 'channel', 'line_id', 'caller_name_enc', 'caller_phone_enc', 'caller_phone_bidx', 'content', 'content_enc', 'outcome', 'received_at',
] as const;
const DEADLINE_COLUMNS = [
  'id', 'case_id', 'unit_id', 'kind', 'clock', 'starts_at', 'due_at', 'remind_at', 'reminded_at', 'overdue_at', 'met_at', 'cancelled_at', 'created_at',
  'escalation_level',
] as const;
const CALL_COLUMNS = [
  'id', 'jurisdiction_id', 'source', 'external_id', 'direction', 'line_id', 'line_number', 'caller_bidx', 'offered_at', 'answered_at', 'ended_at',
  'wait_seconds', 'talk_seconds', 'outcome', 'late_answer', 'case_id', 'contact_id', 'created_at', 'updated_at',
] as const;
/** The scope key (migrations 0051, 0056), written beside each case instead of by its triggers (ADR 0061). */
const SCOPE_COLUMNS = ['case_id', 'unit_id', 'jurisdiction_id', 'created_at', 'lead', 'due_at', 'active'] as const;
const SEARCH_COLUMNS = ['doc_type', 'doc_id', 'jurisdiction_id', 'tokens'] as const;
/** PostgreSQL's documents also carry the case's created_at (migration 0057); SQLite's FTS5 table does not. */
const PG_SEARCH_COLUMNS = [...SEARCH_COLUMNS, 'created_at'] as const;

const REPLIES = ['已安排工作人员现场处理，问题已解决。', '经核实，已责令相关单位整改。', '已联系物业公司，承诺一周内处理完毕。', '该问题已纳入计划，预计下月完成。'];
const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

type Weighted<T> = ReadonlyArray<readonly [T, number]>;
function weighted<T>(items: Weighted<T>): (r: number) => T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  return (r) => {
    let x = r * total;
    for (const [item, w] of items) if ((x -= w) < 0) return item;
    return (items.at(-1) as readonly [T, number])[0];
  };
}
// Where open cases stand, by age: the newest still at intake, the old ones mostly awaiting the visit.
const OPEN_NEW = weighted([['received', 15], ['triaged', 5], ['dispatched', 30], ['accepted', 20], ['in_progress', 25], ['replied', 5]] as const);
const OPEN_RECENT = weighted([['dispatched', 10], ['accepted', 15], ['in_progress', 45], ['returned', 5], ['replied', 18], ['visited', 7]] as const);
const OPEN_OLD = weighted([['accepted', 3], ['in_progress', 20], ['returned', 2], ['replied', 50], ['visited', 25]] as const);
const URGENCY = weighted([['normal', 93], ['urgent', 6], ['emergency', 1]] as const);

/** A UTC instant of a local day in Asia/Shanghai (UTC+8, no daylight saving). */
const localMidnight = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

/**
 * Builds a city of `cases` cases over three years at the latest migration, in bulk: the org tree,
 * lines and figures of bench/figures (a few hot units, many quiet), then cases, contacts,
 * deadlines, call records and search index rows straight into the tables (SQLite: prepared
 * INSERTs in big transactions with durability relaxed for the load; PostgreSQL: COPY), with the
 * secondary indexes of those tables dropped during the load and rebuilt from the very
 * definitions the migrations created. Personal fields are sealed with `key` from pre-sealed
 * pools (sealing 10 M values one by one would take longer than the rest).
 */
export async function generateCity(config: DatabaseConfig, options: CityOptions): Promise<GeneratedCity> {
  const started = performance.now();
  const startedCpu = cpuNow();
  const say = options.progress ?? (() => undefined);
  const now = options.now ?? new Date();
  const pii = createPiiCipher(options.key);
  const days = options.days ?? 1096;
  const lastDay = addDays(localDate(now, TIMEZONE), -1);
  const firstDay = addDays(lastDay, 1 - days);
  const seed = options.seed ?? 20261205;

  const migrated = openDatabase(config);
  try {
    await migrateToLatest(migrated.db);
  } finally {
    await migrated.close();
  }
  say(`migrated in ${seconds(started)} s`);
  // The secondary indexes of every table the generator fills (figures included) go before the
  // first row and come back after the last, built once from sorted data.
  const raw = await openRaw(config);
  const indexes = await raw.dropIndexes();
  say(`dropped ${indexes.length} secondary indexes of ${BULK_TABLES.join(', ')} for the load`);
  const database = raw.setupDatabase();
  let setup;
  try {
    // The org tree, categories and the figures' rollups, as bench:figures loads them (cells of the last month only).
    const loaded = await loadCity(database.db, database.dialect, { cases: options.cases, lastDay, days, seed, cellDays: 31 });
    const lineIds = Array.from({ length: LINES }, (_, i) => benchId(1, i));
    await database.db
      .insertInto('lines')
      .values(lineIds.map((id, i) => ({
        id, jurisdiction_id: loaded.jurisdictionId, number: `12345${String(i).padStart(3, '0')}`, name: TIP_LINES.has(i) ? `举报专线${i}` : `专线${i}`,
        owner_user_id: null, owner_title: '', mode: TIP_LINES.has(i) ? ('tip' as const) : ('staffed' as const), is_public: 1, service_hours: '{}', created_at: now.toISOString(),
      })))
      .execute();
    const leaves = await leafCategories(database, loaded.jurisdictionId);
    const pools = await sealedPools(database, pii, seededRandom(seed + 1));
    const scopes = await scopeUnits(database, loaded.units.map((u) => u.id));
    setup = { loaded, lineIds, leaves, pools, scopes, scopeTriggers: await suspendScopeTriggers(database) };
  } finally {
    await database.close();
  }
  const setupSeconds = seconds(started);
  const setupCpu = cpuSince(startedCpu);
  say(`set up in ${setupSeconds} s (${setup.loaded.units.length} units, figures loaded in ${Math.round(setup.loaded.loadMs / 100) / 10} s)`);

  const loadStarted = performance.now();
  const loadCpu = cpuNow();
  const result = await loadRows(raw.sink(), { ...options, now, seed, days, firstDay, lastDay, jurisdictionId: setup.loaded.jurisdictionId, units: setup.loaded.units, lineIds: setup.lineIds, leaves: setup.leaves, pools: setup.pools, scopes: setup.scopes, pii }, say);
  const loadSeconds = seconds(loadStarted);
  const loadCpuSeconds = cpuSince(loadCpu);
  say(`rows loaded in ${loadSeconds} s: ${JSON.stringify(result.rows)}`);
  const indexStarted = performance.now();
  const indexCpu = cpuNow();
  await raw.createIndexes(indexes, say);
  const indexSeconds = seconds(indexStarted);
  const indexCpuSeconds = cpuSince(indexCpu);
  const analyzeStarted = performance.now();
  const analyzeCpu = cpuNow();
  await raw.analyze();
  const analyzeSeconds = seconds(analyzeStarted);
  const analyzeCpuSeconds = cpuSince(analyzeCpu);
  await raw.close();
  const scoped = openDatabase(config);
  try {
    await restoreScopeTriggers(scoped, setup.scopeTriggers);
  } finally {
    await scoped.close();
  }
  say(`indexes rebuilt in ${indexSeconds} s, statistics in ${analyzeSeconds} s`);

  // The people who log in, after the load (the hottest unit is known only now).
  const after = openDatabase(config);
  const unitsByVolume = setup.loaded.units
    .map((u, i) => ({ id: u.id, name: u.name, cases: result.perUnit[i] ?? 0 }))
    .sort((a, b) => b.cases - a.cases);
  let users: CityUser[];
  try {
    users = await createCityUsers(after, setup.loaded.jurisdictionId, setup.loaded.units, unitsByVolume, setup.lineIds);
  } finally {
    await after.close();
  }
  return {
    jurisdictionId: setup.loaded.jurisdictionId,
    timezone: TIMEZONE,
    units: setup.loaded.units,
    unitsByVolume,
    lineIds: setup.lineIds,
    tipLineIds: setup.lineIds.filter((_, i) => TIP_LINES.has(i)),
    users,
    callers: result.callers,
    phoneOf,
    rows: result.rows,
    openCases: result.open,
    overdueCases: result.overdue,
    firstDay,
    lastDay,
    seconds: { setup: setupSeconds, load: loadSeconds, indexes: indexSeconds, analyze: analyzeSeconds, total: seconds(started) },
    cpuSeconds: { setup: setupCpu, load: loadCpuSeconds, indexes: indexCpuSeconds, analyze: analyzeCpuSeconds, total: cpuSince(startedCpu) },
  };
}

const seconds = (since: number): number => Math.round((performance.now() - since) / 100) / 10;
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const cpuSince = (since: number): number => Math.round((cpuNow() - since) * 10) / 10;
export const phoneOf = (i: number): string => `+86139${String(i).padStart(8, '0')}`;

async function leafCategories(database: SetupDatabase, jurisdictionId: string): Promise<string[]> {
  // The same leaves, in the same order, as bench/figures/load.ts gives the figures' cells.
  const rows = await database.db.selectFrom('case_categories').select(['id', 'parent_id']).where('jurisdiction_id', '=', jurisdictionId).orderBy('code').execute();
  const parents = new Set(rows.map((r) => r.parent_id));
  return rows.filter((r) => !parents.has(r.id)).map((r) => r.id);
}

interface Pools {
  /** Whose format `tokens` is in. */
  dialect: Dialect;
  texts: string[];
  /** Sealed copy of texts[i]. */
  sealedTexts: string[];
  /** What search_documents.tokens holds for texts[i]: FTS5 text on SQLite, tsvector text on PostgreSQL. */
  tokens: string[];
  names: Array<{ sealed: string; bidx: string | null }>;
  addresses: string[];
  /** Sealed numbers of the first callers (the frequent ones); later callers share these. */
  phones: string[];
}

async function sealedPools(database: SetupDatabase, pii: PiiCipher, random: Random): Promise<Pools> {
  const texts = contentPool(POOL, random);
  const sealedTexts = texts.map((t) => pii.encrypt(t));
  const tokenText = texts.map((t) => searchTokens(t).join(' '));
  let tokens = tokenText;
  if (database.dialect === 'postgres') {
    // Exactly what the app's to_tsvector('simple', …) stores, computed by the server once per text.
    const out: string[] = [];
    for (let i = 0; i < tokenText.length; i += 10_000) {
      const part = tokenText.slice(i, i + 10_000);
      const r = await sql<{ v: string }>`SELECT to_tsvector('simple', t)::text AS v FROM unnest(${part}::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`.execute(database.db);
      out.push(...r.rows.map((row) => row.v));
    }
    tokens = out;
  }
  const names = Array.from({ length: 2000 }, (_, i) => {
    const name = `${'王李张刘陈杨赵黄周吴'[i % 10]}${'伟芳娜敏静丽强磊军洋'[Math.floor(i / 10) % 10]}${i >= 100 ? String(i) : ''}`;
    return { sealed: pii.encrypt(name), bidx: callerNameIndex(pii, name) };
  });
  const addresses = Array.from({ length: 2000 }, (_, i) => pii.encrypt(`某区某路${i + 1}号${(i % 30) + 1}单元`));
  const phones = Array.from({ length: 20_000 }, (_, i) => pii.encrypt(phoneOf(i)));
  return { dialect: database.dialect, texts, sealedTexts, tokens, names, addresses, phones };
}

interface LoadInput extends CityOptions {
  now: Date;
  seed: number;
  days: number;
  firstDay: string;
  lastDay: string;
  jurisdictionId: string;
  units: LoadedUnit[];
  lineIds: string[];
  leaves: string[];
  pools: Pools;
  /** Per unit (by index), the ids of the units whose subtree holds it, itself included. */
  scopes: string[][];
  pii: PiiCipher;
}

/** The rows themselves, day by day of receipt, from the same cells the figures were summed from. */
async function loadRows(sink: Sink, o: LoadInput, say: (m: string) => void) {
  const random = seededRandom(o.seed + 2);
  const j = o.jurisdictionId;
  const nowMs = o.now.getTime();
  const casesW = sink.table('cases', CASE_COLUMNS);
  const contactsW = sink.table('contacts', CONTACT_COLUMNS);
  const deadlinesW = sink.table('case_deadlines', DEADLINE_COLUMNS);
  const callsW = sink.table('call_records', CALL_COLUMNS);
  const postgres = o.pools.dialect === 'postgres';
  const searchW = sink.table('search_documents', postgres ? PG_SEARCH_COLUMNS : SEARCH_COLUMNS);
  const scopesW = sink.table('case_scopes', SCOPE_COLUMNS);
  const counters = sink.table('case_number_counters', ['jurisdiction_id', 'day', 'last_value']);
  const rows = { cases: 0, contacts: 0, case_deadlines: 0, call_records: 0, search_documents: 0, case_scopes: 0, case_number_counters: 0 };
  const perUnit: number[] = o.units.map(() => 0);
  let open = 0;
  let overdue = 0;
  // A fifth as many callers as cases; squaring the draw makes the first ones call very often.
  const callers = Math.max(10, Math.floor(o.cases / 5));
  const bidxCache: string[] = [];
  const bidxOf = (i: number): string => {
    if (i < 200_000) return (bidxCache[i] ??= o.pii.blindIndex(phoneOf(i)));
    return o.pii.blindIndex(phoneOf(i));
  };
  const perDay = casesPerDay({ cases: o.cases, lastDay: o.lastDay, days: o.days, seed: o.seed });
  let caseNo = 0;
  let d = 0;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const started = performance.now();
  for (const { day, cells } of cityCells({ cases: o.cases, lastDay: o.lastDay, days: o.days, seed: o.seed }, o.units.length)) {
    const count = perDay[d] ?? 0;
    // A case's first cell (receipt day, its lead unit when dispatched) gives its unit, line, type and channel.
    const byCase = new Map<number, { lead: FigureCell; returns: number }>();
    for (const c of cells) {
      if (c.day !== day || (c.counts[0] ?? 0) === 0) continue;
      const seen = byCase.get(c.caseNo);
      byCase.set(c.caseNo, { lead: c, returns: (seen ? 1 : 0) + (c.counts[1] ?? 0) });
    }
    const dayStart = localMidnight(day);
    const compactDay = day.replaceAll('-', '');
    for (let k = 0; k < count; k++, caseNo++) {
      const at = dayStart + Math.floor(((k + random()) / count) * DAY);
      const ageDays = (nowMs - at) / DAY;
      const id = benchId(2, caseNo);
      const cell = byCase.get(caseNo);
      const lineIndex = cell ? cell.lead.line : random() < 0.75 ? -1 : Math.floor(random() * o.lineIds.length);
      const lineId = lineIndex < 0 ? null : (o.lineIds[lineIndex] ?? null);
      const tip = TIP_LINES.has(lineIndex);
      const type = cell ? cell.lead.type : 'consultation';
      const channel = cell ? cell.lead.channel : (['phone', 'phone', 'phone', 'web', 'sms'][Math.floor(random() * 5)] as string);
      const caller = Math.floor(callers * random() ** 2);
      const bidx = bidxOf(caller);
      const sealedPhone = o.pools.phones[caller % o.pools.phones.length] as string;
      const name = o.pools.names[caller % o.pools.names.length] as Pools['names'][number];
      const textIndex = Math.floor(random() * o.pools.texts.length);
      const text = o.pools.texts[textIndex] as string;
      const sealedText = o.pools.sealedTexts[textIndex] as string;
      const urgency = URGENCY(random());
      const priority = Math.round((urgency === 'emergency' ? 400 : urgency === 'urgent' ? 150 : 0) + 60 * random() ** 3 + (random() < 0.02 ? 100 : 0));
      // Open: most of the newest, a backlog of a quarter of the rest (the 30 % overall).
      const isOpen = cell !== undefined && random() < (o.openShare ?? 0.33 + 0.6 * Math.exp(-ageDays / 60));
      let status: string;
      if (!cell) status = 'closed';
      else if (!isOpen) status = random() < 0.03 ? 'invalid' : 'closed';
      else status = ageDays < 2 ? OPEN_NEW(random()) : ageDays < 30 ? OPEN_RECENT(random()) : OPEN_OLD(random());
      const atIntake = status === 'received' || status === 'triaged';
      const unitIndex = cell && !atIntake ? cell.lead.unit : -1;
      const lead = unitIndex >= 0 ? (o.units[unitIndex]?.id ?? null) : null;
      if (unitIndex >= 0) perUnit[unitIndex] = (perUnit[unitIndex] ?? 0) + 1;
      const dispatchedAt = lead ? Math.min(nowMs - 60_000, at + Math.floor(random() * 4 * HOUR)) : null;
      const stage = ['dispatched', 'accepted', 'in_progress', 'returned'].includes(status) ? 0 : ['replied', 'visited', 'closed', 'invalid'].includes(status) ? 2 : -1;
      const repliedAt = stage === 2 && dispatchedAt !== null ? Math.min(nowMs - 30_000, dispatchedAt + Math.floor((0.5 + 10 * random()) * DAY)) : null;
      const visited = status === 'visited' || status === 'closed';
      const visitedAt = visited && repliedAt !== null ? Math.min(nowMs - 20_000, repliedAt + Math.floor(3 * random() * DAY)) : null;
      const closedAt = status === 'closed' ? (visitedAt ?? at + 600_000) : status === 'invalid' ? (dispatchedAt ?? at) + HOUR : null;
      const contactedAt = dispatchedAt !== null && status !== 'dispatched' ? dispatchedAt + Math.floor(random() * DAY) : null;
      const updatedAt = Math.max(at, dispatchedAt ?? 0, contactedAt ?? 0, repliedAt ?? 0, visitedAt ?? 0, closedAt ?? 0);
      casesW.add([
        id, j, `${compactDay}-${String(k + 1).padStart(6, '0')}`, caseNo.toString(16).padStart(64, '0'), status, channel, type, urgency, text, sealedText,
        name.sealed, name.bidx, sealedPhone, bidx, random() < 0.3 ? (o.pools.addresses[caseNo % o.pools.addresses.length] as string) : null, lineId, tip ? 1 : 0, lead,
        iso(at), iso(Math.min(updatedAt, nowMs - 1000)), cell?.returns ?? 0, dispatchedAt === null ? null : iso(dispatchedAt), contactedAt === null ? null : iso(Math.min(contactedAt, nowMs - 1000)),
        repliedAt === null ? null : iso(repliedAt), repliedAt === null ? null : (REPLIES[caseNo % REPLIES.length] as string),
        visitedAt === null ? null : random() < 0.8 ? 1 : 0, visitedAt === null ? null : (SATISFACTION[Math.floor(random() ** 2 * 3)] as string),
        visitedAt === null ? null : iso(visitedAt), closedAt === null ? null : iso(Math.min(closedAt, nowMs - 1000)), cell ? 0 : 1,
        status === 'invalid' ? '重复或无效诉求' : null, priority, caseCategory(o.leaves, caseNo),
      ]);
      rows.cases++;
      if (status !== 'closed' && status !== 'invalid') open++;
      contactsW.add([benchId(3, caseNo), j, id, channel, lineId, name.sealed, sealedPhone, bidx, text, sealedText, cell ? 'opened_case' : 'answered', iso(at)]);
      rows.contacts++;
      if (random() < 0.08) {
        const later = Math.min(nowMs - 1000, at + Math.floor(random() * 7 * DAY));
        contactsW.add([benchId(4, caseNo), j, id, channel, lineId, name.sealed, sealedPhone, bidx, '再次来电催办。', o.pools.sealedTexts[0] as string, 'attached', iso(later)]);
        rows.contacts++;
      }
      const tokens = o.pools.tokens[textIndex] as string;
      searchW.add(postgres ? ['case', id, j, tokens, iso(at)] : ['case', id, j, tokens]);
      rows.search_documents++;
      if (channel === 'phone' && ageDays < 90) {
        callsW.add([
          benchId(5, caseNo), j, 'cti', `city-${caseNo}`, 'in', lineId, lineId ? `12345${String(lineIndex).padStart(3, '0')}` : '12345', bidx, iso(at - 120_000),
          iso(at - 100_000), iso(at - 10_000), 20, 90, 'answered', 0, id, benchId(3, caseNo), iso(at - 120_000), iso(at - 10_000),
        ]);
        rows.call_records++;
      }
      // Deadlines of open cases with a unit: those passed are met, the current one runs (overdue once due).
      const ended = status === 'closed' || status === 'invalid';
      let runningDue: string | null = null;
      if (lead && dispatchedAt !== null && !ended) {
        const steps = status === 'dispatched' ? 1 : status === 'accepted' ? 2 : status === 'returned' ? 1 : 3;
        const running = ['dispatched', 'accepted', 'in_progress'].includes(status);
        // Some long-running cases had their resolve deadline extended.
        const extended = status === 'in_progress' && ageDays > 15 && random() < 0.6;
        let caseOverdue = false;
        (['accept', 'contact', 'resolve'] as const).slice(0, steps).forEach((kind, s) => {
          const isRunning = running && s === steps - 1;
          const due = extended && kind === 'resolve' ? nowMs + Math.floor(random() * 20 * DAY) : dispatchedAt + [DAY, 3 * DAY, 15 * DAY][s]!;
          const remind = due - Math.floor((due - dispatchedAt) / 5);
          const passed = isRunning && due <= nowMs;
          if (passed) caseOverdue = true;
          if (isRunning) runningDue = iso(due);
          deadlinesW.add([
            benchId(6, caseNo * 4 + s), id, lead, kind, 'working', iso(dispatchedAt), iso(due), iso(remind), remind <= nowMs ? iso(remind) : null,
            passed ? iso(due) : null, isRunning ? null : status === 'returned' ? null : iso(Math.min(due - 60_000, nowMs - 1000)),
            status === 'returned' ? iso(Math.min(nowMs - 1000, dispatchedAt + HOUR)) : null, iso(dispatchedAt), passed ? 1 : 0,
          ]);
          rows.case_deadlines++;
        });
        if (caseOverdue) overdue++;
      }
      // The scope key as 0051's and 0056's triggers would write it: every unit above the lead
      // (none co-handle here), with the case's running deadline and whether it is on a desk.
      if (unitIndex >= 0) {
        const active = !ended || runningDue !== null ? 1 : 0;
        for (const unitId of o.scopes[unitIndex] as string[]) scopesW.add([id, unitId, j, iso(at), 1, runningDue, active]);
        rows.case_scopes += (o.scopes[unitIndex] as string[]).length;
      }
    }
    if (count > 0) {
      counters.add([j, compactDay, count]);
      rows.case_number_counters++;
    }
    d++;
    await sink.flush();
    if (d % 60 === 0) say(`[${seconds(started)} s] ${day}: ${caseNo} cases`);
  }
  await sink.finish();
  return { rows, perUnit, open, overdue, callers };
}

/** What the set-up writes through (Kysely): the app's own services create the org tree. */
interface SetupDatabase {
  db: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
}

interface RawDb {
  /** SQLite: Kysely over this very connection (its relaxed pragmas); PostgreSQL: a pool of the app's. */
  setupDatabase(): SetupDatabase;
  sink(): Sink;
  dropIndexes(): Promise<Array<{ name: string; sql: string }>>;
  createIndexes(indexes: Array<{ name: string; sql: string }>, say: (m: string) => void): Promise<void>;
  analyze(): Promise<void>;
  close(): Promise<void>;
}

async function openRaw(config: DatabaseConfig): Promise<RawDb> {
  if (config.kind === 'sqlite') {
    const sqlite = new BetterSqlite3(config.file);
    // Relaxed for the load only: no rollback journal, no fsync, no foreign-key checks (the rows
    // are made consistent), a large page cache. Restored before the file is handed back.
    sqlite.pragma('journal_mode = OFF');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('foreign_keys = OFF');
    sqlite.pragma('cache_size = -400000');
    sqlite.pragma('temp_store = MEMORY');
    const list = BULK_TABLES.map(() => '?').join(', ');
    return {
      // Not destroyed: destroying a SqliteDialect closes the connection the load still needs.
      setupDatabase: () => ({ db: new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) }), dialect: 'sqlite', close: async () => undefined }),
      sink: () => {
        // The figures loader turns foreign keys back on when it ends.
        sqlite.pragma('foreign_keys = OFF');
        return sqliteSink(sqlite);
      },
      async dropIndexes() {
        const indexes = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${list}) ORDER BY rowid`).all(...BULK_TABLES) as Array<{ name: string; sql: string }>;
        for (const i of indexes) sqlite.exec(`DROP INDEX ${i.name}`);
        return indexes;
      },
      async createIndexes(indexes, say) {
        for (const i of indexes) {
          const t = performance.now();
          sqlite.exec(i.sql);
          say(`  ${i.name}: ${seconds(t)} s`);
        }
      },
      async analyze() {
        // A full ANALYZE: a sampled one (analysis_limit) saw the one jurisdiction as 1,001 rows
        // a value and sent a line filter through the category index, reading every case
        // (16 s at 1 M). The server's start-up PRAGMA optimize keeps these statistics.
        sqlite.pragma('analysis_limit = 0');
        sqlite.exec('ANALYZE');
      },
      async close() {
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('synchronous = FULL');
        sqlite.close();
      },
    };
  }
  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    return client;
  };
  const admin = await connect();
  return {
    setupDatabase: () => openDatabase(config),
    sink: () => postgresSink(connect),
    async dropIndexes() {
      // Indexes a constraint owns (primary keys, UNIQUE) stay: they are the constraint.
      const r = await admin.query<{ name: string; sql: string }>(
        `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
          WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
          ORDER BY i.tablename, i.indexname`,
        [BULK_TABLES],
      );
      for (const i of r.rows) await admin.query(`DROP INDEX ${i.name}`);
      return r.rows;
    },
    async createIndexes(indexes, say) {
      await admin.query(`SET maintenance_work_mem = '512MB'`);
      await admin.query('SET max_parallel_maintenance_workers = 1');
      for (const i of indexes) {
        const t = performance.now();
        await admin.query(i.sql);
        say(`  ${i.name}: ${seconds(t)} s`);
      }
    },
    async analyze() {
      // What autovacuum would have done to tables that grew over years: visibility map and statistics.
      await admin.query(`VACUUM (ANALYZE) ${BULK_TABLES.join(', ')}`);
      await admin.query('ANALYZE');
    },
    close: () => admin.end(),
  };
}

async function createCityUsers(database: Database, jurisdictionId: string, units: LoadedUnit[], byVolume: GeneratedCity['unitsByVolume'], lineIds: string[]): Promise<CityUser[]> {
  const city = units[0] as LoadedUnit;
  const hot = byVolume[0] ?? { id: city.id };
  const quiet = byVolume.findLast((u) => u.cases > 0) ?? hot;
  // A district (the parent of the hottest street or office, if it has one) for the supervisor.
  const hotUnit = units.find((u) => u.id === hot.id);
  const district = units.find((u) => u.kind === 'district' && hotUnit?.path.startsWith(u.path)) ?? units.find((u) => u.kind === 'district') ?? city;
  const users: CityUser[] = [
    { username: 'city-admin', role: 'admin', unitId: city.id, note: 'the whole city' },
    { username: 'city-operator', role: 'operator', unitId: city.id, note: 'the whole city' },
    { username: 'city-handler-hot', role: 'handler', unitId: hot.id, note: 'the busiest unit' },
    { username: 'city-handler-quiet', role: 'handler', unitId: quiet.id, note: 'a quiet unit' },
    { username: 'city-supervisor', role: 'supervisor', unitId: district.id, note: 'the busiest unit’s district' },
    { username: 'city-official', role: 'official', unitId: quiet.id, note: 'a quiet unit, owns lines 0 and 1' },
  ];
  for (const u of users) {
    await createUser(database.db, { jurisdictionId, orgUnitId: u.unitId, username: u.username, displayName: u.username, password: CITY_PASSWORD, roles: [u.role] });
  }
  const official = await database.db.selectFrom('users').select('id').where('username', '=', 'city-official').executeTakeFirstOrThrow();
  await database.db.updateTable('lines').set({ owner_user_id: official.id, mode: 'direct' }).where('id', 'in', lineIds.slice(0, 2)).execute();
  return users;
}
