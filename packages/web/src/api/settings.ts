import type { CalendarOverview, CalendarYearView, DeadlineSpan, DeadlineUnit, DeadlinePolicy, DeadlinePolicyAnswer, PolicyUrgency as CorePolicyUrgency, StageSpans as CoreStageSpans } from '@openline/core';
import { request } from './client';

/* Jurisdiction settings: deadline policy and the working calendar (DESIGN §5). Shapes are core's (ADR 0042). */

export type { CalendarOverview, DeadlinePolicy } from '@openline/core';

// Kept here rather than imported from core: core's module also builds the policy's zod schema.
export const SPAN_UNITS = ['working_hours', 'working_days', 'natural_hours'] as const satisfies readonly DeadlineUnit[];
export type SpanUnit = DeadlineUnit;
export type Span = DeadlineSpan;

export const STAGES = ['accept', 'contact', 'resolve'] as const satisfies ReadonlyArray<keyof CoreStageSpans>;
export type Stage = (typeof STAGES)[number];
export type StageSpans = CoreStageSpans;

export const POLICY_URGENCIES = ['normal', 'urgent'] as const satisfies readonly CorePolicyUrgency[];
export type PolicyUrgency = CorePolicyUrgency;

export type PolicyAnswer = DeadlinePolicyAnswer;

export function fetchDeadlinePolicy(signal?: AbortSignal): Promise<PolicyAnswer> {
  return request<PolicyAnswer>('GET', '/api/v1/admin/deadline-policy', { signal });
}

export function saveDeadlinePolicy(policy: DeadlinePolicy): Promise<PolicyAnswer> {
  return request<PolicyAnswer>('PUT', '/api/v1/admin/deadline-policy', { body: { policy } });
}

export type CalendarYear = CalendarYearView;
export type CalendarWarning = CalendarOverview['warnings'][number];
export type CalendarAnswer = CalendarOverview;

export interface CalendarYearInput {
  holidays: string[];
  makeupWorkdays: string[];
  name?: string;
}

export function fetchCalendar(signal?: AbortSignal): Promise<CalendarAnswer> {
  return request<CalendarAnswer>('GET', '/api/v1/admin/calendar', { signal });
}

export function saveCalendarYear(year: number, input: CalendarYearInput): Promise<CalendarAnswer> {
  return request<CalendarAnswer>('PUT', `/api/v1/admin/calendar/${year}`, { body: input });
}

/** The package's template for a year, to start an admin's edit from; 404 when it has none. */
export function fetchPackageYear(year: number): Promise<CalendarYear> {
  return request<CalendarYear>('GET', `/api/v1/admin/calendar/${year}/package`);
}
