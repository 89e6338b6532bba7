import type { CaseInstructions, DeskSummary, Follow, InstructionView, OperatorQueueCounts } from '@openline/core';
import { request } from './client';

/* The official's desk and the operators' queues (issue 12 §2–3). Answers are core's API schemas (ADR 0042). */

export type { CaseInstructions, DeskSummary, OwnLine } from '@openline/core';

export type Instruction = InstructionView;

export const deskKeys = {
  summary: ['desk'] as const,
  queues: ['cases', 'queues'] as const,
  instructions: (caseId: string) => ['cases', caseId, 'instructions'] as const,
  follow: (caseId: string) => ['cases', caseId, 'follow'] as const,
};

export function getDesk(signal?: AbortSignal): Promise<DeskSummary> {
  return request('GET', '/api/v1/desk', { signal });
}

export function getQueueCounts(signal?: AbortSignal): Promise<OperatorQueueCounts> {
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

export function getFollowing(caseId: string, signal?: AbortSignal): Promise<Follow> {
  return request('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/follow`, { signal });
}

export function setFollowing(caseId: string, following: boolean): Promise<Follow> {
  return request('PUT', `/api/v1/cases/${encodeURIComponent(caseId)}/follow`, { body: { following } });
}
