import type { HeldSmsList, HeldSmsProcessed, RateLimitsAnswer, RateLimitSettings } from '@openline/core';
import { request } from './client';

/* Rate limits (ADR 0007) and the SMS held because a sender was over theirs. */

export type { RateLimitsAnswer } from '@openline/core';

export function fetchRateLimits(signal?: AbortSignal): Promise<RateLimitsAnswer> {
  return request<RateLimitsAnswer>('GET', '/api/v1/admin/rate-limits', { signal });
}

export function saveRateLimits(limits: RateLimitSettings): Promise<RateLimitsAnswer> {
  return request<RateLimitsAnswer>('PUT', '/api/v1/admin/rate-limits', { body: { limits } });
}

export type { HeldSms } from '@openline/core';

export function listHeldSms(signal?: AbortSignal): Promise<HeldSmsList> {
  return request<HeldSmsList>('GET', '/api/v1/sms/held', { signal });
}

export function processHeldSms(messageId: string): Promise<HeldSmsProcessed> {
  return request('POST', `/api/v1/sms/held/${encodeURIComponent(messageId)}/process`, { body: {} });
}

export function dismissHeldSms(messageId: string, reason: string): Promise<void> {
  return request('POST', `/api/v1/sms/held/${encodeURIComponent(messageId)}/dismiss`, { body: { reason } });
}
