import type { OutboxMessage } from '@openline/core';
import type { OutboxRow } from '../../db/schema.js';
import { maskSecret } from './enqueue.js';

export function presentOutboxMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    caseId: row.case_id,
    channel: row.channel,
    recipient: row.recipient_hint,
    template: row.template,
    body: maskSecret(row.body),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    provider: row.provider,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
