import type { CompletedPetition, PetitionDetail, PetitionList, PetitionStatus, RevealedPetition } from '@openline/core';
import { request } from './client';

/* The SMS petition line's incomplete petitions (issue 11 §1): operators see, reveal and complete them. Answers are core's (ADR 0042). */

export { PETITION_FIELDS, PETITION_STATUSES } from '@openline/core';
export type { PetitionDetail, PetitionField, PetitionProblem, PetitionStatus, PetitionSummary, RevealedPetition } from '@openline/core';

export interface CompletePetition {
  unitId?: string;
  name?: string;
  address?: string;
  idNumber?: string;
  demand?: string;
}

export const petitionKeys = {
  all: ['petitions'] as const,
  list: (status: PetitionStatus) => ['petitions', 'list', status] as const,
  detail: (id: string) => ['petitions', 'detail', id] as const,
};

export function listPetitions(status: PetitionStatus, signal?: AbortSignal): Promise<PetitionList> {
  return request('GET', `/api/v1/petitions?status=${status}`, { signal });
}

export function getPetition(id: string, signal?: AbortSignal): Promise<PetitionDetail> {
  return request('GET', `/api/v1/petitions/${encodeURIComponent(id)}`, { signal });
}

export function revealPetition(id: string, reason: string): Promise<RevealedPetition> {
  return request('POST', `/api/v1/petitions/${encodeURIComponent(id)}/reveal`, { body: { reason } });
}

export function completePetition(id: string, input: CompletePetition): Promise<CompletedPetition> {
  return request('POST', `/api/v1/petitions/${encodeURIComponent(id)}/complete`, { body: input });
}
