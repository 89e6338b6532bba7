import type { CallbackAttemptResult, CallbackCaller, CallbackDetail, CallbackQueue, CallbackSettings, MyLineList } from '@openline/core';
import { request } from './client';

/* Callback tasks 回电任务 (issue 10 §5), an official's own lines, a line's after-hours settings. Answers are core's API schemas (ADR 0042). */

export type { CallbackDetail, CallbackSettings, CallbackTask, MyLine } from '@openline/core';

export interface CallbackFilter {
  status?: 'open' | 'closed';
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export function listCallbacks(filter: CallbackFilter, signal?: AbortSignal): Promise<CallbackQueue> {
  const q = new URLSearchParams({ page: String(filter.page), pageSize: String(filter.pageSize) });
  if (filter.status) q.set('status', filter.status);
  if (filter.overdue) q.set('overdue', 'true');
  return request<CallbackQueue>('GET', `/api/v1/callbacks?${q.toString()}`, { signal });
}

export function getCallback(id: string, signal?: AbortSignal): Promise<CallbackDetail> {
  return request<CallbackDetail>('GET', `/api/v1/callbacks/${encodeURIComponent(id)}`, { signal });
}

export function recordAttempt(id: string, body: { result: CallbackAttemptResult; note?: string }): Promise<CallbackDetail> {
  return request<CallbackDetail>('POST', `/api/v1/callbacks/${encodeURIComponent(id)}/attempts`, { body });
}

export function closeAsCase(id: string, caseId: string): Promise<CallbackDetail> {
  return request<CallbackDetail>('POST', `/api/v1/callbacks/${encodeURIComponent(id)}/case`, { body: { caseId } });
}

export function revealCallbackCaller(id: string): Promise<CallbackCaller> {
  return request<CallbackCaller>('POST', `/api/v1/callbacks/${encodeURIComponent(id)}/reveal`, { body: {} });
}

export function listMyLines(signal?: AbortSignal): Promise<MyLineList> {
  return request<MyLineList>('GET', '/api/v1/me/lines', { signal });
}

export function getCallbackSettings(lineId: string, signal?: AbortSignal): Promise<CallbackSettings> {
  return request<CallbackSettings>('GET', `/api/v1/admin/lines/${encodeURIComponent(lineId)}/callback-settings`, { signal });
}

export function putCallbackSettings(lineId: string, body: CallbackSettings): Promise<CallbackSettings> {
  return request<CallbackSettings>('PUT', `/api/v1/admin/lines/${encodeURIComponent(lineId)}/callback-settings`, { body });
}

/** Query keys, so a write can invalidate exactly what it changed. */
export const callbackKeys = {
  all: ['callbacks'] as const,
  list: (filter: CallbackFilter) => ['callbacks', 'list', filter] as const,
  detail: (id: string) => ['callbacks', 'detail', id] as const,
  myLines: ['callbacks', 'my-lines'] as const,
  settings: (lineId: string) => ['callbacks', 'settings', lineId] as const,
};
