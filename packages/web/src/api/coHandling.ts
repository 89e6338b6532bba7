import type { CoHandlingInput, CoHandlingView } from '@openline/core';
import { request } from './client';

/* Co-handling units (协办) and their part of a case (issue 12 §7); shapes from core. */

export const coHandlingKey = (caseId: string) => ['cases', caseId, 'co-handling'] as const;

export function getCoHandling(caseId: string, signal?: AbortSignal): Promise<CoHandlingView> {
  return request('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/co-handling`, { signal });
}

export function recordCoHandling(caseId: string, input: CoHandlingInput): Promise<CoHandlingView> {
  return request('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/co-handling`, { body: input });
}
