import { addDays, arbitrationFindings, rate, zonedInstant, type ArbitrationFinding } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { caseListScope } from '../cases/policy.js';
import { findUnitsInScope, sumDailyByUnit } from '../stats/repository.js';
import { assertPeriod } from '../stats/service.js';
import { findArbitratedCases, findTimeZone, loadReturnEvents, type ReturnEventRow } from './repository.js';

export interface ReturnsRow {
  unitId: string;
  unitName: string;
  /** Dispatches (and arbitrations) received, by the dispatch's day (the rollup's rule, ADR 0012). */
  dispatched: number;
  /** Returns of those dispatches. */
  returns: number;
  returnRate: number | null;
  /** Arbitrations in the period that ruled on a return by this unit. */
  arbitrations: number;
  /** …that sent the case to another unit: the return was justified. */
  returningUnitRight: number;
  /** …that sent it back to this unit: the return was not. */
  returningUnitWrong: number;
}

/**
 * The push-back (退单) report over local days [from, to]: per unit of the caller's scope with
 * anything to show, dispatches, returns and 退单率 from the daily rollup, and the arbitrations
 * of the period with who they found right (core `arbitrationFindings`). Arbitrations count by
 * the arbitration's own day. Reads only the cases with an arbitration in the period.
 */
export async function returnsReport(ctx: AppContext, options: { user: SessionUser; from: string; to: string }): Promise<{ from: string; to: string; items: ReturnsRow[] }> {
  const { user, from, to } = options;
  assertPeriod(from, to);
  const scope = caseListScope(user);
  if (!scope) throw new AppError('FORBIDDEN', 'Your role does not allow this');
  const units = await findUnitsInScope(ctx.db, user.jurisdictionId, scope.kind === 'units' ? scope.unitPath : null);
  const timeZone = await findTimeZone(ctx.db, user.jurisdictionId);
  const start = zonedInstant(from, 0, timeZone).toISOString();
  const end = zonedInstant(addDays(to, 1), 0, timeZone).toISOString();
  const [totals, caseIds] = await Promise.all([
    sumDailyByUnit(ctx.db, { jurisdictionId: user.jurisdictionId, from, to, unitIds: units.map((u) => u.id) }),
    findArbitratedCases(ctx.db, { jurisdictionId: user.jurisdictionId, start, end }),
  ]);
  const findings = findingsOf(await loadReturnEvents(ctx.db, caseIds)).filter((f) => Date.parse(f.at) >= Date.parse(start) && Date.parse(f.at) < Date.parse(end));
  const byUnit = new Map(totals.map((t) => [t.unit_id, t]));
  const items = units.map((u): ReturnsRow => {
    const t = byUnit.get(u.id);
    const mine = findings.filter((f) => f.unitId === u.id);
    const right = mine.filter((f) => f.returningUnitRight).length;
    return {
      unitId: u.id, unitName: u.name, dispatched: t?.dispatched ?? 0, returns: t?.returns ?? 0, returnRate: rate(t?.returns ?? 0, t?.dispatched ?? 0),
      arbitrations: mine.length, returningUnitRight: right, returningUnitWrong: mine.length - right,
    };
  });
  return { from, to, items: items.filter((i) => i.dispatched > 0 || i.returns > 0 || i.arbitrations > 0) };
}

function findingsOf(rows: readonly ReturnEventRow[]): ArbitrationFinding[] {
  const byCase = new Map<string, ReturnEventRow[]>();
  for (const r of rows) {
    const list = byCase.get(r.case_id);
    if (list) list.push(r);
    else byCase.set(r.case_id, [r]);
  }
  return [...byCase.values()].flatMap((events) =>
    arbitrationFindings(events.map((e) => ({ type: e.type, createdAt: e.created_at, payload: parsePayload(e.payload) }))),
  );
}

function parsePayload(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
