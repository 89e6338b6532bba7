import type { PublicIntakeFigures } from '@openline/core';
import { request } from './client';

export type { PublicIntakeFigures } from '@openline/core';

/** GET /api/v1/admin/public-intake (ADR 0032). */
export function fetchPublicIntakeFigures(signal?: AbortSignal): Promise<PublicIntakeFigures> {
  return request<PublicIntakeFigures>('GET', '/api/v1/admin/public-intake', { signal });
}
