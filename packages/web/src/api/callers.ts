import { request } from './client';

/** A caller's history as `GET /api/v1/callers/history` answers it (masked; issue 10 §2). */
export interface CallerHistoryCase {
  caseId: string;
  caseNumber: string;
  status: string;
  type: string;
  summary: string;
  lineName: string | null;
  createdAt: string;
}

export interface CallerHistory {
  callerName: string | null;
  openCases: CallerHistoryCase[];
  closedCases: CallerHistoryCase[];
  recentContacts: Array<{ contactId: string; caseId: string | null; caseNumber: string | null; channel: string; outcome: string; receivedAt: string }>;
  contactsLast30Days: number;
  callsLast30Days: number;
  unansweredCallsLast30Days: number;
  frequentCaller: boolean;
  vulnerabilities: string[];
}

/** The live event `call.offered`: a call ringing on a line this person answers. */
export interface OfferedCall {
  callId: string;
  lineId: string;
  lineName: string;
  lineNumber: string;
  lineMode: string;
  callerPhone: string | null;
  offeredAt: string;
  history: CallerHistory | null;
}

/** What the new-case form needs from a call taken on screen. */
export interface TakenCall {
  callId: string;
  callerPhone: string | null;
  lineId: string | null;
  channel: 'phone';
  caseId: string | null;
}

export function getCallerHistory(phone: string, signal?: AbortSignal): Promise<CallerHistory> {
  return request<CallerHistory>('GET', `/api/v1/callers/history?phone=${encodeURIComponent(phone)}`, { signal });
}

export function takeCall(callId: string): Promise<TakenCall> {
  return request<TakenCall>('POST', `/api/v1/calls/${encodeURIComponent(callId)}/take`);
}

export function linkCallToCase(callId: string, caseId: string): Promise<{ callId: string; caseId: string }> {
  return request('PUT', `/api/v1/calls/${encodeURIComponent(callId)}/case`, { body: { caseId } });
}
