import type { Insertable, Selectable } from 'kysely';
import type { PendingPetitionTable } from '../../db/schema.js';
import type { Db } from './db.js';
export type PendingPetitionRow = Selectable<PendingPetitionTable>;

export async function insertPetition(db: Db, row: Insertable<PendingPetitionTable>): Promise<void> {
  await db.insertInto('pending_petitions').values(row).execute();
}

/** The sender's petition still waiting on this line (at most one: a partial unique index). */
export function findWaitingPetition(db: Db, o: { lineId: string; senderBidx: string }): Promise<PendingPetitionRow | undefined> {
  return db.selectFrom('pending_petitions').selectAll().where('line_id', '=', o.lineId).where('sender_bidx', '=', o.senderBidx).where('status', '=', 'pending').executeTakeFirst();
}

/**
 * Writes a follow-up's merge, only if nobody changed the petition since it was read (same part
 * count, still pending): of two follow-ups racing, the loser changes nothing and is retried.
 */
export async function updateWaitingPetition(
  db: Db,
  o: { id: string; expectedParts: number; set: Partial<Pick<PendingPetitionRow, 'text' | 'text_enc' | 'parts' | 'unit_id' | 'unit_matched' | 'name_enc' | 'address_enc' | 'id_number_enc' | 'demand_enc' | 'missing' | 'invalid' | 'updated_at'>> },
): Promise<boolean> {
  const result = await db
    .updateTable('pending_petitions')
    .set(o.set)
    .where('id', '=', o.id)
    .where('parts', '=', o.expectedParts)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Settles a waiting petition (opened or expired), only if it is still waiting: a follow-up, an
 * operator and the expiry sweep may reach it at once, and exactly one of them wins.
 */
export async function settlePetition(
  db: Db,
  o: { id: string; status: 'opened' | 'expired'; caseId: string | null; userId: string | null; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('pending_petitions')
    .set({ status: o.status, case_id: o.caseId, settled_by: o.userId, settled_at: o.at, updated_at: o.at })
    .where('id', '=', o.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findPetition(db: Db, jurisdictionId: string, id: string): Promise<PendingPetitionRow | undefined> {
  return db.selectFrom('pending_petitions').selectAll().where('jurisdiction_id', '=', jurisdictionId).where('id', '=', id).executeTakeFirst();
}

/** Waiting petitions first by age (the order they are owed an answer), or settled ones newest first. */
export function listPetitions(db: Db, o: { jurisdictionId: string; status: PendingPetitionRow['status']; limit: number }): Promise<PendingPetitionRow[]> {
  const q = db.selectFrom('pending_petitions').selectAll().where('jurisdiction_id', '=', o.jurisdictionId).where('status', '=', o.status);
  const ordered = o.status === 'pending' ? q.orderBy('created_at', 'asc') : q.orderBy('updated_at', 'desc');
  return ordered.orderBy('id').limit(o.limit).execute();
}

/** Waiting petitions past their window, oldest first; the sweep settles each with a conditional update. */
export function listOverdue(db: Db, o: { now: string; limit: number }): Promise<PendingPetitionRow[]> {
  return db.selectFrom('pending_petitions').selectAll().where('status', '=', 'pending').where('expires_at', '<=', o.now).orderBy('expires_at').orderBy('id').limit(o.limit).execute();
}

/** The line's jurisdiction is named: one partition when partitioned (ADR 0033). */
export async function recordSmsDetail(db: Db, o: { jurisdictionId: string; messageId: string; detail: string }): Promise<void> {
  await db.updateTable('inbound_sms').set({ detail: o.detail }).where('jurisdiction_id', '=', o.jurisdictionId).where('message_id', '=', o.messageId).execute();
}

/** The case joins on the jurisdiction too: co-located when distributed by it (ADR 0033). */
export function findSmsAnswer(db: Db, jurisdictionId: string, messageId: string): Promise<{ outcome: string; detail: string | null; caseNumber: string | null } | undefined> {
  return db
    .selectFrom('inbound_sms as m')
    .leftJoin('cases as c', (j) => j.onRef('c.id', '=', 'm.case_id').onRef('c.jurisdiction_id', '=', 'm.jurisdiction_id'))
    .select(['m.outcome as outcome', 'm.detail as detail', 'c.case_number as caseNumber'])
    .where('m.jurisdiction_id', '=', jurisdictionId)
    .where('m.message_id', '=', messageId)
    .executeTakeFirst();
}

export function lineNames(db: Db, ids: readonly string[]): Promise<Array<{ id: string; name: string; number: string; mode: string }>> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('lines').select(['id', 'name', 'number', 'mode']).where('id', 'in', ids).execute();
}

export function unitNames(db: Db, ids: readonly string[]): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', ids).execute();
}
