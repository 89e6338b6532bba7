import { maskPhone, noticeFactsSchema, type NoticeFacts } from '@openline/core';
import type { Transaction } from 'kysely';
import type { PiiCipher } from '../../crypto/pii.js';
import type { DB, OutboxTable } from '../../db/schema.js';
import { newId, nowIso } from '../../lib/ids.js';
import { currentRequestId } from '../../lib/request-context.js';
import { fanOutStaffMessage } from '../notifications/fan-out.js';
import { insertMessage } from './repository.js';

export interface OutgoingMessage {
  jurisdictionId: string;
  caseId: string | null;
  channel: OutboxTable['channel'];
  /** Phone (E.164) for sms, address for email, user id for staff. */
  recipient: string;
  template: string;
  /** Write OUTBOX_SECRET_PLACEHOLDER where `secret` belongs. */
  body: string;
  /**
   * Something the recipient may read but staff and the database must not (a tracking code):
   * sealed apart from the body and put in only at delivery.
   */
  secret?: string;
  /**
   * The recipient is a protected tip-line reporter (ADR 0006): the admin outbox page shows
   * PROTECTED_RECIPIENT_HINT instead of even a masked number.
   */
  protectedRecipient?: boolean;
  /**
   * A staff message about no case (a cold line, a callback): its facts, which the in-app notice
   * carries so the console can word it (core notices.ts). Its kind is the template.
   */
  notice?: NoticeFacts;
}

export const PROTECTED_RECIPIENT_HINT = '******';

export const OUTBOX_SECRET_PLACEHOLDER = '{{secret}}';

/** The body as it goes to the provider. */
export function revealSecret(body: string, secret: string | null): string {
  return secret === null ? body : body.replaceAll(OUTBOX_SECRET_PLACEHOLDER, secret);
}

/** The body as staff see it on the outbox page. */
export function maskSecret(body: string): string {
  return body.replaceAll(OUTBOX_SECRET_PLACEHOLDER, '******');
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
  if (message.secret !== undefined && !message.body.includes(OUTBOX_SECRET_PLACEHOLDER)) {
    // A secret with nowhere to go is a template bug; sending the body without it would mislead.
    throw new Error(`outbox: template ${message.template} has a secret but no ${OUTBOX_SECRET_PLACEHOLDER} in its body`);
  }
  // Parsed, not trusted: a caller's number in full refuses to be written (the schema wants it masked).
  const notice = message.notice === undefined ? undefined : noticeFactsSchema.parse(message.notice);
  if (notice && notice.kind !== message.template) throw new Error(`outbox: template ${message.template} carries the facts of ${notice.kind}`);
  const id = newId();
  const now = nowIso();
  await insertMessage(trx, {
    id,
    jurisdiction_id: message.jurisdictionId,
    case_id: message.caseId,
    channel: message.channel,
    recipient_enc: pii.encrypt(message.recipient),
    recipient_hint: message.protectedRecipient ? PROTECTED_RECIPIENT_HINT : hintFor(message.channel, message.recipient),
    template: message.template,
    body: message.body,
    secret_enc: message.secret === undefined ? null : pii.encrypt(message.secret),
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
    // The worker logs it beside the delivery, so one request's whole story is one log search.
    request_id: currentRequestId(),
  });
  // Staff also read it in the console: the bell (issue 12 §4), in the same transaction.
  if (message.channel === 'staff') {
    await fanOutStaffMessage(trx, {
      jurisdictionId: message.jurisdictionId, caseId: message.caseId, recipient: message.recipient, template: message.template, createdAt: now, facts: notice ?? null,
    });
  }
  return id;
}
