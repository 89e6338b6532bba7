import { request } from './client';

/* The SMS petition line's incomplete petitions (issue 11 §1): operators see, reveal and complete them. */

export const PETITION_FIELDS = ['unit', 'name', 'address', 'idNumber', 'demand'] as const;
export type PetitionField = (typeof PETITION_FIELDS)[number];
export const PETITION_STATUSES = ['pending', 'opened', 'expired'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export interface PetitionProblem {
  field: PetitionField;
  reason: 'checksum' | 'format' | 'birthdate';
}

export interface PetitionSummary {
  id: string;
  status: PetitionStatus;
  line: { id: string; name: string; number: string };
  /** Masked; null for a sender this viewer may not know. */
  from: string | null;
  unit: { id: string; name: string } | null;
  missing: PetitionField[];
  invalid: PetitionProblem[];
  parts: number;
  receivedAt: string;
  updatedAt: string;
  expiresAt: string;
  caseId: string | null;
  caseNumber: string | null;
}

export interface PetitionDetail extends PetitionSummary {
  /** The messages, redacted. */
  text: string;
  name: string | null;
  address: string | null;
  idNumber: string | null;
  demand: string | null;
}

export interface RevealedPetition {
  from: string | null;
  name: string | null;
  address: string | null;
  idNumber: string | null;
  demand: string | null;
  text: string;
}

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

export function listPetitions(status: PetitionStatus, signal?: AbortSignal): Promise<{ items: PetitionSummary[] }> {
  return request('GET', `/api/v1/petitions?status=${status}`, { signal });
}

export function getPetition(id: string, signal?: AbortSignal): Promise<PetitionDetail> {
  return request('GET', `/api/v1/petitions/${encodeURIComponent(id)}`, { signal });
}

export function revealPetition(id: string, reason: string): Promise<RevealedPetition> {
  return request('POST', `/api/v1/petitions/${encodeURIComponent(id)}/reveal`, { body: { reason } });
}

export function completePetition(id: string, input: CompletePetition): Promise<{ id: string; outcome: string; caseId: string | null; caseNumber: string | null }> {
  return request('POST', `/api/v1/petitions/${encodeURIComponent(id)}/complete`, { body: input });
}
