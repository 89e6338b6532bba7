import type { ActionInput, ActionType, DeadlineKind } from '@openline/core';
import { request, withQuery } from './client';

/* Cases: list, intake, detail, lifecycle actions and the audited reveal. Shapes mirror the server's presenters. */

export interface NextDeadline {
  kind: DeadlineKind;
  dueAt: string;
  overdue: boolean;
}

/** One row of the case list. Caller details arrive masked by the server, never in clear. */
export interface CaseSummary {
  id: string;
  caseNumber: string;
  status: string;
  channel: string;
  type: string;
  urgency: string;
  contentPreview: string;
  callerName: string | null;
  callerPhone: string | null;
  address: string | null;
  createdAt: string;
  // Newer servers add these; older ones leave them out, and the screens cope.
  /** A protected tip-line reporter withheld from this user: caller, phone and address are null. */
  callerProtected?: boolean;
  leadUnitName?: string | null;
  /** The published line it came in on. */
  lineName?: string | null;
  bounceCount?: number;
  awaitingArbitration?: boolean;
  nextDeadline?: NextDeadline | null;
  /** 诉求分类; absent from servers older than categories. */
  categoryId?: string | null;
  categoryName?: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** The case list's count stops at a cap (ADR 0039): true means "more than total". */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface CaseListParams {
  page: number;
  pageSize: number;
  statuses?: readonly string[];
  unitId?: string;
  overdue?: boolean;
  awaitingArbitration?: boolean;
  q?: string;
  /** A caller's number in any usual spelling: the cases they opened or called again about. */
  phone?: string;
  from?: string;
  to?: string;
  /** queue: priority, then the nearest deadline, then the oldest. */
  sort?: 'created' | 'deadline' | 'priority' | 'queue';
  /** Drill-down from a figure (see lib/figureFilter.ts); the server's names. */
  fact?: string;
  factFrom?: string;
  factTo?: string;
  factUnitId?: string;
  factSubtree?: boolean;
  lineId?: string;
  type?: string;
  channel?: string;
  /** 诉求分类 with its sub-categories. */
  categoryId?: string;
  urgency?: string;
  /** P0 … P4 (core PRIORITY_BAND_CODES). */
  priorityBand?: string;
  /** The caller's exact full name: matched through its blind index, never by decrypting (ADR 0027). */
  callerName?: string;
  /** Cases on the signed-in official's own published lines. */
  ownLines?: boolean;
  /** Cases the signed-in user follows (关注). */
  followed?: boolean;
  /** Cases with an instruction (批示) not yet answered. */
  openInstruction?: boolean;
  /** An operator queue (core OPERATOR_QUEUES). */
  queue?: string;
}

export function listCases(query: CaseListParams, signal?: AbortSignal): Promise<Page<CaseSummary>> {
  const { statuses, ...rest } = query;
  const path = withQuery('/api/v1/cases', { ...rest, status: statuses?.join(',') });
  return request<Page<CaseSummary>>('GET', path, { signal });
}

export type ExportFormat = 'csv' | 'xlsx';

/** The export of the list these parameters show (paging and sort aside: an export is every matching case, newest first). */
export function caseExportPath(format: ExportFormat, query: Omit<CaseListParams, 'page' | 'pageSize' | 'sort'>): string {
  const { statuses, ...rest } = query;
  return withQuery(`/api/v1/cases/export.${format}`, { ...rest, status: statuses?.join(',') });
}

export interface IntakeRequest {
  channel: string;
  callerPhone: string;
  callerName?: string;
  /** Resident ID number; SMS-only lines require one (DESIGN §1). */
  callerIdNumber?: string;
  content: string;
  address?: string;
  type: string;
  urgency: 'normal' | 'urgent';
  lineId?: string;
  /** Vulnerability flags the operator confirmed (core's VULNERABILITIES codes). */
  vulnerabilities?: string[];
  /** 诉求分类 (issue 12 §6), usually one the intake suggested. */
  categoryId?: string;
}

