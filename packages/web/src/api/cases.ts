import type { ActionInput, ActionType, CaseDetail, CaseListItem, CaseListPage, CreatedCase, RevealedCaller } from '@openline/core';
import { request, withQuery } from './client';

/* Cases: list, intake, detail, lifecycle actions and the audited reveal. Answers are core's API schemas (ADR 0042). */

export type { CaseDetail, RevealedCaller } from '@openline/core';

/** One row of the case list. Caller details arrive masked by the server, never in clear. */
export type CaseSummary = CaseListItem;
export type NextDeadline = NonNullable<CaseListItem['nextDeadline']>;

export interface Page<T> {
  items: T[];
  total: number;
  /** The case list's count stops at a cap (ADR 0039): true means "more than total". */
  totalCapped?: boolean;
  /** The count read only a window of a large subtree (ADR 0051): true means "at least total". */
  totalAtLeast?: boolean;
  /** The page ended at its range's window (ADR 0062): only cases received since this instant were searched. */
  searchedSince?: string | null;
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

export function listCases(query: CaseListParams, signal?: AbortSignal): Promise<CaseListPage> {
  const { statuses, ...rest } = query;
  const path = withQuery('/api/v1/cases', { ...rest, status: statuses?.join(',') });
  return request<CaseListPage>('GET', path, { signal });
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

export function createCase(input: IntakeRequest): Promise<CreatedCase> {
  return request('POST', '/api/v1/cases', { body: input });
}

export type CaseDeadline = CaseDetail['deadlines'][number];
export type CaseEventView = CaseDetail['events'][number];

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

export function revealCaller(caseId: string, reason: string): Promise<RevealedCaller> {
  return request<RevealedCaller>('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/reveal`, { body: { reason } });
}

/** Replaces the confirmed vulnerability flags (audited); the answer is the case as it is afterwards. */
export function setCaseVulnerabilities(caseId: string, flags: readonly string[]): Promise<CaseDetail> {
  return request<CaseDetail>('PUT', `/api/v1/cases/${encodeURIComponent(caseId)}/vulnerabilities`, { body: { flags } });
}
