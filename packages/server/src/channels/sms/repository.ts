import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface SmsLine {
  id: string;
  jurisdictionId: string;
  number: string;
  name: string;
  mode: 'direct' | 'staffed' | 'sms_only' | 'tip';
  isPublic: number;
  acceptsSms: number;
}

/** Every published line of the deployment: a few dozen rows, matched by normalised number in code. */
export function listLines(db: Kysely<DB>): Promise<SmsLine[]> {
  return db
    .selectFrom('lines')
    .select(['id', 'jurisdiction_id as jurisdictionId', 'number', 'name', 'mode', 'is_public as isPublic', 'accepts_sms as acceptsSms'])
    .orderBy('created_at')
    .orderBy('number')
    .execute();
}

/** The line's jurisdiction is named: one partition when partitioned (ADR 0033). */
export async function findLineOfMessage(db: Kysely<DB>, jurisdictionId: string, messageId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('inbound_sms as m')
    .innerJoin('lines as l', 'l.id', 'm.line_id')
    .select('l.mode')
    .where('m.jurisdiction_id', '=', jurisdictionId)
    .where('m.message_id', '=', messageId)
    .executeTakeFirst();
  return row?.mode;
}

/**
 * Claims the gateway's message id inside the transaction that records it. False: it was taken
 * before (or is being taken right now by a concurrent delivery, which this waits for).
 */
export async function claimMessage(
  trx: Transaction<DB>,
  m: {
    messageId: string; jurisdictionId: string; lineId: string; gatewayReceivedAt: string | null; at: string;
    /** pending (taken now, in this transaction), held (kept sealed for an operator) or not_accepted (the line takes no texts). */
    outcome: 'pending' | 'held' | 'not_accepted'; senderEnc?: string; textEnc?: string;
  },
): Promise<boolean> {
  const result = await trx
    .insertInto('inbound_sms')
    .values({
      message_id: m.messageId,
      jurisdiction_id: m.jurisdictionId,
      line_id: m.lineId,
      case_id: null,
      outcome: m.outcome,
      gateway_received_at: m.gatewayReceivedAt,
      created_at: m.at,
      sender_enc: m.senderEnc ?? null,
      text_enc: m.textEnc ?? null,
      settled_at: null,
      settled_by: null,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function recordOutcome(trx: Transaction<DB>, m: { jurisdictionId: string; messageId: string; outcome: string; caseId: string | null }): Promise<void> {
  await trx
    .updateTable('inbound_sms')
    .set({ outcome: m.outcome, case_id: m.caseId })
    .where('jurisdiction_id', '=', m.jurisdictionId)
    .where('message_id', '=', m.messageId)
    .execute();
}

export interface HeldSmsRow {
  messageId: string;
  lineId: string;
  lineNumber: string;
  lineName: string;
  lineMode: string;
  senderEnc: string;
  textEnc: string;
  receivedAt: string;
}

function heldQuery(db: Kysely<DB> | Transaction<DB>, jurisdictionId: string) {
  return db
    .selectFrom('inbound_sms as m')
    .innerJoin('lines as l', 'l.id', 'm.line_id')
    .select(['m.message_id as messageId', 'l.id as lineId', 'l.number as lineNumber', 'l.name as lineName', 'l.mode as lineMode', 'm.sender_enc as senderEnc', 'm.text_enc as textEnc'])
    .select((eb) => eb.fn.coalesce('m.gateway_received_at', 'm.created_at').as('receivedAt'))
    .where('m.jurisdiction_id', '=', jurisdictionId)
    .where('m.outcome', '=', 'held');
}

/** Held messages of a jurisdiction, oldest first (the order they are owed an answer). */
export async function listHeld(db: Kysely<DB>, jurisdictionId: string, limit: number): Promise<HeldSmsRow[]> {
  const rows = await heldQuery(db, jurisdictionId).orderBy('m.created_at').orderBy('m.message_id').limit(limit).execute();
  return rows.flatMap((r) => (r.senderEnc !== null && r.textEnc !== null ? [{ ...r, senderEnc: r.senderEnc, textEnc: r.textEnc }] : []));
}

export async function findHeld(db: Kysely<DB> | Transaction<DB>, jurisdictionId: string, messageId: string): Promise<HeldSmsRow | undefined> {
  const r = await heldQuery(db, jurisdictionId).where('m.message_id', '=', messageId).executeTakeFirst();
  return r && r.senderEnc !== null && r.textEnc !== null ? { ...r, senderEnc: r.senderEnc, textEnc: r.textEnc } : undefined;
}

/**
 * Settles a held message: only if it is still held, so of two operators acting at once exactly
 * one wins. Its sealed sender and text are cleared: the contact (if any) keeps what is needed.
 */
export async function settleHeld(
  trx: Transaction<DB>,
  m: { jurisdictionId: string; messageId: string; outcome: 'pending' | 'dismissed'; userId: string; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('inbound_sms')
    .set({ outcome: m.outcome, sender_enc: null, text_enc: null, settled_at: m.at, settled_by: m.userId })
    .where('jurisdiction_id', '=', m.jurisdictionId)
    .where('message_id', '=', m.messageId)
    .where('outcome', '=', 'held')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
