import type { CallerHistory, CallLink, TakenCall } from '@openline/core';
import { request } from './client';

// The shapes are core's (telephony/caller-history.ts), shared with the server.
export type { CallerHistory, CallerHistoryCase, OfferedCall, TakenCall } from '@openline/core';

export function getCallerHistory(phone: string, signal?: AbortSignal): Promise<CallerHistory> {
  return request<CallerHistory>('GET', `/api/v1/callers/history?phone=${encodeURIComponent(phone)}`, { signal });
}

export function takeCall(callId: string): Promise<TakenCall> {
  return request<TakenCall>('POST', `/api/v1/calls/${encodeURIComponent(callId)}/take`);
}

export function linkCallToCase(callId: string, caseId: string): Promise<CallLink> {
  return request<CallLink>('PUT', `/api/v1/calls/${encodeURIComponent(callId)}/case`, { body: { caseId } });
}
