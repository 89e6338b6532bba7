import { DEFAULT_CALLBACK_POLICY, decideAttempt, localDate, zonedInstant, type CallbackAttemptResult, type CallbackCaller, type CallbackDetail, type CallbackQueue } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { assertReferences } from '../../lib/references.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { showSenderPhone } from '../cases/caller.js';
import { canViewCase } from '../cases/policy.js';
import { findCaseForAccess } from '../cases/repository.js';
import { callbackAccess, callbackScope, type CallbackAccess } from './policy.js';
import { presentDetail, presentTask } from './presenter.js';
import { countTasks, findTaskForAccess, listAttempts, listTaskCalls, listTasks, type TaskAccessRow } from './queue-repository.js';
import { closeTask, countTry, findSettings, insertAttempt, linkCallsToCase } from './repository.js';

/** Local midnight today in the jurisdiction (the queue's "closed today"). */
async function startOfToday(ctx: AppContext, jurisdictionId: string, now: Date): Promise<string> {
  const j = await ctx.db.selectFrom('jurisdictions').select('timezone').where('id', '=', jurisdictionId).executeTakeFirstOrThrow();
  return nowIso(zonedInstant(localDate(now, j.timezone), 0, j.timezone));
}

/** The callback queue 回电任务 of the viewer: their lines', their unit's, or what they supervise. */
export async function listCallbackTasks(
  ctx: AppContext,
  o: { user: SessionUser; status?: 'open' | 'closed'; lineId?: string; overdue?: boolean; page: number; pageSize: number; now?: Date },
): Promise<CallbackQueue> {
  const now = o.now ?? new Date();
  const at = nowIso(now);
  const scope = callbackScope(o.user);
  const { items, total } = await listTasks(ctx.db, scope, {
    status: o.status, lineId: o.lineId, overdueAt: o.overdue ? at : undefined, limit: o.pageSize, offset: (o.page - 1) * o.pageSize,
  });
  const counts = await countTasks(ctx.db, scope, { now: at, since: await startOfToday(ctx, o.user.jurisdictionId, now) });
  return {
    items: items.map((row) => presentTask(row, { pii: ctx.pii, now: at, viewer: o.user, mayWork: callbackAccess(o.user, { ...row, unitPath: null }) === 'work' })),
    total,
    counts,
  };
}

/** A task the viewer may see (404 otherwise, as for cases), with the access they have. */
async function visibleTask(ctx: AppContext, user: SessionUser, id: string, need: 'see' | 'work'): Promise<{ row: TaskAccessRow; access: CallbackAccess }> {
  const row = await findTaskForAccess(ctx.db, id, user.jurisdictionId);
  const access = row ? callbackAccess(user, row) : null;
  if (!row || access === null) throw new AppError('NOT_FOUND', 'No such callback task, or not visible to you');
  if (need === 'work' && access !== 'work') throw new AppError('FORBIDDEN', 'Only the line\'s owner and their staff work its callbacks');
  return { row, access };
}

export async function getCallbackTask(ctx: AppContext, o: { user: SessionUser; id: string; now?: Date }): Promise<CallbackDetail> {
  const { access } = await visibleTask(ctx, o.user, o.id, 'see');
  const { items } = await listTasks(ctx.db, { ...callbackScope(o.user), all: true }, { status: undefined, lineId: undefined, overdueAt: undefined, limit: 1, offset: 0, id: o.id });
  const [row] = items;
  if (!row) throw new AppError('NOT_FOUND', 'No such callback task, or not visible to you');
  const task = presentTask(row, { pii: ctx.pii, now: nowIso(o.now ?? new Date()), viewer: o.user, mayWork: access === 'work' });
  return presentDetail(task, await listTaskCalls(ctx.db, o.id), await listAttempts(ctx.db, o.id), ctx.pii);
}

function closedError(): AppError {
  return new AppError('CALLBACK_CLOSED', 'This callback task is already closed');
}

/**
 * One try to ring the caller back, recorded with its result (and a sealed note). The first try
 * meets the deadline; `reached` closes the task, and so do the policy's last failed try and an
 * invalid number (core decideAttempt). Audited.
 */
