import { request } from './client';

/* Published lines (公开电话): the public directory and the admin's register. */

export const LINE_MODES = ['direct', 'staffed', 'sms_only', 'tip'] as const;
export type LineMode = (typeof LINE_MODES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const HOLIDAY_RULES = ['closed', 'as_weekend', 'open'] as const;
export type HolidayRule = (typeof HOLIDAY_RULES)[number];

/** Opening spans per weekday as ["08:00", "22:00"] pairs; a missing day is closed. */
export interface ServiceHours {
  weekly: Partial<Record<Weekday, [string, string][]>>;
  onHolidays: HolidayRule;
}

export interface PublicLine {
  id: string;
  number: string;
  name: string;
  mode: string;
  ownerTitle: string;
  ownerName: string | null;
  serviceHours: ServiceHours;
  /** Which channels the line takes (ADR 0029). */
  acceptsVoice: boolean;
  acceptsSms: boolean;
  /** The last complete month's figures (directory only); null for a tip line, absent from admin lists. */
  figures?: PublicLineFigures | null;
  /** Calls over the last 24 h (directory only); null for a tip line, absent from admin lists. */
  calls?: PublicLineCalls | null;
}

export interface PublicLineCalls {
  offered: number;
  answered: number;
  missed: number;
  /** Null when nothing was offered. */
  answerRate: number | null;
  answeredWithin15sRate: number | null;
  /** Below the GB/T 33358-2016 levels (95 % answered, 95 % within 15 s). */
  cold: boolean;
}

export interface PublicLineFigures {
  month: string;
  dispatched: number;
  visits: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

export async function listPublicLines(signal?: AbortSignal): Promise<PublicLine[]> {
  const { items } = await request<{ items: PublicLine[] }>('GET', '/api/v1/public/lines', { signal });
  return items;
}

export interface AdminLine extends PublicLine {
  ownerUserId: string | null;
  isPublic: boolean;
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
  const { items } = await request<{ items: AdminLine[] }>('GET', '/api/v1/admin/lines', { signal });
  return items;
}

export function createLine(input: LineInput): Promise<AdminLine> {
  return request<AdminLine>('POST', '/api/v1/admin/lines', { body: input });
}

export function updateLine(id: string, input: Partial<LineInput>): Promise<AdminLine> {
  return request<AdminLine>('PATCH', `/api/v1/admin/lines/${encodeURIComponent(id)}`, { body: input });
}
