import type { CallbackAttemptResult, CallbackOutcome, CallbackReason } from '@openline/core';
import { request } from './client';
import type { LineMode } from './lines';

/** A callback task 回电任务 as GET /api/v1/callbacks answers it (issue 10 §5). */
export interface CallbackTask {
  id: string;
  lineId: string;
  lineName: string;
  lineNumber: string;
  lineMode: LineMode;
  ownerName: string | null;
  unitId: string | null;
  unitName: string | null;
  /** Masked: 138****5678. */
  callerPhone: string;
  status: 'open' | 'closed';
  reason: CallbackReason;
  firstCallAt: string;
  lastCallAt: string;
  callCount: number;
  hasVoicemail: boolean;
  voicemailUrl: string | null;
  dueAt: string;
  deadlineClock: 'line' | 'working';
  overdue: boolean;
  escalatedAt: string | null;
  firstAttemptAt: string | null;
  failedTries: number;
  outcome: CallbackOutcome | null;
  caseId: string | null;
  caseNumber: string | null;
  closedAt: string | null;
  closedByName: string | null;
  mayWork: boolean;
}

export interface CallbackDetail extends CallbackTask {
  calls: Array<{ id: string; offeredAt: string; outcome: string | null; waitSeconds: number | null }>;
  attempts: Array<{ id: string; result: CallbackAttemptResult; note: string | null; createdAt: string; byName: string }>;
}

export interface CallbackQueue {
  items: CallbackTask[];
  total: number;
  counts: { open: number; overdue: number; closedToday: number };
}

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
  return request('GET', `/api/v1/callbacks?${q.toString()}`, { signal });
}

export function getCallback(id: string, signal?: AbortSignal): Promise<CallbackDetail> {
  return request('GET', `/api/v1/callbacks/${encodeURIComponent(id)}`, { signal });
}

export function recordAttempt(id: string, body: { result: CallbackAttemptResult; note?: string }): Promise<CallbackDetail> {
  return request('POST', `/api/v1/callbacks/${encodeURIComponent(id)}/attempts`, { body });
}

export function closeAsCase(id: string, caseId: string): Promise<CallbackDetail> {
  return request('POST', `/api/v1/callbacks/${encodeURIComponent(id)}/case`, { body: { caseId } });
}

export function revealCallbackCaller(id: string): Promise<{ callerPhone: string }> {
  return request('POST', `/api/v1/callbacks/${encodeURIComponent(id)}/reveal`, { body: {} });
}

/** One of the signed-in official's own lines (GET /api/v1/me/lines). */
export interface MyLine {
  id: string;
  name: string;
  number: string;
  mode: LineMode;
  openNow: boolean;
  nextOpensAt: string | null;
  afterHoursNumber: string | null;
  today: { offered: number; answered: number; missed: number };
  last24h: {
    offered: number;
    answered: number;
    missed: number;
    callbacksWithin1h: number;
    answerRate: number | null;
    answeredWithin15sRate: number | null;
    cold: boolean;
  };
  callbacks: { open: number; overdue: number };
}

export function listMyLines(signal?: AbortSignal): Promise<{ items: MyLine[] }> {
  return request('GET', '/api/v1/me/lines', { signal });
}

export interface CallbackSettings {
  afterHoursNumber: string | null;
  callbackUnitId: string | null;
  withinMinutes: number;
  maxTries: number;
}

export function getCallbackSettings(lineId: string, signal?: AbortSignal): Promise<CallbackSettings> {
  return request('GET', `/api/v1/admin/lines/${encodeURIComponent(lineId)}/callback-settings`, { signal });
}

export function putCallbackSettings(lineId: string, body: CallbackSettings): Promise<CallbackSettings> {
  return request('PUT', `/api/v1/admin/lines/${encodeURIComponent(lineId)}/callback-settings`, { body });
}

/** Query keys, so a write can invalidate exactly what it changed. */
export const callbackKeys = {
  all: ['callbacks'] as const,
  list: (filter: CallbackFilter) => ['callbacks', 'list', filter] as const,
  detail: (id: string) => ['callbacks', 'detail', id] as const,
  myLines: ['callbacks', 'my-lines'] as const,
  settings: (lineId: string) => ['callbacks', 'settings', lineId] as const,
};
