import { request } from './client';

/* Jurisdiction settings: deadline policy and the working calendar (DESIGN §5). */

export const SPAN_UNITS = ['working_hours', 'working_days', 'natural_hours'] as const;
export type SpanUnit = (typeof SPAN_UNITS)[number];

export interface Span {
  amount: number;
  unit: SpanUnit;
}

export const STAGES = ['accept', 'contact', 'resolve'] as const;
export type Stage = (typeof STAGES)[number];
export type StageSpans = Record<Stage, Span>;

export const POLICY_URGENCIES = ['normal', 'urgent'] as const;
export type PolicyUrgency = (typeof POLICY_URGENCIES)[number];

export interface DeadlinePolicy {
  byType: Record<string, Record<PolicyUrgency, StageSpans>>;
  utilitiesOutage: StageSpans;
  /** Resolve budget of a complex case, reached through approved extensions. */
  complexResolve: Span;
}

export interface PolicyAnswer {
  policy: DeadlinePolicy;
  /** True while the jurisdiction still uses the defaults of DESIGN §5. */
  isDefault: boolean;
}

export function fetchDeadlinePolicy(signal?: AbortSignal): Promise<PolicyAnswer> {
  return request<PolicyAnswer>('GET', '/api/v1/admin/deadline-policy', { signal });
}

export function saveDeadlinePolicy(policy: DeadlinePolicy): Promise<PolicyAnswer> {
  return request<PolicyAnswer>('PUT', '/api/v1/admin/deadline-policy', { body: { policy } });
}

export interface CalendarYear {
  year: number;
  /** Where the dates come from: an admin ("loaded"; servers also say "admin"), or the package's name (chinese-days). */
  source: string;
  holidays: string[];
  makeupWorkdays: string[];
  name?: string | null;
}

export interface CalendarWarning {
  code: string;
  year: number;
}

export interface CalendarAnswer {
  timeZone: string;
  workingHours: { start: string; end: string }[];
  years: CalendarYear[];
  coverage: { package: number[]; loaded: number[] };
  warnings: CalendarWarning[];
}

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
export function fetchPackageYear(year: number): Promise<CalendarYearInput & { year: number; source: string }> {
  return request('GET', `/api/v1/admin/calendar/${year}/package`);
}