export function createCase(input: IntakeRequest): Promise<{ id: string; caseNumber: string }> {
  return request('POST', '/api/v1/cases', { body: input });
}

export interface CaseDeadline {
  kind: string;
  dueAt: string;
  remindAt: string | null;
  metAt: string | null;
  overdueAt: string | null;
  cancelledAt: string | null;
}

export interface CaseEventView {
  id: number | string;
  type: string;
  actorKind: string;
  actorName: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  payload: Record<string, unknown> | null;
  createdAt: string;
}

export interface CaseDetail {
  id: string;
  caseNumber: string;
  status: string;
  statusCategory: string;
  channel: string;
  type: string;
  urgency: string;
  content: string;
  callerName: string | null;
  callerPhone: string | null;
  address: string | null;
  callerIdNumber?: string | null;
  /** A tip-line reporter: the identity is withheld from handlers altogether. */
  callerProtected: boolean;
  line: { id: string; name: string; mode: string } | null;
  leadUnit: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  bounceCount: number;
  awaitingArbitration: boolean;
  pendingExtension: { workingDays: number; reason: string } | null;
  replyText: string | null;
  visit: { solved: boolean; satisfaction: string; comment: string | null } | null;
  parentId: string | null;
  coUnitIds: string[];
  priority: number;
  /** Flags staff confirmed on this case. */
  vulnerabilities: string[];
  /** Further flags from cases merged into this one; they count in its priority too. */
  mergedVulnerabilities: string[];
  /** Appeals merged into this case (并单), oldest merge first. */
  mergedCases: Array<{ id: string; caseNumber: string; channel: string; createdAt: string; mergedAt: string; automatic: boolean; similarity: number | null }>;
  canEditVulnerabilities: boolean;
  /** 诉求分类 with the names above it; null when the case has none. */
  category?: { id: string; code: string; name: string; path: string[]; retired: boolean } | null;
  canEditCategory?: boolean;
  /** A unit the appeal itself named (an SMS petition), suggested for dispatch only (ADR 0044). */
  suggestedUnit?: { unitId: string; unitName: string; source: 'petition'; matched: string | null } | null;
  deadlines: CaseDeadline[];
  allowedActions: string[];
  events: CaseEventView[];
}

export function fetchCase(id: string, signal?: AbortSignal): Promise<CaseDetail> {
  return request<CaseDetail>('GET', `/api/v1/cases/${encodeURIComponent(id)}`, { signal });
}

// The URL segment of each action where it differs from its name in `allowedActions`.
const ACTION_PATHS: Partial<Record<ActionType, string>> = {
  answer_directly: 'answer-directly',
  extension_request: 'extension',
  extension_approve: 'extension/approve',
  extension_reject: 'extension/reject',
};

export function actionPath(caseId: string, action: ActionType): string {
  return `/api/v1/cases/${encodeURIComponent(caseId)}/${ACTION_PATHS[action] ?? action}`;
}

/** Performs one lifecycle act; the answer is the case as it is afterwards. */
export function runCaseAction<A extends ActionType>(caseId: string, action: A, body: ActionInput<A>): Promise<CaseDetail> {
  return request<CaseDetail>('POST', actionPath(caseId, action), { body });
}

export interface RevealedCaller {
  callerName: string | null;
  callerPhone: string | null;
  address: string | null;
  callerIdNumber?: string | null;
  /** The appeal's original text when it held personal data; the case shows a redacted copy. */
  content?: string | null;
}

export function revealCaller(caseId: string, reason: string): Promise<RevealedCaller> {
  return request<RevealedCaller>('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/reveal`, { body: { reason } });
}

/** Replaces the confirmed vulnerability flags (audited); the answer is the case as it is afterwards. */
export function setCaseVulnerabilities(caseId: string, flags: readonly string[]): Promise<CaseDetail> {
  return request<CaseDetail>('PUT', `/api/v1/cases/${encodeURIComponent(caseId)}/vulnerabilities`, { body: { flags } });
}
