import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { CallbackAttemptTable, CallbackTaskTable, DB, LineCallbackSettingsTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** What protecting a line's calls needs: its mode, hours, owner, callback settings and time zone (of several lines, one read). */
export function findLineProtections(db: Db, lineIds: readonly string[]) {
  return db
    .selectFrom('lines as l')
    .innerJoin('jurisdictions as j', 'j.id', 'l.jurisdiction_id')
    .leftJoin('users as owner', 'owner.id', 'l.owner_user_id')
    .leftJoin('line_callback_settings as s', 's.line_id', 'l.id')
    .select([
      'l.id as lineId', 'l.mode', 'l.service_hours as serviceHours', 'l.owner_user_id as ownerUserId', 'owner.org_unit_id as ownerUnitId',
      'j.id as jurisdictionId', 'j.timezone as timeZone', 's.callback_unit_id as callbackUnitId', 's.within_minutes as withinMinutes',
      's.after_hours_number as afterHoursNumber',
      // The centre takes the callbacks of a line nobody owns (core callbackWorkers); the first by path, as escalation picks it.
      (eb) => eb.selectFrom('org_units as c').select('c.id').whereRef('c.jurisdiction_id', '=', 'l.jurisdiction_id').where('c.kind', '=', 'centre').orderBy('c.path').limit(1).as('centreUnitId'),
    ])
    .where('l.id', 'in', [...lineIds])
    .execute();
}

/** The tasks the calls are attached to, by call id (calls attached to none are absent). */
export async function findAttachments(db: Db, callIds: readonly string[]): Promise<Map<string, string>> {
  if (callIds.length === 0) return new Map();
  const rows = await db.selectFrom('callback_calls').select(['call_id', 'task_id']).where('call_id', 'in', [...callIds]).execute();
  return new Map(rows.map((r) => [r.call_id, r.task_id]));
}

/**
 * Counts calls into the open task of their line and caller, opening one when none is open (the
 * unique open_key), and answers each task's id by its open_key: one statement for a batch of
 * filings, one row per open_key (`call_count` = the calls of that key in the batch), where it took
 * one per call and each was a round trip on the CTI webhook's hot path (issue 10 §6). On
 * PostgreSQL the conflicting rows are locked by the update, as SELECT … FOR UPDATE locked them;
 * the rows go in open_key order, so two batches lock them in the same order. A repeat call joins
 * the task and its deadline stands; its last call is the later one; a voicemail link given
 * replaces the one kept.
 */
export async function countIntoOpenTasks(db: Db, rows: ReadonlyArray<Insertable<CallbackTaskTable> & { open_key: string; call_count: number }>): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const sorted = [...rows].sort((a, b) => (a.open_key < b.open_key ? -1 : a.open_key > b.open_key ? 1 : 0));
  const r = await db
    .insertInto('callback_tasks')
    .values(sorted)
    .onConflict((oc) =>
      oc.column('open_key').doUpdateSet((eb) => ({
        call_count: eb('callback_tasks.call_count', '+', eb.ref('excluded.call_count')),
        last_call_at: eb.case().when('excluded.last_call_at', '>', eb.ref('callback_tasks.last_call_at')).then(eb.ref('excluded.last_call_at')).else(eb.ref('callback_tasks.last_call_at')).end(),
        voicemail_enc: eb.fn.coalesce('excluded.voicemail_enc', 'callback_tasks.voicemail_enc'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning(['id', 'open_key'])
    .execute();
  return new Map(r.map((t) => [t.open_key ?? '', t.id]));
}

/** Attaches the calls to their tasks; answers how many were attached (fewer: some already were; the primary key makes a repeat a no-op). */
export async function attachCalls(db: Db, rows: ReadonlyArray<{ call_id: string; task_id: string; attached_at: string }>): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db.insertInto('callback_calls').values([...rows]).onConflict((oc) => oc.column('call_id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n);
}

/** A task by its id and jurisdiction: one partition when partitioned (ADR 0033), and only the caller's city. */
export interface TaskKey {
  jurisdictionId: string;
  id: string;
}

export async function updateTask(db: Db, key: TaskKey, set: Updateable<CallbackTaskTable>): Promise<void> {
  await db.updateTable('callback_tasks').set(set).where('jurisdiction_id', '=', key.jurisdictionId).where('id', '=', key.id).execute();
}

/**
 * Closes an open task; false when it was already closed (of two people recording the last try
 * at once, exactly one closes it). Clearing open_key lets the caller's next call open a new task.
 */
export async function closeTask(db: Db, key: TaskKey, set: { outcome: 'reached' | 'not_reached' | 'case'; caseId: string | null; closedBy: string; at: string }): Promise<boolean> {
  const r = await db
    .updateTable('callback_tasks')
    .set({ status: 'closed', open_key: null, outcome: set.outcome, case_id: set.caseId, closed_at: set.at, closed_by: set.closedBy, updated_at: set.at })
    .where('jurisdiction_id', '=', key.jurisdictionId)
    .where('id', '=', key.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function insertAttempt(db: Db, row: Insertable<CallbackAttemptTable>): Promise<void> {
  await db.insertInto('callback_attempts').values(row).execute();
}

/** Counts a failed try and meets the deadline with the first try; answers the failed tries so far. */
export async function countTry(db: Db, key: TaskKey, o: { failed: boolean; at: string }): Promise<number> {
  await db
    .updateTable('callback_tasks')
    .set((eb) => ({
      failed_tries: o.failed ? eb('failed_tries', '+', 1) : eb.ref('failed_tries'),
      first_attempt_at: eb.fn.coalesce('first_attempt_at', eb.val(o.at)),
      updated_at: o.at,
    }))
    .where('jurisdiction_id', '=', key.jurisdictionId)
    .where('id', '=', key.id)
    .execute();
  const row = await db.selectFrom('callback_tasks').select('failed_tries').where('jurisdiction_id', '=', key.jurisdictionId).where('id', '=', key.id).executeTakeFirstOrThrow();
  return row.failed_tries;
}

/** The calls of a closed-as-case task lead to that case (call_records.case_id), unless already linked. */
export async function linkCallsToCase(db: Db, task: TaskKey, caseId: string): Promise<void> {
  await db
    .updateTable('call_records')
    .set({ case_id: caseId })
    .where('jurisdiction_id', '=', task.jurisdictionId)
    .where('case_id', 'is', null)
    .where('id', 'in', (eb) => eb.selectFrom('callback_calls').select('call_id').where('task_id', '=', task.id))
    .execute();
}

export function findSettings(db: Db, lineId: string) {
  return db.selectFrom('line_callback_settings').selectAll().where('line_id', '=', lineId).executeTakeFirst();
}

export async function upsertSettings(db: Db, row: LineCallbackSettingsTable): Promise<void> {
  const { line_id: _lineId, ...rest } = row;
  await db.insertInto('line_callback_settings').values(row).onConflict((oc) => oc.column('line_id').doUpdateSet(rest)).execute();
}