export async function recordCallbackAttempt(
  ctx: AppContext,
  o: { user: SessionUser; id: string; result: CallbackAttemptResult; note?: string; ip: string },
): Promise<CallbackDetail> {
  const { row } = await visibleTask(ctx, o.user, o.id, 'work');
  if (row.status !== 'open') throw closedError();
  const settings = await findSettings(ctx.db, row.lineId);
  const policy = { maxTries: settings?.max_tries ?? DEFAULT_CALLBACK_POLICY.maxTries };
  const key = { jurisdictionId: o.user.jurisdictionId, id: o.id };
  await inTransaction(ctx, async ({ db }) => {
    const at = nowIso();
    const current = await db.selectFrom('callback_tasks').select('status').where('jurisdiction_id', '=', key.jurisdictionId).where('id', '=', key.id).executeTakeFirstOrThrow();
    if (current.status !== 'open') throw closedError();
    await insertAttempt(db, { id: newId(), task_id: o.id, user_id: o.user.id, result: o.result, note_enc: o.note ? ctx.pii.encrypt(o.note) : null, created_at: at });
    const failedTries = await countTry(db, key, { failed: o.result !== 'reached', at });
    const decision = decideAttempt(o.result, failedTries, policy);
    if (decision.close && !(await closeTask(db, key, { outcome: decision.outcome, caseId: null, closedBy: o.user.id, at }))) throw closedError();
    await appendAudit(db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'callback.attempt', targetType: 'callback_task', targetId: o.id, ip: o.ip,
      detail: { result: o.result, failedTries, ...(decision.close ? { closed: decision.outcome } : {}) },
    });
  });
  return getCallbackTask(ctx, { user: o.user, id: o.id });
}

/**
 * The callback became a case: the task closes with the case linked, and its calls lead to it
 * (call_records.case_id). The case must be one the viewer can see. Audited.
 */
export async function closeCallbackAsCase(ctx: AppContext, o: { user: SessionUser; id: string; caseId: string; ip: string }): Promise<CallbackDetail> {
  const { row } = await visibleTask(ctx, o.user, o.id, 'work');
  if (row.status !== 'open') throw closedError();
  await assertReferences(ctx.db, o.user.jurisdictionId, [{ kind: 'case', path: 'caseId', id: o.caseId }]);
  const found = await findCaseForAccess(ctx.db, o.user.jurisdictionId, o.caseId);
  if (!found || !canViewCase(o.user, found)) throw new AppError('REFERENCE_NOT_FOUND', 'The request names a record that does not exist here', [{ path: 'caseId', message: 'unknown case' }]);
  const key = { jurisdictionId: o.user.jurisdictionId, id: o.id };
  await inTransaction(ctx, async ({ db }) => {
    const at = nowIso();
    if (!(await closeTask(db, key, { outcome: 'case', caseId: o.caseId, closedBy: o.user.id, at }))) throw closedError();
    await db.updateTable('callback_tasks').set({ first_attempt_at: at }).where('jurisdiction_id', '=', key.jurisdictionId).where('id', '=', key.id).where('first_attempt_at', 'is', null).execute();
    await linkCallsToCase(db, key, o.caseId);
    await appendAudit(db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'callback.case', targetType: 'callback_task', targetId: o.id, ip: o.ip, detail: { caseId: o.caseId },
    });
  });
  return getCallbackTask(ctx, { user: o.user, id: o.id });
}

/** The caller's number in full, to ring them back: for the owner, their staff and supervisors; audited. */
export async function revealCallbackCaller(ctx: AppContext, o: { user: SessionUser; id: string; ip: string }): Promise<CallbackCaller> {
  const { row, access } = await visibleTask(ctx, o.user, o.id, 'see');
  const supervisor = o.user.roles.includes('supervisor');
  if (access !== 'work' && !supervisor) throw new AppError('FORBIDDEN', 'Only the line\'s owner, their staff and supervisors see the number');
  // The same rule as a case's caller: never a hidden tip-line reporter (ADR 0006).
  if (showSenderPhone(row.callerEnc, row.lineMode === 'tip', o.user, ctx.pii) === null) throw new AppError('FORBIDDEN', 'This caller is a protected reporter');
  await appendAudit(ctx.db, {
    jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'callback.reveal', targetType: 'callback_task', targetId: row.id, ip: o.ip,
  });
  return { callerPhone: ctx.pii.decrypt(row.callerEnc) };
}
