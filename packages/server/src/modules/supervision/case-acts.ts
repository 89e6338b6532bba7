import { addWorkingDays, checkSupervisionAct, isCaseStatus, type OrderInput, type SupervisionAct } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { loadWorkingCalendar } from '../calendar/load.js';
import { canViewCase } from '../cases/policy.js';
import { findCaseForAccess, insertEvent, type CaseAccessRow } from '../cases/repository.js';
import { findJurisdiction } from '../jurisdictions/repository.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import { findLiveOrder, insertOrder } from './order-repository.js';

/** "11月28日 17:30" in the jurisdiction's time, as staff read deadlines. */
function localTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`;
}

/** The case as the supervisor may act on it: visible (else 404), and core's rule for the act. */
async function supervisedCase(tx: TxContext, user: SessionUser, caseId: string, act: SupervisionAct): Promise<CaseAccessRow & { lead_unit_id: string }> {
  const row = await findCaseForAccess(tx.db, user.jurisdictionId, caseId);
  if (!row || !canViewCase(user, row)) throw new AppError('CASE_NOT_FOUND', 'No such case, or not visible to you');
  const status = isCaseStatus(row.status) ? row.status : 'received';
  const check = checkSupervisionAct(act, user.roles, status);
  if (!check.ok) throw new AppError(check.code, check.message);
  // Supervised statuses always have a lead unit; a row without one would be corrupt, not a user error.
  if (row.lead_unit_id === null) throw new AppError('NOT_SUPERVISED', 'The case has no unit to supervise');
  return { ...row, lead_unit_id: row.lead_unit_id };
}

/**
 * 催办: the supervisor presses the lead unit to hurry. A case event (on the timeline and in the
 * figures' history), a staff message to the unit and an audit entry, in one transaction.
 */
export async function urgeCase(ctx: AppContext, options: { user: SessionUser; caseId: string; note: string; ip: string }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await supervisedCase(tx, options.user, options.caseId, 'urge');
    const at = nowIso();
    await insertEvent(tx.db, {
      caseId: row.id, jurisdictionId: row.jurisdiction_id, type: 'urged', actorKind: 'staff', actorUserId: options.user.id, fromStatus: null, toStatus: null,
      reason: options.note, payload: { unitId: row.lead_unit_id }, createdAt: at,
    });
    await enqueueMessage(tx.db, tx.pii, {
      jurisdictionId: row.jurisdiction_id, caseId: row.id, channel: 'staff', recipient: `unit:${row.lead_unit_id}`, template: 'case_urged',
      body: `【催办】工单 ${row.case_number} 请加快办理：${options.note}`,
    });
    await appendAudit(tx.db, {
      jurisdictionId: row.jurisdiction_id, actorUserId: options.user.id, action: 'case.urge', targetType: 'case', targetId: row.id, ip: options.ip,
      detail: { unitId: row.lead_unit_id },
    });
  });
}

/**
 * 督办: a formal order to the lead unit with its own reply deadline (working days on the
 * jurisdiction's calendar). One live order per case; the unit answers, the supervisor closes.
 */
export async function issueSupervisionOrder(ctx: AppContext, options: { user: SessionUser; caseId: string; input: OrderInput; ip: string }): Promise<{ orderId: string }> {
  return inTransaction(ctx, async (tx) => {
    const row = await supervisedCase(tx, options.user, options.caseId, 'order');
    if (await findLiveOrder(tx.db, row.id)) throw new AppError('ORDER_ALREADY_OPEN', 'The case already has a supervision order that is not closed');
    const jurisdiction = await findJurisdiction(tx.db, row.jurisdiction_id);
    if (!jurisdiction) throw new AppError('NOT_CONFIGURED', 'The case has no jurisdiction');
    const now = new Date();
    const at = nowIso(now);
    const dueAt = nowIso(addWorkingDays(now, options.input.replyWorkingDays, await loadWorkingCalendar(tx.db, jurisdiction)));
    const orderId = newId();
    await insertOrder(tx.db, {
      id: orderId, jurisdictionId: row.jurisdiction_id, caseId: row.id, unitId: row.lead_unit_id,
      instruction: options.input.instruction, issuedBy: options.user.id, issuedAt: at, dueAt,
    });
    await insertEvent(tx.db, {
      caseId: row.id, jurisdictionId: row.jurisdiction_id, type: 'supervision_order_issued', actorKind: 'staff', actorUserId: options.user.id, fromStatus: null, toStatus: null,
      reason: options.input.instruction, payload: { orderId, unitId: row.lead_unit_id, dueAt, replyWorkingDays: options.input.replyWorkingDays }, createdAt: at,
    });
    await enqueueMessage(tx.db, tx.pii, {
      jurisdictionId: row.jurisdiction_id, caseId: row.id, channel: 'staff', recipient: `unit:${row.lead_unit_id}`, template: 'supervision_order_issued',
      body: `【督办单】工单 ${row.case_number}：${options.input.instruction}。请于 ${localTime(dueAt, jurisdiction.timezone)} 前答复。`,
    });
    await appendAudit(tx.db, {
      jurisdictionId: row.jurisdiction_id, actorUserId: options.user.id, action: 'supervision.order_issue', targetType: 'supervision_order', targetId: orderId,
      ip: options.ip, detail: { caseId: row.id, unitId: row.lead_unit_id, dueAt },
    });
    return { orderId };
  });
}
