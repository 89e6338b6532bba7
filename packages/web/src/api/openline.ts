import type { AppealReceipt, Satisfaction, SessionAnswer, SessionUserView, TrackedAppeal } from '@openline/core';
import { request } from './client';

/* Sign-in and the citizen's own endpoints. Staff areas have modules of their own (cases, org, …). */

/**
 * Accepted durably and processed moments later (ADR 0032): the case number appears on the
 * tracking page, not here. Shapes of the citizen's answers are core's (ADR 0042).
 */
export type { AppealReceipt, PublicAttachment } from '@openline/core';
/** The tracking page: status, reply, public history, rating and photos. */
export type AppealProgress = TrackedAppeal;

export interface PublicAppealRequest {
  name: string;
  phone: string;
  content: string;
  address?: string;
  /** After the server's emergency advice (422 EMERGENCY_REDIRECT): the citizen says it is not one. */
  confirmNotEmergency?: boolean;
  /** The citizen's own choice of category (optional). */
  categoryId?: string;
}

export interface AppealRating {
  solved: boolean;
  satisfaction: Satisfaction;
  comment?: string;
}

/** The signed-in user (core's API schema, ADR 0042). */
export type StaffUser = SessionUserView;

export function submitPublicAppeal(input: PublicAppealRequest, signal?: AbortSignal): Promise<AppealReceipt> {
  return request<AppealReceipt>('POST', '/api/v1/public/appeals', { body: input, signal });
}

export function fetchAppealProgress(trackingCode: string, signal?: AbortSignal): Promise<AppealProgress> {
  return request<AppealProgress>('GET', `/api/v1/public/appeals/${encodeURIComponent(trackingCode)}`, { signal });
}

export async function login(username: string, password: string): Promise<StaffUser> {
  const { user } = await request<SessionAnswer>('POST', '/api/v1/auth/login', { body: { username, password } });
  return user;
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/api/v1/auth/logout', { body: {} });
}

export async function fetchCurrentUser(signal?: AbortSignal): Promise<StaffUser> {
  const { user } = await request<SessionAnswer>('GET', '/api/v1/me', { signal });
  return user;
}

export function rateAppeal(trackingCode: string, rating: AppealRating): Promise<AppealProgress> {
  return request<AppealProgress>('POST', `/api/v1/public/appeals/${encodeURIComponent(trackingCode)}/rating`, { body: rating });
}
