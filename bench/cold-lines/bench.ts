import { randomBytes } from 'node:crypto';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Database } from '../../packages/server/src/db/database.js';
import type { CallRecordTable } from '../../packages/server/src/db/schema.js';
import { currentFigures } from '../../packages/server/src/modules/cold-lines/current.js';
import { refreshLineCallDays } from '../../packages/server/src/modules/cold-lines/days.js';
import { sumDays } from '../../packages/server/src/modules/cold-lines/days-repository.js';
import { findLines } from '../../packages/server/src/modules/cold-lines/lines-repository.js';
import { evaluateColdLines } from '../../packages/server/src/modules/cold-lines/monitor.js';
import { createJurisdiction, createLine } from '../../packages/server/src/modules/org/service.js';
import { timeRuns, type Timing } from '../support/timing.js';

export interface ColdLinesBenchOptions {
  lines: number;
  /** Inbound calls per day over all lines. */
  callsPerDay: number;
  days: number;
  runs: number;
  /** Calls that arrive between two worker passes, for the incremental refresh. */
  changed: number;
  /** The instant the month ends at (default now). */
  now?: Date;
}

export interface ColdLinesBenchResult {
  db: string;
  callRecords: number;
  lineCallDays: number;
  rebuildMs: number;
  timings: Record<string, Timing>;
  coldLines: number;
}

const MINUTE = 60_000;
const BATCH = 500;

/** A deterministic generator, so two runs load the same month. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A month of a city's calls on its published lines: skewed volumes (a few lines take most
 * calls), half the lines well staffed and half at 70–95 % answered, some callbacks within
 * the hour. Then it times what the worker and the pages do with them: the day rollup (rebuilt,
 * and one pass after `changed` new calls), the 24-h figures of every line (the directory, the
 * monitor), the month so far of every line (the public page) and a monitor pass.
 */
export async function runColdLinesBench(database: Database, o: ColdLinesBenchOptions): Promise<ColdLinesBenchResult> {
  const ctx = { db: database.db, dialect: database.dialect, pii: createPiiCipher(randomBytes(32)) };
  const now = o.now ?? new Date();
  const random = rng(42);
  const j = await createJurisdiction(ctx.db, { code: 'bench-cold', name: '基准市' });
  const lineIds: string[] = [];
  for (let i = 0; i < o.lines; i++) {
    const line = await createLine(ctx.db, {
      jurisdictionId: j.id, number: `0000-7${String(i).padStart(7, '0')}`, name: `热线${i}`, ownerUserId: null, ownerTitle: '', mode: i % 3 === 0 ? 'direct' : 'staffed',
      isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    lineIds.push(line.id);
  }
  // Zipf-like weights: line k gets ~1/(k+1) of the traffic.
  const weights = lineIds.map((_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  // Half the lines are well staffed (98.5–100 % answered), half not (70–95 %).
  const answerShare = lineIds.map((_, k) => (k % 2 === 0 ? 0.985 + 0.015 * random() : 0.7 + 0.25 * random()));
  const pickLine = (): number => {
    let x = random() * total;
    for (let k = 0; k < weights.length; k++) {
      x -= weights[k] ?? 0;
      if (x <= 0) return k;
    }
    return weights.length - 1;
  };
  let seq = 0;
  const row = (k: number, at: Date, direction: 'in' | 'out', caller: string, answered: boolean, wait: number): CallRecordTable => {
    const iso = at.toISOString();
    return {
      id: `bench-${++seq}`, jurisdiction_id: j.id, source: 'cdr', external_id: `x${seq}`, cti_token_id: null, direction, line_id: lineIds[k] ?? null, line_number: '',
      caller_enc: 'sealed', caller_bidx: caller, queue: null, offered_at: iso, answered_at: answered ? iso : null, ended_at: new Date(at.getTime() + (wait + 60) * 1000).toISOString(),
      wait_seconds: wait, talk_seconds: answered ? 120 : 0, outcome: answered ? 'answered' : 'missed', late_answer: 0, answered_by_user_id: null, answered_by: null, cause: null,
      case_id: null, contact_id: null, created_at: iso, updated_at: iso,
    };
  };
  const calls = (n: number, from: Date, spanMs: number): CallRecordTable[] => {
    const out: CallRecordTable[] = [];
    for (let i = 0; i < n; i++) {
      const k = pickLine();
      const at = new Date(from.getTime() + Math.floor(random() * spanMs));
      const caller = `c${Math.floor(random() * 1e9)}`;
      const answered = random() < (answerShare[k] ?? 1);
      // 99 % of pick-ups within 15 s; a missed caller waited up to a minute.
      const wait = answered ? (random() < 0.99 ? 2 + Math.floor(random() * 13) : 16 + Math.floor(random() * 30)) : 2 + Math.floor(random() * 60);
      out.push(row(k, at, 'in', caller, answered, wait));
      // A third of the missed calls are called back within the hour, and picked up.
      if (!answered && random() < 1 / 3) out.push(row(k, new Date(at.getTime() + Math.floor(random() * 50 * MINUTE)), 'out', caller, true, 5));
    }
    return out;
  };
  const insert = async (rows: CallRecordTable[]) => {
    for (let i = 0; i < rows.length; i += BATCH) await ctx.db.insertInto('call_records').values(rows.slice(i, i + BATCH)).execute();
  };
  const dayMs = 24 * 60 * MINUTE;
  const start = new Date(now.getTime() - o.days * dayMs);
  for (let d = 0; d < o.days; d++) await insert(calls(o.callsPerDay, new Date(start.getTime() + d * dayMs), dayMs));

  const rebuildStarted = performance.now();
  await refreshLineCallDays(ctx, { now, rebuild: true });
  const rebuildMs = Number((performance.now() - rebuildStarted).toFixed(1));

  const lines = await findLines(ctx.db, { jurisdictionId: j.id });
  const today = now.toISOString().slice(0, 10);
  const monthStart = `${today.slice(0, 7)}-01`;
  let passes = 0;
  const timings: Record<string, Timing> = {
    [`day rollup pass after ${o.changed} new calls`]: await timeRuns(async () => {
      passes++;
      // Written just before this pass, as the webhook would stamp them.
      const writtenAt = new Date(now.getTime() + passes * 1000 - 500).toISOString();
      await insert(calls(o.changed, new Date(now.getTime() - 10 * MINUTE), 5 * MINUTE).map((c) => ({ ...c, updated_at: writtenAt })));
      await refreshLineCallDays(ctx, { now: new Date(now.getTime() + passes * 1000) });
    }, o.runs),
    [`24-h figures of all ${o.lines} lines (directory, monitor)`]: await timeRuns(() => currentFigures(ctx.db, j.id, lines, now), o.runs),
    [`month so far of all ${o.lines} lines (public page)`]: await timeRuns(() => sumDays(ctx.db, { jurisdictionId: j.id, lineIds, from: monthStart, to: today }), o.runs),
    'monitor pass (no change in episodes)': await timeRuns(() => evaluateColdLines(ctx, { now }), o.runs),
  };
  const count = async (table: 'call_records' | 'line_call_days') => Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  const cold = await ctx.db.selectFrom('cold_line_episodes').select('id').where('jurisdiction_id', '=', j.id).where('ended_at', 'is', null).execute();
  return { db: database.dialect, callRecords: await count('call_records'), lineCallDays: await count('line_call_days'), rebuildMs, timings, coldLines: cold.length };
}
