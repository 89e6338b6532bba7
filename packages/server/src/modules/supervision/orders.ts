import { checkOrderAnswer, checkOrderClose, type OrderStatus } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { insertEvent } from '../cases/repository.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import { actsForUnit, supervisionScope } from './access.js';
import { findOrder, listOrders, updateOrderFrom, type OrderRow } from './order-repository.js';

export type SupervisionOrder = Omit<OrderRow, 'unitPath' | 'overdueAt'> & {
  /** The reply time passed while the order was open (the sweep marked it). */
  overdue: boolean;
  /** May the person asking answer it / close it now (the same rules the POSTs apply). */
  canAnswer: boolean;
  canClose: boolean;
};

function present(user: SessionUser, { unitPath, overdueAt, ...row }: OrderRow): SupervisionOrder {
  const actor = { roles: user.roles, inAddressedUnit: actsForUnit(user, unitPath) };
  return {
    ...row,
    overdue: overdueAt !== null,
    canAnswer: checkOrderAnswer(row.status, actor).ok,
    canClose: checkOrderClose(row.status, actor).ok,
  };
}

function scopeOf(user: SessionUser): string | null {
  const scope = supervisionScope(user);
  if (scope === false) throw new AppError('FORBIDDEN', 'Your role does not receive supervision orders');
  return scope;
}

/** Orders the person sees (supervision scope, as notices), open ones first. */
export async function listSupervisionOrders(
  ctx: AppContext,
  options: { user: SessionUser; status?: OrderStatus | undefined; caseId?: string | undefined; page: number; pageSize: number },
): Promise<{ items: SupervisionOrder[]; total: number }> {
  const { items, total } = await listOrders(ctx.db, {
    jurisdictionId: options.user.jurisdictionId, unitPath: scopeOf(options.user), status: options.status, caseId: options.caseId,
    limit: options.pageSize, offset: (options.page - 1) * options.pageSize,
  });
  return { items: items.map((row) => present(options.user, row)), total };
}

/** One order by id, as `user` is offered it (the caller has checked they may see it). */
export async function oneOrder(ctx: AppContext, user: SessionUser, id: string): Promise<SupervisionOrder> {
  const { items } = await listOrders(ctx.db, { jurisdictionId: user.jurisdictionId, unitPath: null, id, limit: 1, offset: 0 });
  const [row] = items;
  if (!row) throw new AppError('NOT_FOUND', 'No such supervision order');
  return present(user, row);
}

/** The order as this person may see it; outside their scope it does not exist (404). */
async function visibleOrder(ctx: AppContext, user: SessionUser, id: string) {
  const scope = scopeOf(user);
  const order = await findOrder(ctx.db, id, user.jurisdictionId);
  if (!order || (scope !== null && !order.unitPath.startsWith(scope))) throw new AppError('NOT_FOUND', 'No such supervision order');
  return order;
}

/** The addressed unit answers (答复督办); the supervisors are told. */
export async function answerSupervisionOrder(ctx: AppContext, options: { user: SessionUser; orderId: string; text: string; ip: string }): Promise<SupervisionOrder> {
  const order = await visibleOrder(ctx, options.user, options.orderId);
  const check = checkOrderAnswer(order.status, { roles: options.user.roles, inAddressedUnit: actsForUnit(options.user, order.unitPath) });
  if (!check.ok) throw new AppError(check.code, check.message);
  await inTransaction(ctx, async (tx) => {
    const at = nowIso();
    const moved = await updateOrderFrom(tx.db, order.id, 'open', { status: 'answered', answer_text: options.text, answered_by: options.user.id, answered_at: at });
    if (!moved) throw new AppError('ORDER_NOT_OPEN', 'The order was answered or closed meanwhile');
    await insertEvent(tx.db, {
      caseId: order.caseId, jurisdictionId: options.user.jurisdictionId, type: 'supervision_order_answered', actorKind: 'staff', actorUserId: options.user.id, fromStatus: null, toStatus: null,
      reason: options.text, payload: { orderId: order.id, unitId: order.unitId }, createdAt: at,
    });
    await enqueueMessage(tx.db, tx.pii, {
      jurisdictionId: options.user.jurisdictionId, caseId: order.caseId, channel: 'staff', recipient: `user:${order.issuedBy}`,
      template: 'supervision_order_answered', body: `工单 ${order.caseNumber} 的督办单已答复，请审核办结。`,
    });
    await appendAudit(tx.db, {
      jurisdictionId: options.user.jurisdictionId, actorUserId: options.user.id, action: 'supervision.order_answer', targetType: 'supervision_order', targetId: order.id, ip: options.ip,
    });
  });
  return oneOrder(ctx, options.user, order.id);
}

/** The supervisor accepts the answer and closes the order (督办办结). */
export async function closeSupervisionOrder(ctx: AppContext, options: { user: SessionUser; orderId: string; note?: string | undefined; ip: string }): Promise<SupervisionOrder> {
  const order = await visibleOrder(ctx, options.user, options.orderId);
  const check = checkOrderClose(order.status, { roles: options.user.roles, inAddressedUnit: actsForUnit(options.user, order.unitPath) });
  if (!check.ok) throw new AppError(check.code, check.message);
  await inTransaction(ctx, async (tx) => {
    const at = nowIso();
    const moved = await updateOrderFrom(tx.db, order.id, 'answered', { status: 'closed', close_note: options.note ?? null, closed_by: options.user.id, closed_at: at });
    if (!moved) throw new AppError('ORDER_NOT_OPEN', 'The order was closed meanwhile');
    await insertEvent(tx.db, {
      caseId: order.caseId, jurisdictionId: options.user.jurisdictionId, type: 'supervision_order_closed', actorKind: 'staff', actorUserId: options.user.id, fromStatus: null, toStatus: null,
      reason: options.note ?? null, payload: { orderId: order.id, unitId: order.unitId }, createdAt: at,
    });
    await appendAudit(tx.db, {
      jurisdictionId: options.user.jurisdictionId, actorUserId: options.user.id, action: 'supervision.order_close', targetType: 'supervision_order', targetId: order.id, ip: options.ip,
    });
  });
  return oneOrder(ctx, options.user, order.id);
}
