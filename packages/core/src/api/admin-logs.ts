import { z } from 'zod';

/* Read-only records for administrators: the audit log and the message outbox (ADR 0042). */

/** One audit entry. */
export const auditEntrySchema = z.object({
  id: z.number().int(), action: z.string(), actorUserId: z.string().nullable(), actorName: z.string().nullable(),
  targetType: z.string().nullable(), targetId: z.string().nullable(), ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()), createdAt: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** `GET /api/v1/admin/audit`. */
export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), total: z.number().int() });
export type AuditPage = z.infer<typeof auditPageSchema>;

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

/** A message to a citizen or a staff member, as the admin sees it. */
export const outboxMessageSchema = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  channel: z.enum(['sms', 'email', 'staff']),
  recipient: z.string().describe('masked'),
  template: z.string(),
  body: z.string().describe('a tracking code in it is shown as ******'),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  provider: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** `GET /api/v1/admin/outbox`, newest first. */
export const outboxPageSchema = z.object({ items: z.array(outboxMessageSchema), total: z.number().int() });
export type OutboxPage = z.infer<typeof outboxPageSchema>;
