import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { CallbackAttemptTable, CallbackTaskTable, DB, LineCallbackSettingsTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * A call with what its protection needs: the line's mode, hours, owner and callback settings
 * and the jurisdiction's time zone, by its id or by the phone system's key (one indexed read).
 */
export function findCallForProtection(db: Db, key: { id: string } | { jurisdictionId: string; externalId: string }) {
  const q = db
    .selectFrom('call_records as c')
    .innerJoin('lines as l', 'l.id', 'c.line_id')
    .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
    .leftJoin('users as owner', 'owner.id', 'l.owner_user_id')
    .leftJoin('line_callback_settings as s', 's.line_id', 'l.id')
    .select([
      'c.id as callId', 'c.direction', 'c.line_id as lineId', 'c.caller_enc as callerEnc', 'c.caller_bidx as callerBidx', 'c.offered_at as offeredAt',
      'c.outcome', 'c.wait_seconds as waitSeconds', 'l.mode', 'l.service_hours as serviceHours', 'l.owner_user_id as ownerUserId',
      'owner.org_unit_id as ownerUnitId', 'j.id as jurisdictionId', 'j.timezone as timeZone', 's.after_hours_number as afterHoursNumber',
      's.callback_unit_id as callbackUnitId', 's.within_minutes as withinMinutes',
    ]);
  const keyed = 'id' in key
    ? q.where('c.id', '=', key.id)
    : q.where('c.jurisdiction_id', '=', key.jurisdictionId).where('c.source', '=', 'cti').where('c.external_id', '=', key.externalId);
  return keyed.executeTakeFirst();
}

export async function findAttachment(db: Db, callId: string): Promise<string | null> {
  const row = await db.selectFrom('callback_calls').select('task_id').where('call_id', '=', callId).executeTakeFirst();
  return row?.task_id ?? null;
}

/** Opens a task unless one is open for this line and caller (the unique open_key); the open one wins. */
export async function insertTaskIfNoneOpen(db: Db, row: Insertable<CallbackTaskTable>): Promise<void> {
  await db.insertInto('callback_tasks').values(row).onConflict((oc) => oc.column('open_key').doNothing()).execute();
}

/** The open task of a line and caller, locked on PostgreSQL while a call is attached to it. */
export function lockOpenTask(db: Db, dialect: Dialect, openKey: string) {
  let q = db.selectFrom('callback_tasks').select(['id', 'last_call_at as lastCallAt']).where('open_key', '=', openKey);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

/** True when this call was not attached yet (the primary key makes a repeat a no-op). */
export async function attachCall(db: Db, row: { call_id: string; task_id: string; attached_at: string }): Promise<boolean> {
  const r = await db.insertInto('callback_calls').values(row).onConflict((oc) => oc.column('call_id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function countAttachedCall(db: Db, taskId: string, set: { lastCallAt: string; updatedAt: string }): Promise<void> {
  await db
    .updateTable('callback_tasks')
    .set((eb) => ({ call_count: eb('call_count', '+', 1), last_call_at: set.lastCallAt, updated_at: set.updatedAt }))
    .where('id', '=', taskId)
    .execute();
}

export async function updateTask(db: Db, id: string, set: Updateable<CallbackTaskTable>): Promise<void> {
  await db.updateTable('callback_tasks').set(set).where('id', '=', id).execute();
}

/**
 * Closes an open task; false when it was already closed (of two people recording the last try
 * at once, exactly one closes it). Clearing open_key lets the caller's next call open a new task.
 */
export async function closeTask(db: Db, id: string, set: { outcome: 'reached' | 'not_reached' | 'case'; caseId: string | null; closedBy: string; at: string }): Promise<boolean> {
  const r = await db
    .updateTable('callback_tasks')
    .set({ status: 'closed', open_key: null, outcome: set.outcome, case_id: set.caseId, closed_at: set.at, closed_by: set.closedBy, updated_at: set.at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function insertAttempt(db: Db, row: Insertable<CallbackAttemptTable>): Promise<void> {
  await db.insertInto('callback_attempts').values(row).execute();
}

/** Counts a failed try and meets the deadline with the first try; answers the failed tries so far. */
export async function countTry(db: Db, id: string, o: { failed: boolean; at: string }): Promise<number> {
  await db
    .updateTable('callback_tasks')
    .set((eb) => ({
      failed_tries: o.failed ? eb('failed_tries', '+', 1) : eb.ref('failed_tries'),
      first_attempt_at: eb.fn.coalesce('first_attempt_at', eb.val(o.at)),
      updated_at: o.at,
    }))
    .where('id', '=', id)
    .execute();
  const row = await db.selectFrom('callback_tasks').select('failed_tries').where('id', '=', id).executeTakeFirstOrThrow();
  return row.failed_tries;
}

/** The calls of a closed-as-case task lead to that case (call_records.case_id), unless already linked. */
export async function linkCallsToCase(db: Db, taskId: string, caseId: string): Promise<void> {
  await db
    .updateTable('call_records')
    .set({ case_id: caseId })
    .where('case_id', 'is', null)
    .where('id', 'in', (eb) => eb.selectFrom('callback_calls').select('call_id').where('task_id', '=', taskId))
    .execute();
}

export function findSettings(db: Db, lineId: string) {
  return db.selectFrom('line_callback_settings').selectAll().where('line_id', '=', lineId).executeTakeFirst();
}

export async function upsertSettings(db: Db, row: LineCallbackSettingsTable): Promise<void> {
  const { line_id: _lineId, ...rest } = row;
  await db.insertInto('line_callback_settings').values(row).onConflict((oc) => oc.column('line_id').doUpdateSet(rest)).execute();
}
