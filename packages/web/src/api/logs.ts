import type { AuditPage, OutboxPage } from '@openline/core';
import { request, withQuery } from './client';

/* Read-only records for administrators: the message outbox and the audit log. Shapes are core's (ADR 0042). */

export type { OutboxMessage } from '@openline/core';
export type AuditEntry = AuditPage['items'][number];

// Kept here rather than imported from core: core's module also builds the outbox's zod schema.
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const satisfies ReadonlyArray<OutboxPage['items'][number]['status']>;

export function listOutbox(query: { status?: string; page: number; pageSize: number }, signal?: AbortSignal): Promise<OutboxPage> {
  return request<OutboxPage>('GET', withQuery('/api/v1/admin/outbox', query), { signal });
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

export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  return request<AuditPage>('GET', withQuery('/api/v1/admin/audit', { ...query }), { signal });
}
