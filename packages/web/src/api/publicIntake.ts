import { request } from './client';

/** GET /api/v1/admin/public-intake (ADR 0032). */
export interface PublicIntakeFigures {
  accepted: number;
  processed: number;
  backlog: number;
  failed: number;
  oldestAcceptedAt: string | null;
  lagSeconds: number;
  processedLastHour: number;
}

export function fetchPublicIntakeFigures(signal?: AbortSignal): Promise<PublicIntakeFigures> {
  return request<PublicIntakeFigures>('GET', '/api/v1/admin/public-intake', { signal });
}
