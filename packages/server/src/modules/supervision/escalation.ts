import { applySpan, escalationAddressee, nextTier, type EscalationSettings, type EscalationTier, type TierLevel, type TreeUnit, type WorkingCalendar } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId, nowIso } from '../../lib/ids.js';
import type { AppContext } from '../../lib/app-context.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import { loadWorkingCalendar } from '../calendar/load.js';
import { insertEvent } from '../cases/repository.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import { loadEscalationSettings } from './escalation-settings.js';
import { findDeadlineWithCase, insertNotice } from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/** A jurisdiction's calendar and tier delays, loaded once per sweep pass (both change rarely). */
export type TierClocks = (db: Db, jurisdiction: { id: string; timezone: string }) => Promise<{ calendar: WorkingCalendar; settings: EscalationSettings }>;

export function tierClocks(): TierClocks {
  const cache = new Map<string, Promise<{ calendar: WorkingCalendar; settings: EscalationSettings }>>();
  return (db, jurisdiction) => {
    let found = cache.get(jurisdiction.id);
    if (!found) {
      found = Promise.all([loadWorkingCalendar(db, jurisdiction), loadEscalationSettings(db, jurisdiction.id)]).then(([calendar, s]) => ({ calendar, settings: s.settings }));
      cache.set(jurisdiction.id, found);
    }
    return found;
  };
}

/**
 * A deadline moving on from `level` at `at`: when the tier after the one it reaches is due, on
 * the jurisdiction's clock (from 0, reaching the unit: the leadership's delay); null after the last.
 */
export async function nextEscalationAt(db: Db, clocks: TierClocks, jurisdiction: { id: string; timezone: string }, level: TierLevel, at: string): Promise<string | null> {
  const { calendar, settings } = await clocks(db, jurisdiction);
  const step = nextTier(level, settings);
  return step?.waitAfter ? nowIso(applySpan(new Date(at), step.waitAfter, calendar)) : null;
}

/** Deadlines whose next tier is due: overdue, still chased, not yet at the city office. */
export interface EscalationCandidate {
  id: string;
  level: number;
  jurisdiction: { id: string; timezone: string };
}

