import type { OperatorQueue } from '@openline/core';
import { request } from './client';

/* The official's desk and the operators' queues (issue 12 §2–3). Shapes mirror modules/desk/routes.ts. */

export interface OwnLine {
  id: string;
  name: string;
  number: string;
  ownerTitle: string;
  mode: string;
}

export interface DeskSummary {
  lines: OwnLine[];
  /** Instructions this official gave that still wait for the unit's answer. */
  openInstructions: number;
}

export interface Instruction {
  id: string;
  text: string;
  authorName: string;
  /** The unit asked to answer. */
  unitName: string;
  createdAt: string;
  answeredAt: string | null;
  answeredByName: string | null;
  answerText: string | null;
}

export interface CaseInstructions {
  items: Instruction[];
  mayInstruct: boolean;
  mayAnswer: boolean;
}

export const deskKeys = {
  summary: ['desk'] as const,
  queues: ['cases', 'queues'] as const,
  instructions: (caseId: string) => ['cases', caseId, 'instructions'] as const,
  follow: (caseId: string) => ['cases', caseId, 'follow'] as const,
};

export function getDesk(signal?: AbortSignal): Promise<DeskSummary> {
  return request('GET', '/api/v1/desk', { signal });
}

export function getQueueCounts(signal?: AbortSignal): Promise<Record<OperatorQueue, number>> {
  return request('GET', '/api/v1/cases/queues', { signal });
}

export function getInstructions(caseId: string, signal?: AbortSignal): Promise<CaseInstructions> {
  return request('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/instructions`, { signal });
}

export function giveInstruction(caseId: string, text: string): Promise<Instruction> {
  return request('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/instructions`, { body: { text } });
}

export function answerInstruction(caseId: string, instructionId: string, text: string): Promise<Instruction> {
  return request('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/instructions/${encodeURIComponent(instructionId)}/answer`, { body: { text } });
}

export function getFollowing(caseId: string, signal?: AbortSignal): Promise<{ following: boolean }> {
  return request('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/follow`, { signal });
}

export function setFollowing(caseId: string, following: boolean): Promise<{ following: boolean }> {
  return request('PUT', `/api/v1/cases/${encodeURIComponent(caseId)}/follow`, { body: { following } });
}
