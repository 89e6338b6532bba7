import { request, withQuery } from './client';

/* Read-only records for administrators: the message outbox and the audit log. */

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

export interface OutboxMessage {
  id: string;
  caseId: string | null;
  channel: string;
  /** Masked by the server. */
  recipient: string;
  template: string;
  body: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  provider: string | null;
  createdAt: string;
  sentAt: string | null;
}

export function listOutbox(
  query: { status?: string; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<{ items: OutboxMessage[]; total: number }> {
  return request('GET', withQuery('/api/v1/admin/outbox', query), { signal });
}

export interface AuditEntry {
  id: string | number;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
  createdAt: string;
}

export interface AuditQuery {
  action?: string;
  actorUserId?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<{ items: AuditEntry[]; total: number }> {
  return request('GET', withQuery('/api/v1/admin/audit', { ...query }), { signal });
}
