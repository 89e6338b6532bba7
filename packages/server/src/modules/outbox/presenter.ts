import { z } from 'zod';
import type { OutboxRow } from '../../db/schema.js';
import { maskSecret } from './enqueue.js';

export const outboxMessageSchema = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  channel: z.enum(['sms', 'email', 'staff']),
  recipient: z.string().describe('masked'),
  template: z.string(),
  body: z.string().describe('a tracking code in it is shown as ******'),
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  provider: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export function presentOutboxMessage(row: OutboxRow): z.infer<typeof outboxMessageSchema> {
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
