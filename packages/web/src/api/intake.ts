import type { IntakeCheckResult, IntakeSuggestion, UrgencySuggestion } from '@openline/core';
import { request } from './client';

/* Intake assistance while the operator types: urgency, routing, repeats, and attaching a repeat contact. Answers are core's (ADR 0042). */

export type {
  DuplicateCandidate, IntakeCheckResult as IntakeCheck, IntakeSuggestion, SuggestedCategory as CategorySuggestion, UnitSuggestion, UrgencySuggestion, VulnerabilitySuggestion,
} from '@openline/core';
export type SuggestedLevel = UrgencySuggestion['level'];

export function suggestIntake(content: string, signal?: AbortSignal): Promise<IntakeSuggestion> {
  return request<IntakeSuggestion>('POST', '/api/v1/intake/suggest', { body: { content }, signal });
}

export interface IntakeCheckRequest {
  content: string;
  callerPhone?: string;
  address?: string;
}

export function checkIntake(input: IntakeCheckRequest, signal?: AbortSignal): Promise<IntakeCheckResult> {
  return request<IntakeCheckResult>('POST', '/api/v1/intake/check', { body: input, signal });
}

export interface RepeatContactRequest {
  channel: string;
  callerPhone: string;
  callerName?: string;
  content: string;
}

export function attachContact(caseId: string, input: RepeatContactRequest): Promise<{ contactId: string; caseNumber: string; status: string }> {
  return request('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/contacts`, { body: input });
}
