import type {
  CaseDetail,
  ExtensionRequestPage,
  SupervisionNotice,
  SupervisionNoticePage,
  SupervisionOrder,
  SupervisionOrderPage,
  SupervisorQueues,
} from '@openline/core';
import { request, withQuery } from './client';

/* Supervision notices (督办单) raised when a deadline passes. Answers are core's API schemas (ADR 0042). */

export type { ExtensionRequest, SupervisionNotice, SupervisionOrder, SupervisorQueues } from '@openline/core';

export function listNotices(
  query: { open?: boolean; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<SupervisionNoticePage> {
  return request('GET', withQuery('/api/v1/supervision/notices', query), { signal });
}

export function acknowledgeNotice(id: string): Promise<SupervisionNotice> {
  return request<SupervisionNotice>('POST', `/api/v1/supervision/notices/${encodeURIComponent(id)}/acknowledge`, { body: {} });
}

/* Supervision that acts (issue 12 §1): orders (督办单), urging, the supervisor's queues. */

export type NoticeTier = SupervisionNotice['tier'];
export type OrderStatus = SupervisionOrder['status'];

export function listOrders(
  query: { status?: OrderStatus; caseId?: string; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<SupervisionOrderPage> {
  return request('GET', withQuery('/api/v1/supervision/orders', query), { signal });
}

export function issueOrder(caseId: string, body: { instruction: string; replyWorkingDays: number }): Promise<SupervisionOrder> {
  return request('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/supervision-orders`, { body });
}

export function answerOrder(id: string, body: { text: string }): Promise<SupervisionOrder> {
  return request('POST', `/api/v1/supervision/orders/${encodeURIComponent(id)}/answer`, { body });
}

export function closeOrder(id: string, body: { note?: string }): Promise<SupervisionOrder> {
  return request('POST', `/api/v1/supervision/orders/${encodeURIComponent(id)}/close`, { body });
}

export function urgeCase(caseId: string, body: { note: string }): Promise<CaseDetail> {
  return request('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/urge`, { body });
}

export function fetchQueues(signal?: AbortSignal): Promise<SupervisorQueues> {
  return request('GET', '/api/v1/supervision/queues', { signal });
}

export function listExtensions(query: { page: number; pageSize: number }, signal?: AbortSignal): Promise<ExtensionRequestPage> {
  return request('GET', withQuery('/api/v1/supervision/extensions', query), { signal });
}
