import { request } from './client';
import type { PublicLine } from './lines';

/* The cold-line monitor (issue 10 §4): answer rates per line, public and for admins. */

export interface ColdLineThresholds {
  /** Fractions: 0.95 = 95 %. */
  answerRate: number;
  promptSeconds: number;
  promptRate: number;
  /** Calls offered in 24 h before the line can be cold (ADR 0041); unset on save: the default. */
  minOffered?: number;
}

/** A line's rolling 24 h; rates null when nothing was offered. */
export interface CurrentCalls {
  offered: number;
  pickedUp: number;
  calledBack: number;
  answered: number;
  missed: number;
  answerRate: number | null;
  answeredWithin15sRate: number | null;
  promptRate: number | null;
  cold: boolean;
  /** At least the line's minimum of calls was offered: below it no line is called cold. */
  judged: boolean;
  coldSince: string | null;
  /** The end of the 24 h shown (the public pages serve a snapshot at most 2 minutes old). */
  computedAt: string;
}

export interface PeriodCalls {
  offered: number;
  pickedUp: number;
  calledBack: number;
  answered: number;
  missed: number;
  answeredWithin15s: number;
  answerRate: number | null;
  answeredWithin15sRate: number | null;
}

/** A published line as the directory names it, with its call figures. */
export interface PublicAnswerRate extends Pick<PublicLine, 'id' | 'number' | 'name' | 'mode' | 'ownerTitle' | 'ownerName'> {
  thresholds: ColdLineThresholds | null;
  /** Null for a tip line. */
  current: CurrentCalls | null;
  month: PeriodCalls | null;
}

export const publicAnswerRates = (signal?: AbortSignal) =>
  request<{ month: string; items: PublicAnswerRate[] }>('GET', '/api/v1/public/lines/answer-rates', { signal });

export interface ColdLineSetting {
  lineId: string;
  number: string;
  name: string;
  mode: string;
  isPublic: boolean;
  ownerTitle: string;
  ownerName: string | null;
  thresholds: ColdLineThresholds & { minOffered: number; custom: boolean };
  current: CurrentCalls | null;
}

export const listColdLines = (signal?: AbortSignal) => request<{ items: ColdLineSetting[] }>('GET', '/api/v1/admin/cold-lines', { signal });

export const setColdThresholds = (lineId: string, thresholds: ColdLineThresholds) =>
  request<ColdLineSetting>('PUT', `/api/v1/admin/lines/${encodeURIComponent(lineId)}/cold-thresholds`, { body: thresholds });

export const resetColdThresholds = (lineId: string) => request<ColdLineSetting>('DELETE', `/api/v1/admin/lines/${encodeURIComponent(lineId)}/cold-thresholds`);

/** One line's calls per local day or month (staff; the lines of the caller's scope, tip lines never). */
export interface LineCallFigures {
  lineId: string;
  number: string;
  name: string;
  ownerTitle: string;
  total: PeriodCalls;
  periods: Array<PeriodCalls & { period: string }>;
}

export const getLineCalls = (q: { from: string; to: string; by?: 'day' | 'month'; lineId?: string }, signal?: AbortSignal) =>
  request<{ from: string; to: string; by: 'day' | 'month'; items: LineCallFigures[] }>(
    'GET',
    `/api/v1/stats/line-calls?${new URLSearchParams({ from: q.from, to: q.to, by: q.by ?? 'day', ...(q.lineId ? { lineId: q.lineId } : {}) }).toString()}`,
    { signal },
  );