export async function findDueEscalations(db: Db, now: string, limit: number): Promise<EscalationCandidate[]> {
  const rows = await db
    .selectFrom('case_deadlines')
    .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
    .innerJoin('jurisdictions', 'jurisdictions.id', 'cases.jurisdiction_id')
    .select(['case_deadlines.id as id', 'case_deadlines.escalation_level as level', 'jurisdictions.id as jurisdictionId', 'jurisdictions.timezone as timezone'])
    .where('case_deadlines.next_escalation_at', '<=', now)
    .where('case_deadlines.escalation_level', 'in', [1, 2])
    .where('case_deadlines.met_at', 'is', null)
    .where('case_deadlines.cancelled_at', 'is', null)
    .orderBy('case_deadlines.next_escalation_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, level: r.level, jurisdiction: { id: r.jurisdictionId, timezone: r.timezone } }));
}

/**
 * Claims the next tier: a conditional UPDATE on the level read, so of several workers exactly
 * one moves it (as claimOverdue), with the time of the tier after in the same statement. It is
 * the transaction's first statement: on SQLite a transaction that reads first and writes later
 * fails with SQLITE_BUSY when another process wrote in between, instead of waiting.
 */
export async function claimEscalation(trx: Transaction<DB>, id: string, level: number, next: string | null): Promise<boolean> {
  const r = await trx
    .updateTable('case_deadlines')
    .set({ escalation_level: level + 1, next_escalation_at: next })
    .where('id', '=', id)
    .where('escalation_level', '=', level)
    .where('met_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** The deadline's unit with its ancestors (nearest first) and the hotline centre, for escalationAddressee. */
async function treeOf(db: Db, jurisdictionId: string, unitId: string | null): Promise<{ unit: TreeUnit | null; ancestors: TreeUnit[]; centre: TreeUnit | null }> {
  const columns = ['id', 'parent_id as parentId', 'kind', 'path'] as const;
  const centre = await db.selectFrom('org_units').select(columns).where('jurisdiction_id', '=', jurisdictionId).where('kind', '=', 'centre').orderBy('path').executeTakeFirst();
  const root = await db.selectFrom('org_units').select(columns).where('jurisdiction_id', '=', jurisdictionId).where('parent_id', 'is', null).orderBy('created_at').executeTakeFirst();
  if (unitId === null) return { unit: null, ancestors: root ? [root] : [], centre: centre ?? null };
  const unit = await db.selectFrom('org_units').select(columns).where('id', '=', unitId).executeTakeFirstOrThrow();
  const ids = unit.path.split('/').filter((id) => id && id !== unit.id);
  const rows = ids.length ? await db.selectFrom('org_units').select(columns).where('id', 'in', ids).execute() : [];
  const ancestors = ids.reverse().flatMap((id) => rows.filter((r) => r.id === id));
  return { unit, ancestors, centre: centre ?? null };
}

const TIER_LABEL: Record<EscalationTier, string> = { unit: '承办单位', leadership: '单位领导', city: '市热线办' };
const KIND_LABEL = { accept: '签收', contact: '联系群众', resolve: '办结' } as const;

/**
 * Tells the next tier that a deadline is still overdue: a notice addressed to it (tier 2 or 3),
 * an `escalated` case event and staff messages, all in the claim's transaction.
 */
export async function escalateTier(ctx: AppContext, clocks: TierClocks, candidate: EscalationCandidate, at: string): Promise<boolean> {
  const level = candidate.level as TierLevel;
  const { settings } = await clocks(ctx.db, candidate.jurisdiction);
  const step = nextTier(level, settings);
  if (level === 0 || level === 3 || !step) return false;
  // Read before the transaction: the claim must be its first statement.
  const next = await nextEscalationAt(ctx.db, clocks, candidate.jurisdiction, level, at);
  return inTransaction(ctx, async (tx) => {
    if (!(await claimEscalation(tx.db, candidate.id, level, next))) return false;
    await tellTier(tx, candidate.id, step.tier, step.level, at);
    return true;
  });
}

/** The notice, event and messages of one tier, in the claim's transaction. */
async function tellTier(ctx: TxContext, deadlineId: string, tier: EscalationTier, level: TierLevel, at: string): Promise<void> {
  const trx = ctx.db;
  const d = await findDeadlineWithCase(trx, deadlineId);
  const step = { tier, level };

  const { unit, ancestors, centre } = await treeOf(trx, d.jurisdictionId, d.unitId);
  const addressee = unit ? escalationAddressee(step.tier, unit, ancestors, centre) : (centre?.id ?? ancestors[0]?.id ?? null);
  const message = `工单 ${d.caseNumber} 超过${KIND_LABEL[d.kind]}时限后仍未办理，已升级至${TIER_LABEL[step.tier]}督办。承办单位：${d.unitName ?? '未指定'}。`;
  await insertNotice(trx, {
    id: newId(), jurisdictionId: d.jurisdictionId, caseId: d.caseId, deadlineId: d.id, unitId: addressee,
    kind: `overdue_${d.kind}`, message, createdAt: at, tier: step.level,
  });
  await insertEvent(trx, {
    caseId: d.caseId, jurisdictionId: d.jurisdictionId, type: 'escalated', actorKind: 'system', actorUserId: null, fromStatus: null, toStatus: null,
    payload: { deadline: d.kind, tier: step.tier, level: step.level, unitId: addressee }, createdAt: at,
  });
  const base = { jurisdictionId: d.jurisdictionId, caseId: d.caseId, channel: 'staff' as const, template: 'supervision_escalated', body: `【升级督办】${message}` };
  if (addressee) await enqueueMessage(trx, ctx.pii, { ...base, recipient: `unit:${addressee}` });
  if (step.tier === 'city') await enqueueMessage(trx, ctx.pii, { ...base, recipient: `role:supervisor:${d.jurisdictionId}` });
}
