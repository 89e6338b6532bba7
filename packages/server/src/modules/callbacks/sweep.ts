import type { NoticeFacts } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import { noticeSenderPhone } from '../cases/caller.js';
import { listJurisdictionIds } from '../jurisdictions/repository.js';
import { sweepEachJurisdiction } from '../jurisdictions/sweep.js';
import { enqueueNotice } from '../outbox/notice.js';
import type { TaskKey } from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;
type Claimed = 'reminded_at' | 'overdue_at';

export interface CallbackSweepStats {
  reminders: number;
  overdue: number;
}

/** Open tasks of one jurisdiction nobody has tried yet, by which of their times has come (one partition when partitioned, ADR 0033). */
async function due(db: Db, jurisdictionId: string, column: 'remind_at' | 'due_at', claimed: Claimed, now: string, limit: number): Promise<string[]> {
  let q = db
    .selectFrom('callback_tasks')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('status', '=', 'open')
    .where('first_attempt_at', 'is', null)
    .where(claimed, 'is', null)
    .where(column, '<=', now);
  if (column === 'remind_at') q = q.where('due_at', '>', now);
  return (await q.orderBy(column).limit(limit).execute()).map((r) => r.id);
}

/**
 * The claim, as the deadline sweep's: one conditional UPDATE, so of several workers exactly one
 * sees the row change (PostgreSQL re-checks the WHERE after a competing lock; SQLite has one writer).
 */
async function claim(db: Transaction<DB>, key: TaskKey, claimed: Claimed, at: string): Promise<boolean> {
  const r = await db
    .updateTable('callback_tasks')
    .set({ [claimed]: at })
    .where('jurisdiction_id', '=', key.jurisdictionId)
    .where('id', '=', key.id)
    .where(claimed, 'is', null)
    .where('status', '=', 'open')
    .where('first_attempt_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

function taskForMessage(db: Transaction<DB>, key: TaskKey) {
  return db
    .selectFrom('callback_tasks as t')
    .innerJoin('lines as l', 'l.id', 't.line_id')
    .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
    .select([
      't.id', 't.jurisdiction_id as jurisdictionId', 't.due_at as dueAt', 't.call_count as callCount', 't.unit_id as unitId', 't.caller_enc as callerEnc',
      'l.id as lineId', 'l.owner_user_id as ownerUserId', 'l.name as lineName', 'l.number as lineNumber', 'l.mode as lineMode', 'j.timezone as timeZone',
    ])
    .where('t.jurisdiction_id', '=', key.jurisdictionId)
    .where('t.id', '=', key.id)
    .executeTakeFirstOrThrow();
}

/**
 * Callback tasks are deadlines like any other (DESIGN §5): a reminder at 75 % of the time to the
 * line's owner and their unit, and when the deadline passes with no try, an escalation to them
 * and the supervisors. Staff messages go through the outbox in the claim's transaction, so each
 * is sent exactly once with any number of workers. The caller's number is never in a message in
 * full: masked, as the queue shows it, so the reader knows which caller is waiting.
 * Each kind goes city by city, one routed query each, soonest first within a city; the batch size
 * bounds each kind over the whole pass, shared among the cities (sweepEachJurisdiction, ADR 0033).
 */
export async function sweepCallbacks(ctx: AppContext, options: { now?: () => Date; batchSize?: number } = {}): Promise<CallbackSweepStats> {
  const clock = options.now ?? (() => new Date());
  const batch = options.batchSize ?? 200;
  const jurisdictions = await listJurisdictionIds(ctx.db);
  const pass = async (column: 'remind_at' | 'due_at', claimed: Claimed, send: Send): Promise<number> => {
    let fired = 0;
    await sweepEachJurisdiction(jurisdictions, batch, async (jurisdictionId, limit) => {
      const ids = await due(ctx.db, jurisdictionId, column, claimed, nowIso(clock()), limit);
      for (const id of ids) if (await fire(ctx, { jurisdictionId, id }, claimed, nowIso(clock()), send)) fired++;
      return ids.length;
    });
    return fired;
  };
  const reminders = await pass('remind_at', 'reminded_at', remind);
  const overdue = await pass('due_at', 'overdue_at', escalate);
  return { reminders, overdue };
}

type Send = (tx: TxContext, key: TaskKey) => Promise<void>;

function fire(ctx: AppContext, key: TaskKey, claimed: Claimed, at: string, send: Send): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    if (!(await claim(tx.db, key, claimed, at))) return false;
    await send(tx, key);
    return true;
  });
}

type TaskForMessage = Awaited<ReturnType<typeof taskForMessage>>;

/** What the reminder and the escalation say (core notices.ts), the same in the outbox and the bell. */
function factsOf(t: TaskForMessage, pii: TxContext['pii'], kind: 'callback_reminder' | 'callback_overdue'): NoticeFacts {
  return {
    kind, taskId: t.id, lineId: t.lineId, lineName: t.lineName, lineNumber: t.lineNumber,
    // Through the one door for callers (cases/caller.ts): masked, and nobody on a tip line.
    caller: noticeSenderPhone(t.callerEnc, t.lineMode === 'tip', pii),
    callCount: t.callCount, dueAt: t.dueAt, timeZone: t.timeZone,
  };
}

async function remind(tx: TxContext, key: TaskKey): Promise<void> {
  const t = await taskForMessage(tx.db, key);
  const facts = factsOf(t, tx.pii, 'callback_reminder');
  for (const recipient of workers(t)) await enqueueNotice(tx.db, tx.pii, { jurisdictionId: t.jurisdictionId, recipient, facts });
}

async function escalate(tx: TxContext, key: TaskKey): Promise<void> {
  const t = await taskForMessage(tx.db, key);
  const facts = factsOf(t, tx.pii, 'callback_overdue');
  for (const recipient of [...workers(t), `role:supervisor:${t.jurisdictionId}`]) await enqueueNotice(tx.db, tx.pii, { jurisdictionId: t.jurisdictionId, recipient, facts });
}

/** The line's owner and their unit (the staff who work its callbacks). */
function workers(t: { ownerUserId: string | null; unitId: string | null }): string[] {
  return [...(t.ownerUserId ? [`user:${t.ownerUserId}`] : []), ...(t.unitId ? [`unit:${t.unitId}`] : [])];
}
