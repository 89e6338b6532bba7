import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { CallEventTable, CallRecordTable, DB } from '../../db/schema.js';

export function jurisdictionLines(db: Kysely<DB>, jurisdictionId: string) {
  return db.selectFrom('lines').select(['id', 'number']).where('jurisdiction_id', '=', jurisdictionId).execute();
}

export async function isBlocked(db: Kysely<DB>, jurisdictionId: string, numberBidx: string): Promise<boolean> {
  const row = await db.selectFrom('blocked_numbers').select('id').where('jurisdiction_id', '=', jurisdictionId).where('number_bidx', '=', numberBidx).executeTakeFirst();
  return row !== undefined;
}

/** Inserts the call unless the phone system's id is known; true when this insert made it. */
export async function insertCallIfNew(db: Kysely<DB>, row: Insertable<CallRecordTable>): Promise<boolean> {
  const r = await db
    .insertInto('call_records')
    .values(row)
    .onConflict((oc) => oc.columns(['jurisdiction_id', 'source', 'external_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** The call's id, its row locked on PostgreSQL so two events of one call fold one after the other. */
export async function lockCall(db: Kysely<DB>, dialect: Dialect, key: { jurisdictionId: string; source: 'cti' | 'cdr'; externalId: string }) {
  let q = db
    .selectFrom('call_records')
    .select(['id', 'line_id as lineId', 'line_number as lineNumber', 'caller_enc as callerEnc'])
    .where('jurisdiction_id', '=', key.jurisdictionId)
    .where('source', '=', key.source)
    .where('external_id', '=', key.externalId);
  if (dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

/** The idempotency key (ADR 0017): a repeated event of a call inserts nothing. */
export async function insertEventIfNew(db: Kysely<DB>, row: Insertable<CallEventTable>): Promise<boolean> {
  const r = await db.insertInto('call_events').values(row).onConflict((oc) => oc.columns(['call_id', 'event']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export function callEvents(db: Kysely<DB>, callId: string) {
  return db.selectFrom('call_events').selectAll().where('call_id', '=', callId).execute();
}

export async function updateCall(db: Kysely<DB>, id: string, set: Updateable<CallRecordTable>): Promise<void> {
  await db.updateTable('call_records').set(set).where('id', '=', id).execute();
}

/** Active staff of the jurisdiction whose username or display name is one of `names`. */
export function usersNamed(db: Kysely<DB>, jurisdictionId: string, names: readonly string[]) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name as displayName'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('username', 'in', names), eb('display_name', 'in', names)]))
    .execute();
}
