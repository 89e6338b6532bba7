import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import { insertEvent } from '../cases/repository.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import { escalateTier, findDueEscalations, nextEscalationAt, tierClocks } from './escalation.js';
import { sweepOverdueOrders } from './order-sweep.js';
import { claimOverdue, claimReminder, findDeadlineWithCase, findDueOverdue, findDueReminders, insertNotice } from './repository.js';

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
  const stats: SweepStats = { reminders: 0, overdue: 0, escalations: 0, overdueOrders: 0 };
  try {
    await sweepInto(stats, ctx, options);
  } catch (error) {
    // SQLite's one writer: another worker held the database past the busy timeout (a burst of
    // claims, a loaded machine). Nothing was half-done (each claim is its own transaction) and
    // nothing is lost (what is due stays due): this pass ends, the next one takes the rest.
    if (!isWriteContention(error)) throw error;
  }
  return stats;
}

function isWriteContention(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_BUSY_SNAPSHOT');
}

async function sweepInto(stats: SweepStats, ctx: AppContext, options: { now?: () => Date; batchSize?: number }): Promise<void> {
  const clock = options.now ?? (() => new Date());
  const batch = options.batchSize ?? 200;
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
  for (const { id, jurisdiction } of await findDueOverdue(ctx.db, nowIso(clock()), batch)) {
    // Worked out before the transaction, so the claim stays its first statement (see claimEscalation)
    // and the write lock is held no longer than before tiers existed.
    const at = nowIso(clock());
    const next = await nextEscalationAt(ctx.db, clocks, jurisdiction, 0, at);
    const fired = await inTransaction(ctx, async (tx) => {
      if (!(await claimOverdue(tx.db, id, at, next))) return false;
      await escalate(tx, id, at);
      return true;
    });
    if (fired) stats.overdue++;
  }
  // After the overdue pass, so a deadline never skips its unit's notice; a tier a pass, at most.
  for (const candidate of await findDueEscalations(ctx.db, nowIso(clock()), batch)) {
    if (await escalateTier(ctx, clocks, candidate, nowIso(clock()))) stats.escalations++;
  }
  stats.overdueOrders = await sweepOverdueOrders(ctx, { now: clock, batchSize: batch });
}

async function remind(ctx: TxContext, id: string, at: string): Promise<void> {
  const trx = ctx.db;
  const d = await findDeadlineWithCase(trx, id);
  await insertEvent(trx, {
    caseId: d.caseId, jurisdictionId: d.jurisdictionId, type: 'deadline_reminder', actorKind: 'system', actorUserId: null,
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
    caseId: d.caseId, jurisdictionId: d.jurisdictionId, type: 'deadline_overdue', actorKind: 'system', actorUserId: null,
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
