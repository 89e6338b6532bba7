import { request, withQuery } from './client';

/* Supervision notices (督办单) raised when a deadline passes. */

export interface SupervisionNotice {
  id: string;
  caseId: string;
  caseNumber: string;
  unitId: string | null;
  unitName: string | null;
  kind: string;
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
