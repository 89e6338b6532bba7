import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface SmsLine {
  id: string;
  jurisdictionId: string;
  number: string;
  mode: string;
}

/** Every published line of the deployment: a few dozen rows, matched by normalised number in code. */
export function listLines(db: Kysely<DB>): Promise<SmsLine[]> {
  return db.selectFrom('lines').select(['id', 'jurisdiction_id as jurisdictionId', 'number', 'mode']).execute();
}

/**
 * Claims the gateway's message id inside the transaction that records it. False: it was taken
 * before (or is being taken right now by a concurrent delivery, which this waits for).
 */
export async function claimMessage(
  trx: Transaction<DB>,
  m: { messageId: string; jurisdictionId: string; lineId: string; gatewayReceivedAt: string | null; at: string },
): Promise<boolean> {
  const result = await trx
    .insertInto('inbound_sms')
    .values({
      message_id: m.messageId,
      jurisdiction_id: m.jurisdictionId,
      line_id: m.lineId,
      case_id: null,
      outcome: 'pending',
      gateway_received_at: m.gatewayReceivedAt,
      created_at: m.at,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function recordOutcome(trx: Transaction<DB>, messageId: string, outcome: string, caseId: string | null): Promise<void> {
  await trx.updateTable('inbound_sms').set({ outcome, case_id: caseId }).where('message_id', '=', messageId).execute();
}

export function findMessage(db: Kysely<DB>, messageId: string): Promise<{ outcome: string } | undefined> {
  return db.selectFrom('inbound_sms').select('outcome').where('message_id', '=', messageId).executeTakeFirst();
}
