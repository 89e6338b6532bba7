import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { CallEventTable, CallRecordTable, DB } from '../../db/schema.js';

export function jurisdictionLines(db: Kysely<DB>, jurisdictionId: string) {
  return db.selectFrom('lines').select(['id', 'number', 'accepts_voice as acceptsVoice']).where('jurisdiction_id', '=', jurisdictionId).execute();
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

/** Several new calls in one statement; answers how many were inserted (fewer: another process made some first). */
export async function insertCallsIfNew(db: Kysely<DB>, rows: ReadonlyArray<Insertable<CallRecordTable>>): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db
    .insertInto('call_records')
    .values([...rows])
    .onConflict((oc) => oc.columns(['jurisdiction_id', 'source', 'external_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n);
}

/** Several events in one statement, each once per (call, event) (ADR 0017); answers how many were inserted. */
export async function insertEventsIfNew(db: Kysely<DB>, rows: ReadonlyArray<Insertable<CallEventTable>>): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db.insertInto('call_events').values([...rows]).onConflict((oc) => oc.columns(['call_id', 'event']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * Writes changed known calls back in one statement (an upsert on the id, which exists: the rows
 * were read and locked by this transaction), instead of one UPDATE per call.
 */
export async function rewriteCalls(db: Kysely<DB>, rows: ReadonlyArray<Insertable<CallRecordTable>>): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('call_records')
    .values([...rows])
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => Object.fromEntries(MUTABLE_CALL_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])) as Updateable<CallRecordTable>),
    )
    .execute();
}

/** What later events of a call change: its folded state, what it learned, who answered, its queue. */
const MUTABLE_CALL_COLUMNS = [
  'offered_at', 'answered_at', 'ended_at', 'wait_seconds', 'talk_seconds', 'outcome', 'late_answer', 'answered_by', 'cause', 'updated_at',
  'line_number', 'line_id', 'caller_enc', 'caller_bidx', 'answered_by_user_id', 'queue',
] as const;

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

// Batch reads and writes of the group commit (ADR 0023): one query per batch, not per event.

/** Of the tokens, those not revoked; touches last_used_at of those unused for `staleBefore`. */
export async function liveTokens(db: Kysely<DB>, tokenIds: readonly string[], at: string, staleBefore: string): Promise<Set<string>> {
  // A write first: on SQLite it takes the write lock at the start of the batch, so a second
  // process cannot slip a write between this batch's reads and writes (which would fail it).
  await db
    .updateTable('cti_tokens')
    .set({ last_used_at: at })
    .where('id', 'in', [...tokenIds])
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
    .execute();
  const rows = await db.selectFrom('cti_tokens').select('id').where('id', 'in', [...tokenIds]).where('revoked_at', 'is', null).execute();
  return new Set(rows.map((r) => r.id));
}

/** Which of the blind indexes are blocked callers of the jurisdiction. */
export async function blockedAmong(db: Kysely<DB>, jurisdictionId: string, bidxs: readonly string[]): Promise<Set<string>> {
  if (bidxs.length === 0) return new Set();
  const rows = await db.selectFrom('blocked_numbers').select('number_bidx').where('jurisdiction_id', '=', jurisdictionId).where('number_bidx', 'in', [...bidxs]).execute();
  return new Set(rows.map((r) => r.number_bidx));
}

/** The calls already known by phone-system id, locked on PostgreSQL in id order (so two batches cannot deadlock on them). */
export function lockCalls(db: Kysely<DB>, dialect: Dialect, jurisdictionId: string, externalIds: readonly string[]): Promise<Array<Selectable<CallRecordTable>>> {
  if (externalIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('call_records')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('source', '=', 'cti')
    .where('external_id', 'in', [...externalIds])
    .orderBy('external_id');
  if (dialect === 'postgres') q = q.forUpdate();
  return q.execute();
}

export function eventsOfCalls(db: Kysely<DB>, callIds: readonly string[]) {
  if (callIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('call_events').selectAll().where('call_id', 'in', [...callIds]).execute();
}

