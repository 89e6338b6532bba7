import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Whose tasks a viewer's queue holds (policy.ts decides): the whole jurisdiction, or the lines
 * they own, the tasks of their unit (the owner's staff) and, for a supervisor, their subtree's.
 */
export interface CallbackScope {
  jurisdictionId: string;
  all: boolean;
  userId: string;
  unitId: string;
  supervisedPath: string | null;
}

type From = DB & { t: DB['callback_tasks']; l: DB['lines']; u: DB['org_units'] };

function inScope(scope: CallbackScope) {
  return (eb: ExpressionBuilder<From, 't' | 'l' | 'u'>) => {
    const parts = [eb('l.owner_user_id', '=', scope.userId), eb('t.unit_id', '=', scope.unitId)];
    if (scope.supervisedPath !== null) parts.push(eb('u.path', 'like', `${scope.supervisedPath}%`));
    return eb.or(parts);
  };
}

function base(db: Db, scope: CallbackScope) {
  const q = db
    .selectFrom('callback_tasks as t')
    .innerJoin('lines as l', 'l.id', 't.line_id')
    .leftJoin('org_units as u', 'u.id', 't.unit_id')
    .where('t.jurisdiction_id', '=', scope.jurisdictionId);
  return scope.all ? q : q.where(inScope(scope));
}

export interface TaskQuery {
  status: 'open' | 'closed' | undefined;
  lineId: string | undefined;
  overdueAt: string | undefined;
  limit: number;
  offset: number;
  id?: string;
}

export async function listTasks(db: Db, scope: CallbackScope, q: TaskQuery) {
  let rows = base(db, scope)
    .leftJoin('users as owner', 'owner.id', 'l.owner_user_id')
    .leftJoin('users as closer', 'closer.id', 't.closed_by')
    .leftJoin('cases as c', 'c.id', 't.case_id');
  if (q.status) rows = rows.where('t.status', '=', q.status);
  if (q.lineId) rows = rows.where('t.line_id', '=', q.lineId);
  if (q.id) rows = rows.where('t.id', '=', q.id);
  if (q.overdueAt) rows = rows.where('t.status', '=', 'open').where('t.first_attempt_at', 'is', null).where('t.due_at', '<=', q.overdueAt);
  const items = await rows
    .select([
      't.id', 't.line_id as lineId', 'l.name as lineName', 'l.number as lineNumber', 'l.mode as lineMode', 'l.owner_user_id as ownerUserId',
      'owner.display_name as ownerName', 't.unit_id as unitId', 'u.name as unitName', 't.caller_enc as callerEnc', 't.status', 't.reason',
      't.first_call_at as firstCallAt', 't.last_call_at as lastCallAt', 't.call_count as callCount', 't.voicemail_enc as voicemailEnc',
      't.due_at as dueAt', 't.deadline_clock as deadlineClock', 't.first_attempt_at as firstAttemptAt', 't.failed_tries as failedTries', 't.outcome',
      't.case_id as caseId', 'c.case_number as caseNumber', 't.closed_at as closedAt', 'closer.display_name as closedByName', 't.overdue_at as escalatedAt',
    ])
    // Open tasks by deadline (the most urgent first), closed ones latest first.
    .orderBy('t.status', 'desc')
    .orderBy('t.due_at', 'asc')
    .orderBy('t.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  let counted = base(db, scope).select((eb) => eb.fn.countAll<number | string | bigint>().as('n'));
  if (q.status) counted = counted.where('t.status', '=', q.status);
  if (q.lineId) counted = counted.where('t.line_id', '=', q.lineId);
  if (q.overdueAt) counted = counted.where('t.status', '=', 'open').where('t.first_attempt_at', 'is', null).where('t.due_at', '<=', q.overdueAt);
  const total = Number((await counted.executeTakeFirstOrThrow()).n);
  return { items, total };
}
export type TaskRow = Awaited<ReturnType<typeof listTasks>>['items'][number];

/** The queue's counters: open, open and past the deadline with no try, closed since `since`. */
export async function countTasks(db: Db, scope: CallbackScope, o: { now: string; since: string }) {
  const row = await base(db, scope)
    .select((eb) => [
      eb.fn.sum<number | string | bigint | null>(eb.case().when('t.status', '=', 'open').then(1).else(0).end()).as('open'),
      eb.fn
        .sum<number | string | bigint | null>(
          eb.case().when(eb.and([eb('t.status', '=', 'open'), eb('t.first_attempt_at', 'is', null), eb('t.due_at', '<=', o.now)])).then(1).else(0).end(),
        )
        .as('overdue'),
      eb.fn.sum<number | string | bigint | null>(eb.case().when(eb.and([eb('t.status', '=', 'closed'), eb('t.closed_at', '>=', o.since)])).then(1).else(0).end()).as('closed'),
    ])
    .executeTakeFirstOrThrow();
  return { open: Number(row.open ?? 0), overdue: Number(row.overdue ?? 0), closedToday: Number(row.closed ?? 0) };
}

/** One task for an action, with what the policy needs, whatever the viewer's scope. */
export function findTaskForAccess(db: Db, id: string, jurisdictionId: string) {
  return db
    .selectFrom('callback_tasks as t')
    .innerJoin('lines as l', 'l.id', 't.line_id')
    .leftJoin('org_units as u', 'u.id', 't.unit_id')
    .select(['t.id', 't.status', 't.caller_enc as callerEnc', 't.unit_id as unitId', 'u.path as unitPath', 'l.owner_user_id as ownerUserId', 't.line_id as lineId'])
    .where('t.id', '=', id)
    .where('t.jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirst();
}
export type TaskAccessRow = NonNullable<Awaited<ReturnType<typeof findTaskForAccess>>>;

export function listAttempts(db: Db, taskId: string) {
  return db
    .selectFrom('callback_attempts as a')
    .innerJoin('users', 'users.id', 'a.user_id')
    .select(['a.id', 'a.result', 'a.note_enc as noteEnc', 'a.created_at as createdAt', 'users.display_name as byName'])
    .where('a.task_id', '=', taskId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export function listTaskCalls(db: Db, taskId: string) {
  return db
    .selectFrom('callback_calls as cc')
    .innerJoin('call_records as c', 'c.id', 'cc.call_id')
    .select(['c.id', 'c.offered_at as offeredAt', 'c.outcome', 'c.wait_seconds as waitSeconds'])
    .where('cc.task_id', '=', taskId)
    .orderBy('c.offered_at')
    .execute();
}
