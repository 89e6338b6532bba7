import { addDays, isIsoDate } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { caseListScope } from '../cases/policy.js';
import { presentUnitFigures, type UnitFigures } from './presenter.js';
import { findUnitsInScope, sumDailyByUnit } from './repository.js';

/** A period may span at most this many local days (a leap year, `to` inclusive). */
export const MAX_PERIOD_DAYS = 366;

export interface UnitFiguresResult {
  from: string;
  to: string;
  items: UnitFigures[];
}

/**
 * The figures per unit over local days [from, to], for the units the caller may see cases of:
 * the same scope as the case lists (operators, admins and supervisors of the centre or the top
 * the jurisdiction; other supervisors, handlers and officials their unit's subtree). Every unit
 * in scope is listed, with zero counts and null rates when nothing happened there.
 */
export async function unitFigures(ctx: AppContext, options: { user: SessionUser; from: string; to: string }): Promise<UnitFiguresResult> {
  const { user, from, to } = options;
  assertPeriod(from, to);
  const scope = caseListScope(user);
  if (!scope) throw new AppError('FORBIDDEN', 'Your role does not allow this');
  const units = await findUnitsInScope(ctx.db, user.jurisdictionId, scope.kind === 'units' ? scope.unitPath : null);
  const totals = await sumDailyByUnit(ctx.db, { jurisdictionId: user.jurisdictionId, from, to, unitIds: units.map((u) => u.id) });
  const byUnit = new Map(totals.map((t) => [t.unit_id, t]));
  return { from, to, items: units.map((u) => presentUnitFigures(u, byUnit.get(u.id))) };
}

export function assertPeriod(from: string, to: string): void {
  const problems: Array<{ path: string; message: string }> = [];
  if (!isIsoDate(from)) problems.push({ path: 'from', message: 'not a calendar date' });
  if (!isIsoDate(to)) problems.push({ path: 'to', message: 'not a calendar date' });
  if (problems.length === 0 && from > to) problems.push({ path: 'to', message: 'before from' });
  if (problems.length === 0 && addDays(from, MAX_PERIOD_DAYS) <= to) problems.push({ path: 'to', message: `more than ${MAX_PERIOD_DAYS} days after from` });
  if (problems.length > 0) throw new AppError('INVALID_PERIOD', 'The period is not valid', problems);
}
