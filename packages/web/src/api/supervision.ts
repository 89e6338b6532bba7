import { request, withQuery } from './client';

/* Supervision notices (督办单) raised when a deadline passes. */

export interface SupervisionNotice {
  id: string;
  caseId: string;
  caseNumber: string;
  unitId: string | null;
  unitName: string | null;
  kind: string;
  tier: NoticeTier;
  /** The person asking may sign for it (only the addressed unit may). */
  canAcknowledge: boolean;
  message: string;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
}

export function listNotices(
  query: { open?: boolean; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<{ items: SupervisionNotice[]; total: number }> {
  return request('GET', withQuery('/api/v1/supervision/notices', query), { signal });
}

export function acknowledgeNotice(id: string): Promise<SupervisionNotice> {
  return request<SupervisionNotice>('POST', `/api/v1/supervision/notices/${encodeURIComponent(id)}/acknowledge`, { body: {} });
}

/* Supervision that acts (issue 12 §1): orders (督办单), urging, the supervisor's queues. */

export type NoticeTier = 'unit' | 'leadership' | 'city';
export type OrderStatus = 'open' | 'answered' | 'closed';

export interface SupervisionOrder {
  id: string;
  caseId: string;
  caseNumber: string;
  unitId: string;
  unitName: string;
  status: OrderStatus;
  instruction: string;
  issuedByName: string | null;
  issuedAt: string;
  dueAt: string;
  answerText: string | null;
  answeredByName: string | null;
  answeredAt: string | null;
  closeNote: string | null;
  closedByName: string | null;
  closedAt: string | null;
  overdue: boolean;
  canAnswer: boolean;
  canClose: boolean;
}

export interface SupervisorQueues {
  extensions: number;
  arbitrations: number;
  overdue: number;
  overdueByUnit: Array<{ unitId: string; unitName: string; cases: number }>;
  noticesAwaitingReply: number;
  ordersAwaitingReply: number;
  ordersToClose: number;
}

export interface ExtensionRequest {
  caseId: string;
  caseNumber: string;
  type: string;
  urgency: string;
  leadUnitId: string | null;
  leadUnitName: string | null;
  workingDays: number;
  reason: string | null;
  requestedAt: string | null;
  resolveDueAt: string | null;
}

export function listOrders(
  query: { status?: OrderStatus; caseId?: string; page: number; pageSize: number },
  signal?: AbortSignal,
): Promise<{ items: SupervisionOrder[]; total: number }> {
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

export function urgeCase(caseId: string, body: { note: string }): Promise<unknown> {
  return request('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/urge`, { body });
}

export function fetchQueues(signal?: AbortSignal): Promise<SupervisorQueues> {
  return request('GET', '/api/v1/supervision/queues', { signal });
}

export function listExtensions(query: { page: number; pageSize: number }, signal?: AbortSignal): Promise<{ items: ExtensionRequest[]; total: number }> {
  return request('GET', withQuery('/api/v1/supervision/extensions', query), { signal });
}
