import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import type { SessionUser } from '../auth/service.js';
import { countCases, type CaseScope } from '../cases/list-repository.js';
import { caseListScope } from '../cases/policy.js';
import { supervisionScope } from './access.js';
import { awaitingReply, countPendingExtensions, listPendingExtensions, overdueByUnit } from './queue-repository.js';

export interface SupervisorQueues {
  extensions: number;
  arbitrations: number;
  overdue: number;
  overdueByUnit: Array<{ unitId: string; unitName: string; cases: number }>;
  noticesAwaitingReply: number;
  ordersAwaitingReply: number;
  ordersToClose: number;
}

/** Supervisors only; their usual case-list scope (the city office: everything). */
function supervisorScope(user: SessionUser): { cases: CaseScope; units: string | null } {
  assertRole(user, ['supervisor']);
  const cases = caseListScope(user);
  const units = supervisionScope(user);
  if (cases === null || units === false) throw new AppError('FORBIDDEN', 'Your role has no supervision queues');
  return { cases, units };
}

/** The supervisor's home: what waits for them, with counts (issue 12 §1). */
export async function supervisorQueues(ctx: AppContext, options: { user: SessionUser }): Promise<SupervisorQueues> {
  const scope = supervisorScope(options.user);
  const now = nowIso();
  const [extensions, arbitrations, overdue, byUnit, replies] = await Promise.all([
    countPendingExtensions(ctx.db, scope.cases),
    countCases(ctx.db, { scope: scope.cases, filters: { statuses: ['returned'], awaitingArbitration: true }, now }),
    countCases(ctx.db, { scope: scope.cases, filters: { overdue: true }, now }),
    overdueByUnit(ctx.db, scope.cases, now),
    awaitingReply(ctx.db, { jurisdictionId: options.user.jurisdictionId, unitPath: scope.units }),
  ]);
  return {
    extensions, arbitrations, overdue, overdueByUnit: byUnit,
    noticesAwaitingReply: replies.notices, ordersAwaitingReply: replies.ordersOpen, ordersToClose: replies.ordersAnswered,
  };
}

/** Extension requests to rule on, oldest first; the ruling itself is the lifecycle's extension/approve|reject. */
export async function listExtensionRequests(ctx: AppContext, options: { user: SessionUser; page: number; pageSize: number }) {
  const scope = supervisorScope(options.user);
  const [items, total] = await Promise.all([
    listPendingExtensions(ctx.db, scope.cases, { limit: options.pageSize, offset: (options.page - 1) * options.pageSize }),
    countPendingExtensions(ctx.db, scope.cases),
  ]);
  return { items: items.map((r) => ({ ...r, workingDays: Number(r.workingDays) })), total };
}
