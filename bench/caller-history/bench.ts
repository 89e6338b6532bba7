import type { Kysely } from 'kysely';
import type { CallerHistory } from '@openline/core';
import { normalizePhone } from '../../packages/core/src/phone.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import { readCallerHistoryBefore } from './before.js';
import type { PiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Database } from '../../packages/server/src/db/database.js';
import { readCallerHistory } from '../../packages/server/src/modules/callers/history.js';
import { seededRandom } from '../../packages/core/src/random.js';
import { loadHistoryCity, type HistoryCity } from './generate.js';

export interface Quantiles {
  runs: number;
  p50: number;
  p99: number;
  max: number;
  /** The process's CPU time per lookup (ms): on a shared machine, wall-clock p99 is mostly waiting for a core. */
  cpuP50: number;
  cpuP99: number;
}

export interface CallerHistoryBenchResult {
  db: string;
  rows: HistoryCity['rows'];
  callers: number;
  loadSeconds: number;
  /** Milliseconds per whole history (all its queries), as the endpoint and the screen-pop read it. */
  lookups: Record<string, Quantiles>;
  /**
   * Callers whose history the code before the one-statement read (before.ts) gave identically;
   * `capped`: of them, callers with more calls in 30 days than the count shows, whose unanswered
   * calls are of the latest calls here and of all calls there (so not compared).
   */
  sameAnswers: { compared: number; same: number; capped: number };
  /** What the most frequent caller's history holds (to show the reads stay bounded). */
  topCaller: { openCases: number; contactsLast30Days: number; contactsCapped: boolean; frequentCaller: boolean };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] ?? 0).toFixed(3));
}

function quantiles(times: number[], cpu: number[]): Quantiles {
  return { runs: times.length, p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: quantile(times, 1), cpuP50: quantile(cpu, 0.5), cpuP99: quantile(cpu, 0.99) };
}

const CENTRE_OPERATOR = { roles: ['operator'], orgUnitKind: 'centre' };
const ADMIN = { roles: ['admin'], orgUnitKind: 'city' };

/**
 * Loads `cases` appeals and times the caller history (GET /callers/history, and the screen-pop's
 * lookup) for ordinary callers, the most frequent callers, numbers never seen, and as a viewer
 * who may not know tip reporters (the extra filters). Each lookup normalises the number and
 * computes its blind index, as the endpoint does.
 */
export async function runCallerHistoryBench(
  database: Database,
  pii: PiiCipher,
  o: { cases: number; runs: number; days?: number; skew?: number; now?: Date; progress?: (done: number) => void; beforeDb?: Kysely<DB> },
): Promise<CallerHistoryBenchResult> {
  const now = o.now ?? new Date();
  const city = await loadHistoryCity(database.db, database.dialect, pii, { cases: o.cases, now, ...(o.days ? { days: o.days } : {}), ...(o.skew ? { skew: o.skew } : {}), ...(o.progress ? { progress: o.progress } : {}) });
  await database.optimize();
  const ctx = { db: database.db, dialect: database.dialect, pii };
  // The code before (before.ts) reads through a connection without the statement cache, as it ran.
  const beforeCtx = { ...ctx, db: o.beforeDb ?? database.db };
  let rand = seededRandom(7);
  const bidxOf = (phone: string) => {
    const parsed = normalizePhone(phone);
    if (!parsed.ok) throw new Error(`bench number ${phone} is not a phone number`);
    return pii.blindIndex(parsed.e164);
  };
  type Read = (phone: string, viewer: typeof CENTRE_OPERATOR) => Promise<CallerHistory>;
  const lookup: Read = (phone, viewer) => readCallerHistory(ctx, { jurisdictionId: city.jurisdictionId, bidx: bidxOf(phone), viewer, now });
  const lookupBefore: Read = (phone, viewer) => readCallerHistoryBefore(beforeCtx, { jurisdictionId: city.jurisdictionId, bidx: bidxOf(phone), viewer, now });
  const timeWith = async (read: Read, runs: number, pickPhone: () => string, viewer = CENTRE_OPERATOR): Promise<Quantiles> => {
    for (let i = 0; i < Math.min(50, runs); i++) await read(pickPhone(), viewer); // warm-up
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const phone = pickPhone();
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      await read(phone, viewer);
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
    return quantiles(times, cpu);
  };
  const anyCaller = () => city.phoneOf(Math.floor(rand() * city.callers));
  const frequent = () => city.phoneOf(Math.floor(rand() * Math.min(20, city.callers)));
  const unknown = () => `+86137${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
  // Each kind timed after and then before on the same numbers (the same seed), one after the other.
  const time = async (runs: number, pickPhone: () => string, viewer = CENTRE_OPERATOR): Promise<[Quantiles, Quantiles]> => {
    const seed = Math.floor(rand() * 1e9);
    rand = seededRandom(seed);
    const after = await timeWith(lookup, runs, pickPhone, viewer);
    rand = seededRandom(seed);
    return [after, await timeWith(lookupBefore, runs, pickPhone, viewer)];
  };
  const kinds: Array<[string, number, () => string, typeof CENTRE_OPERATOR]> = [
    ['any caller, centre operator', o.runs, anyCaller, CENTRE_OPERATOR],
    ['any caller, admin (tip records filtered)', o.runs, anyCaller, ADMIN],
    ['top-20 frequent callers', Math.max(1, Math.floor(o.runs / 4)), frequent, CENTRE_OPERATOR],
    ['unknown number', Math.max(1, Math.floor(o.runs / 4)), unknown, CENTRE_OPERATOR],
  ];
  const lookups: Record<string, Quantiles> = {};
  for (const [name, runs, pick, viewer] of kinds) {
    const [after, before] = await time(runs, pick, viewer);
    lookups[name] = after;
    lookups[`${name} (before)`] = before;
  }
  // The same history both ways, for the top callers and a sample of the rest, as both viewers.
  const sameAnswers = { compared: 0, same: 0, capped: 0 };
  const comparable = (h: CallerHistory) => JSON.stringify(h.callsCapped ? { ...h, unansweredCallsLast30Days: null } : h);
  for (let i = 0; i < Math.min(city.callers, 200); i++) {
    const phone = city.phoneOf(i < 20 ? i : Math.floor(rand() * city.callers));
    for (const viewer of [CENTRE_OPERATOR, ADMIN]) {
      sameAnswers.compared++;
      const answer = await lookup(phone, viewer);
      if (answer.callsCapped) sameAnswers.capped++;
      if (comparable(answer) === comparable(await lookupBefore(phone, viewer))) sameAnswers.same++;
    }
  }
  const top = await lookup(city.phoneOf(0), CENTRE_OPERATOR);
  return {
    db: database.dialect, rows: city.rows, callers: city.callers, loadSeconds: Math.round(city.loadMs / 1000), lookups, sameAnswers,
    topCaller: { openCases: top.openCases.length, contactsLast30Days: top.contactsLast30Days, contactsCapped: top.contactsCapped, frequentCaller: top.frequentCaller },
  };
}
