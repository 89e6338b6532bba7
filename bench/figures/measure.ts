import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { addDays } from '../../packages/core/src/calendar/local-time.js';
import type { CaseDeadlineTable, CaseEventTable, CaseTable, DB } from '../../packages/server/src/db/schema.js';
import type { AppContext } from '../../packages/server/src/lib/app-context.js';
import type { SessionUser } from '../../packages/server/src/modules/auth/service.js';
import { refreshFigures } from '../../packages/server/src/modules/stats/rollup.js';
import { timeRuns, type Timing } from '../support/timing.js';
import type { LoadedCity, LoadedUnit } from './load.js';

export type Query = (user: SessionUser, from: string, to: string) => Promise<unknown>;

/** A user whose case-list scope is the unit's subtree (a supervisor), or the whole city (an operator). */
export function benchUser(city: LoadedCity, unit: LoadedUnit, role: 'operator' | 'supervisor'): SessionUser {
  return {
    id: randomUUID(), jurisdictionId: city.jurisdictionId, username: 'bench', displayName: 'bench', roles: [role], platformRoles: [],
    orgUnitId: unit.id, orgUnitName: unit.name, orgUnitPath: unit.path, orgUnitKind: unit.kind,
  };
}

/** The first and last day of the calendar month before the one `day` falls in. */
export function previousMonth(day: string): { from: string; to: string } {
  const firstOfThis = `${day.slice(0, 7)}-01`;
  const to = addDays(firstOfThis, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

/**
 * Times every query for the city as a whole (an operator) and for one district's subtree (its
 * supervisor) over the last full month, plus the city over twelve months; one untimed call
 * first, so every query is measured warm, as a dashboard that is in use finds it.
 */
export async function timeDashboards(
  queries: Record<string, Query>,
  options: { city: LoadedCity; department: LoadedUnit; lastDay: string; runs: number },
): Promise<Record<string, Timing>> {
  const root = options.city.units[0];
  if (!root) throw new Error('the city has no units');
  const month = previousMonth(options.lastDay);
  const year = { from: addDays(month.to, -364), to: month.to };
  const scopes = [
    ['city month', benchUser(options.city, root, 'operator'), month],
    ['department month', benchUser(options.city, options.department, 'supervisor'), month],
    ['city 12 months', benchUser(options.city, root, 'operator'), year],
  ] as const;
  const out: Record<string, Timing> = {};
  for (const [name, query] of Object.entries(queries)) {
    for (const [scope, user, period] of scopes) {
      await query(user, period.from, period.to);
      // A year is the rare, slow question; a sixth of the runs keeps a 10 M-case run in minutes.
      const runs = scope === 'city 12 months' ? Math.max(3, Math.ceil(options.runs / 6)) : options.runs;
      out[`${name}, ${scope}`] = await timeRuns(() => query(user, period.from, period.to), runs);
    }
  }
  return out;
}

const at = (ms: number): string => new Date(ms).toISOString();

/**
 * N real cases (rows in `cases`, `case_events`, `case_deadlines`) dispatched over the last 30
 * days, each receiving its return visit at `visitAt`: what the refresh finds on a pass after N
 * cases changed. Their cells land on up to three days each, spread over the month.
 */
async function changeCases(db: Kysely<DB>, city: LoadedCity, n: number, visitAt: number, round: number): Promise<void> {
  const units = city.units;
  for (let start = 0; start < n; start += 200) {
    const cases: Array<Insertable<CaseTable>> = [];
    const events: Array<Insertable<CaseEventTable>> = [];
    const deadlines: Array<Insertable<CaseDeadlineTable>> = [];
    for (let i = start; i < Math.min(n, start + 200); i++) {
      const id = randomUUID();
      const unit = units[(i * 7919 + round) % units.length] as LoadedUnit;
      const dispatchedAt = visitAt - (((i * 37) % 30) + 1) * 86_400_000;
      const iso = at(dispatchedAt);
      cases.push({
        id, jurisdiction_id: city.jurisdictionId, case_number: `bench-${round}-${i}`, tracking_code_hash: randomUUID(), status: 'visited',
        channel: 'phone', type: 'complaint', urgency: 'normal', content: '基准诉求', content_enc: 'bench', caller_name_enc: null,
        caller_phone_enc: null, caller_phone_bidx: null, address_enc: null, line_id: null, lead_unit_id: unit.id, created_at: iso, updated_at: at(visitAt),
      });
      const event = (type: string, ms: number, payload: Record<string, unknown>): Insertable<CaseEventTable> => ({
        case_id: id, type, actor_kind: 'staff', actor_user_id: null, from_status: null, to_status: null, reason: null, payload: JSON.stringify(payload), created_at: at(ms),
      });
      events.push(
        event('dispatched', dispatchedAt, { leadUnitId: unit.id }),
        event('contacted', dispatchedAt + 3 * 3_600_000, {}),
        event('visited', visitAt, { solved: i % 5 !== 0, satisfaction: i % 4 === 0 ? 'unsatisfied' : 'satisfied' }),
      );
      const due = at(dispatchedAt + 86_400_000);
      deadlines.push({ id: randomUUID(), case_id: id, unit_id: unit.id, kind: 'contact', clock: 'working', starts_at: iso, due_at: due, remind_at: due, created_at: iso });
    }
    await db.insertInto('cases').values(cases).execute();
    await db.insertInto('case_events').values(events).execute();
    await db.insertInto('case_deadlines').values(deadlines).execute();
  }
}

export interface RefreshCost {
  changed: number;
  ms: number;
  msPerCase: number;
}

/**
 * The incremental job's cost on the large database: for each N, N cases change and one
 * refresh pass is timed. Clock times are pinned 20 minutes apart, and an untimed pass between
 * rounds moves the watermark past the previous round's overlap, so each timed pass reads
 * exactly its own N cases. N = 0 is the worker's idle pass.
 */
export async function timeRefresh(ctx: Pick<AppContext, 'db'>, city: LoadedCity, sizes: readonly number[]): Promise<RefreshCost[]> {
  const out: RefreshCost[] = [];
  let clock = Date.now();
  await refreshFigures(ctx, { now: new Date(clock) });
  for (const [round, n] of sizes.entries()) {
    clock += 10 * 60_000;
    await refreshFigures(ctx, { now: new Date(clock) });
    clock += 10 * 60_000;
    await changeCases(ctx.db, city, n, clock - 1000, round);
    const started = performance.now();
    const result = await refreshFigures(ctx, { now: new Date(clock) });
    const ms = performance.now() - started;
    if (result.cases !== n) throw new Error(`refresh read ${result.cases} cases, expected ${n}`);
    out.push({ changed: n, ms: Number(ms.toFixed(1)), msPerCase: n === 0 ? 0 : Number((ms / n).toFixed(2)) });
  }
  return out;
}
