import { request } from './client';

/* Typed calls to the Openline API, one function per endpoint. Shapes mirror the server's presenters. */

export interface AppealReceipt {
  caseNumber: string;
  trackingCode: string;
}

export interface PublicAppealRequest {
  name: string;
  phone: string;
  content: string;
  address?: string;
}

export interface AppealProgress {
  caseNumber: string;
  /** A case status code; unknown codes are displayed verbatim (see i18n/labels.ts). */
  status: string;
  createdAt: string;
}

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnitId: string;
  orgUnitName: string;
}

/** One row of the case list. Caller details arrive masked by the server, never in clear. */
export interface CaseSummary {
  id: string;
  caseNumber: string;
  status: string;
  channel: string;
  type: string;
  urgency: string;
  contentPreview: string;
  callerName: string;
  callerPhone: string;
  address: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function submitPublicAppeal(input: PublicAppealRequest, signal?: AbortSignal): Promise<AppealReceipt> {
  return request<AppealReceipt>('POST', '/api/v1/public/appeals', { body: input, signal });
}

export function fetchAppealProgress(trackingCode: string, signal?: AbortSignal): Promise<AppealProgress> {
  return request<AppealProgress>('GET', `/api/v1/public/appeals/${encodeURIComponent(trackingCode)}`, { signal });
}

export async function login(username: string, password: string): Promise<StaffUser> {
  const { user } = await request<{ user: StaffUser }>('POST', '/api/v1/auth/login', { body: { username, password } });
  return user;
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/api/v1/auth/logout', { body: {} });
}

export async function fetchCurrentUser(signal?: AbortSignal): Promise<StaffUser> {
  const { user } = await request<{ user: StaffUser }>('GET', '/api/v1/me', { signal });
  return user;
}

export function listCases(query: { page: number; pageSize: number }, signal?: AbortSignal): Promise<Page<CaseSummary>> {
  const params = new URLSearchParams({ page: String(query.page), pageSize: String(query.pageSize) });
  return request<Page<CaseSummary>>('GET', `/api/v1/cases?${params}`, { signal });
}
