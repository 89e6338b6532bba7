import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { insertEvent } from '../cases/repository.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import { claimOverdueOrder, findDueOrders } from './order-repository.js';

/**
 * A supervision order whose reply time passed unanswered: once (claimed like a deadline), a case
 * event and a message to the unit and the supervisors. The order stays open: the reply is still owed.
 */
export async function sweepOverdueOrders(ctx: AppContext, options: { now: () => Date; batchSize: number }): Promise<number> {
  let fired = 0;
  for (const id of await findDueOrders(ctx.db, nowIso(options.now()), options.batchSize)) {
    const done = await inTransaction(ctx, async (tx) => {
      const at = nowIso(options.now());
      if (!(await claimOverdueOrder(tx.db, id, at))) return false;
      const order = await tx.db
        .selectFrom('supervision_orders as o')
        .innerJoin('cases', 'cases.id', 'o.case_id')
        .select(['o.case_id as caseId', 'o.unit_id as unitId', 'o.jurisdiction_id as jurisdictionId', 'cases.case_number as caseNumber'])
        .where('o.id', '=', id)
        .executeTakeFirstOrThrow();
      await insertEvent(tx.db, {
        caseId: order.caseId, jurisdictionId: order.jurisdictionId, type: 'supervision_order_overdue', actorKind: 'system', actorUserId: null, fromStatus: null, toStatus: null,
        payload: { orderId: id, unitId: order.unitId }, createdAt: at,
      });
      const base = { jurisdictionId: order.jurisdictionId, caseId: order.caseId, channel: 'staff' as const, template: 'supervision_order_overdue' };
      const body = `【督办】工单 ${order.caseNumber} 的督办单已超过答复期限，请立即答复。`;
      await enqueueMessage(tx.db, tx.pii, { ...base, recipient: `unit:${order.unitId}`, body });
      await enqueueMessage(tx.db, tx.pii, { ...base, recipient: `role:supervisor:${order.jurisdictionId}`, body });
      return true;
    });
    if (done) fired++;
  }
  return fired;
}
