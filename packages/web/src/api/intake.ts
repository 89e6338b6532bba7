import { request } from './client';

/* Intake assistance while the operator types: urgency, routing, repeats, and attaching a repeat contact. */

export type SuggestedLevel = 'normal' | 'urgent' | 'emergency';

export interface UrgencyMatch {
  rule: string;
  category: string;
  level: string;
  /** [start, end) in the content sent. */
  span: [number, number];
  term: string;
}

export interface UrgencySuggestion {
  level: SuggestedLevel;
  utilitiesOutage: boolean;
  /** Emergencies: the number the caller must ring instead (110, 119, 120…). */
  redirect?: { number: string; reason: string; category: string };
  matches: UrgencyMatch[];
}

export interface UnitSuggestion {
  unitId: string;
  unitName: string | null;
  /** 0…1. */
  probability: number;
}

export interface VulnerabilityMatch {
  flag: string;
  /** [start, end) in the content sent. */
  span: [number, number];
  /** The word that raised the flag (独居老人, 82岁). */
  term: string;
}

/** Flags the text suggests: hints for the operator, never stored unless ticked. */
export interface VulnerabilitySuggestion {
  flags: string[];
  matches: VulnerabilityMatch[];
}

export interface IntakeSuggestion {
  urgency: UrgencySuggestion;
  /** Absent from servers older than the flags. */
  vulnerability?: VulnerabilitySuggestion;
  /** null until a routing model has been trained on the jurisdiction's history. */
  /** 'model': calibrated probabilities; 'keywords': an admin's cold-start rules (shares of matched keywords). */
  routing: { source: 'model' | 'keywords'; modelVersion: number | null; suggestions: UnitSuggestion[] } | null;
  /** Likeliest categories by their keywords (shares, not probabilities); absent from older servers. */
  categories?: CategorySuggestion[];
}

export interface CategorySuggestion {
  categoryId: string;
  code: string;
  name: string;
  share: number;
  matched: string[];
}

export function suggestIntake(content: string, signal?: AbortSignal): Promise<IntakeSuggestion> {
  return request<IntakeSuggestion>('POST', '/api/v1/intake/suggest', { body: { content }, signal });
}

export interface DuplicateCandidate {
  caseId: string;
  caseNumber: string;
  status: string;
  /** 0…1. */
  similarity: number;
  createdAt: string;
}

export interface IntakeCheck {
  /** Open cases from the same caller about the same thing. */
  repeats: DuplicateCandidate[];
  /** The caller's other open cases (last 90 days), worded too differently to be called repeats. */
  callerOpen: DuplicateCandidate[];
  /** Other callers' cases about the same incident. */
  sameIncident: (DuplicateCandidate & { reason: string })[];
}

export interface IntakeCheckRequest {
  content: string;
  callerPhone?: string;
  address?: string;
}

export function checkIntake(input: IntakeCheckRequest, signal?: AbortSignal): Promise<IntakeCheck> {
  return request<IntakeCheck>('POST', '/api/v1/intake/check', { body: input, signal });
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
