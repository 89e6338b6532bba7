import { SERVICE_HOURS_WEEKDAYS, type AdminLine, type AdminLineList, type LineModeCode, type PublicLine, type PublicLineList, type ServiceHours } from '@openline/core';
import { request } from './client';

/* Published lines (公开电话): the public directory and the admin's register. Answers are core's API schemas (ADR 0042). */

export { HOLIDAY_RULES, LINE_MODES } from '@openline/core';
export type { AdminLine, HolidayRule, PublicLine, ServiceHours } from '@openline/core';
export type LineMode = LineModeCode;

export const WEEKDAYS = SERVICE_HOURS_WEEKDAYS;
export type Weekday = (typeof WEEKDAYS)[number];

export type PublicLineCalls = NonNullable<PublicLine['calls']>;
export type PublicLineFigures = NonNullable<PublicLine['figures']>;

export async function listPublicLines(signal?: AbortSignal): Promise<PublicLine[]> {
  const { items } = await request<PublicLineList>('GET', '/api/v1/public/lines', { signal });
  return items;
}

export interface LineInput {
  number: string;
  name: string;
  mode: LineMode;
  ownerTitle: string;
  ownerUserId?: string | null;
  isPublic: boolean;
  serviceHours: ServiceHours;
  acceptsVoice?: boolean;
  acceptsSms?: boolean;
}

export async function listAdminLines(signal?: AbortSignal): Promise<AdminLine[]> {
  const { items } = await request<AdminLineList>('GET', '/api/v1/admin/lines', { signal });
  return items;
}

export function createLine(input: LineInput): Promise<AdminLine> {
  return request<AdminLine>('POST', '/api/v1/admin/lines', { body: input });
}

export function updateLine(id: string, input: Partial<LineInput>): Promise<AdminLine> {
  return request<AdminLine>('PATCH', `/api/v1/admin/lines/${encodeURIComponent(id)}`, { body: input });
}
