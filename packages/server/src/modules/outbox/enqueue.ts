import { maskPhone } from '@openline/core';
import type { Transaction } from 'kysely';
import type { PiiCipher } from '../../crypto/pii.js';
import type { DB, OutboxTable } from '../../db/schema.js';
import { newId, nowIso } from '../../lib/ids.js';
import { insertMessage } from './repository.js';

export interface OutgoingMessage {
  jurisdictionId: string;
  caseId: string | null;
  channel: OutboxTable['channel'];
  /** Phone (E.164) for sms, address for email, user id for staff. */
  recipient: string;
  template: string;
  body: string;
}

function hintFor(channel: OutboxTable['channel'], recipient: string): string {
  if (channel === 'sms') return maskPhone(recipient);
  if (channel === 'email') return recipient.replace(/^(.).*(@.*)$/, '$1***$2');
  return recipient;
}

/**
 * Queues a message inside the caller's transaction, so the message exists if and only if the
 * event that caused it was committed. Delivery happens later, in the worker.
 */
export async function enqueueMessage(trx: Transaction<DB>, pii: PiiCipher, message: OutgoingMessage): Promise<string> {
  const id = newId();
  const now = nowIso();
  await insertMessage(trx, {
    id,
    jurisdiction_id: message.jurisdictionId,
    case_id: message.caseId,
    channel: message.channel,
    recipient_enc: pii.encrypt(message.recipient),
    recipient_hint: hintFor(message.channel, message.recipient),
    template: message.template,
    body: message.body,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
  });
  return id;
}
