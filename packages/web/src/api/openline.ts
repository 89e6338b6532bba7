import type { Satisfaction, SessionAnswer, SessionUserView } from '@openline/core';
import { request } from './client';

/* Sign-in and the citizen's own endpoints. Staff areas have modules of their own (cases, org, …). */

/** A case to track; `merged`: the same problem at the same building is handled with an earlier case. */
export interface NewAppealReceipt {
  outcome: 'opened' | 'merged';
  caseNumber: string;
  trackingCode: string;
}

/**
 * Added to an open case about the same problem from this phone number: a tracking code of its
 * own, and no case number (the phone does not prove the case is the sender's).
 */
export interface AttachedAppealReceipt {
  outcome: 'attached';
  trackingCode: string;
}

/**
 * Accepted durably and processed moments later (ADR 0032): the case number appears on the
 * tracking page, not here. What the server answers today; the other shapes are older servers'.
 */
export interface ReceivedAppealReceipt {
  outcome: 'received';
  trackingCode: string;
}

export type AppealReceipt = NewAppealReceipt | AttachedAppealReceipt | ReceivedAppealReceipt;

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

export interface AppealProgress {
  /** Null for an appeal added to an open case: that case's number is not disclosed. */
  caseNumber: string | null;
  /** A case status code; unknown codes are displayed verbatim (see i18n/labels.ts). */
  status: string;
  createdAt: string;
  // Newer servers add the fields below; the page shows what it gets.
  replyText?: string | null;
  repliedAt?: string | null;
  /** The public part of the case history: event types and times only, no names or notes. */
  timeline?: { type: string; at: string }[];
  canRate?: boolean;
  rating?: Pick<AppealRating, 'solved' | 'satisfaction'> | null;
  /** Photos and proof of work: the ones staff made public, and this code's own photos. */
  attachments?: PublicAttachment[];
}

export interface PublicAttachment {
  id: string;
  kind: string;
  contentType: string;
  hasThumbnail: boolean;
  /** Sent with this tracking code. */
  own: boolean;
  createdAt: string;
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
