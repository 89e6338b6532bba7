import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import { insertEvent } from '../cases/repository.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import { escalateTier, findDueEscalations, nextEscalationAt, setNextEscalation, tierClocks } from './escalation.js';
import { sweepOverdueOrders } from './order-sweep.js';
import { claimOverdue, claimReminder, findDeadlineWithCase, findDueOverdue, findDueReminders, findJurisdictionOfDeadline, insertNotice } from './repository.js';

const KIND_LABEL = { accept: '签收', contact: '联系群众', resolve: '办结' } as const;

/** "11月28日 17:30" in the jurisdiction's time, as staff read deadlines. */
function localTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`;
}

export interface SweepStats {
  reminders: number;
  overdue: number;
  /** Deadlines that stayed overdue and reached the next tier (leadership, city office). */
  escalations: number;
  /** Supervision orders whose reply time passed unanswered. */
  overdueOrders: number;
}

/**
 * The supervision sweep (DESIGN §5): a reminder when 75 % of a deadline's time is used, and when
 * it passes an overdue event plus a supervision notice (督办单) to the unit and the supervisors.
 * Each claim and everything it causes commit together, so a crash never leaves a claimed
 * deadline without its notice, and a notice is never written twice.
 */
export async function sweepDeadlines(ctx: AppContext, options: { now?: () => Date; batchSize?: number } = {}): Promise<SweepStats> {
  const clock = options.now ?? (() => new Date());
  const batch = options.batchSize ?? 200;
  const stats: SweepStats = { reminders: 0, overdue: 0, escalations: 0, overdueOrders: 0 };
  const clocks = tierClocks();

  for (const id of await findDueReminders(ctx.db, nowIso(clock()), batch)) {
    const fired = await inTransaction(ctx, async (tx) => {
      const at = nowIso(clock());
      if (!(await claimReminder(tx.db, id, at))) return false;
      await remind(tx, id, at);
      return true;
    });
    if (fired) stats.reminders++;
  }
  for (const id of await findDueOverdue(ctx.db, nowIso(clock()), batch)) {
    const fired = await inTransaction(ctx, async (tx) => {
      const at = nowIso(clock());
      // The claim first: see claimEscalation on why a sweep transaction must write before it reads.
      if (!(await claimOverdue(tx.db, id, at))) return false;
      const jurisdiction = await findJurisdictionOfDeadline(tx.db, id);
      await setNextEscalation(tx.db, id, await nextEscalationAt(tx.db, clocks, jurisdiction, 0, at));
      await escalate(tx, id, at);
      return true;
    });
    if (fired) stats.overdue++;
  }
  // After the overdue pass, so a deadline never skips its unit's notice; a tier a pass, at most.
  for (const candidate of await findDueEscalations(ctx.db, nowIso(clock()), batch)) {
    if (await inTransaction(ctx, (tx) => escalateTier(tx, clocks, candidate, nowIso(clock())))) stats.escalations++;
  }
  stats.overdueOrders = await sweepOverdueOrders(ctx, { now: clock, batchSize: batch });
  return stats;
}

async function remind(ctx: TxContext, id: string, at: string): Promise<void> {
  const trx = ctx.db;
  const d = await findDeadlineWithCase(trx, id);
  await insertEvent(trx, {
    caseId: d.caseId, type: 'deadline_reminder', actorKind: 'system', actorUserId: null,
    fromStatus: null, toStatus: null, payload: { deadline: d.kind, dueAt: d.dueAt }, createdAt: at,
  });
  if (d.unitId) {
    await enqueueMessage(trx, ctx.pii, {
      jurisdictionId: d.jurisdictionId, caseId: d.caseId, channel: 'staff', recipient: `unit:${d.unitId}`,
      template: 'deadline_reminder',
      body: `工单 ${d.caseNumber} 的${KIND_LABEL[d.kind]}时限将至（${localTime(d.dueAt, d.timeZone)}），请抓紧办理。`,
    });
  }
}

async function escalate(ctx: TxContext, id: string, at: string): Promise<void> {
  const trx = ctx.db;
  const d = await findDeadlineWithCase(trx, id);
  const message = `工单 ${d.caseNumber} 已超过${KIND_LABEL[d.kind]}时限（${localTime(d.dueAt, d.timeZone)}），承办单位：${d.unitName ?? '未指定'}。`;
  await insertEvent(trx, {
    caseId: d.caseId, type: 'deadline_overdue', actorKind: 'system', actorUserId: null,
    fromStatus: null, toStatus: null, payload: { deadline: d.kind, dueAt: d.dueAt }, createdAt: at,
  });
  await insertNotice(trx, {
    id: newId(), jurisdictionId: d.jurisdictionId, caseId: d.caseId, deadlineId: d.id, unitId: d.unitId,
    kind: `overdue_${d.kind}`, message, createdAt: at,
  });
  const base = { jurisdictionId: d.jurisdictionId, caseId: d.caseId, channel: 'staff' as const, template: 'supervision_notice', body: `【督办】${message}` };
  if (d.unitId) await enqueueMessage(trx, ctx.pii, { ...base, recipient: `unit:${d.unitId}` });
  await enqueueMessage(trx, ctx.pii, { ...base, recipient: `role:supervisor:${d.jurisdictionId}` });
}
