import type { ColdLineSetting, ColdLineSettingList, ColdLineThresholds, LineCallFigureList, PublicAnswerRates } from '@openline/core';
import { request } from './client';

/* The cold-line monitor (issue 10 §4): answer rates per line, public and for admins. Answers are core's API schemas (ADR 0042). */

export type { ColdLineSetting, ColdLineThresholds, LineCallFigures, PublicAnswerRate } from '@openline/core';

export const publicAnswerRates = (signal?: AbortSignal) => request<PublicAnswerRates>('GET', '/api/v1/public/lines/answer-rates', { signal });

export const listColdLines = (signal?: AbortSignal) => request<ColdLineSettingList>('GET', '/api/v1/admin/cold-lines', { signal });

export const setColdThresholds = (lineId: string, thresholds: ColdLineThresholds) =>
  request<ColdLineSetting>('PUT', `/api/v1/admin/lines/${encodeURIComponent(lineId)}/cold-thresholds`, { body: thresholds });

export const resetColdThresholds = (lineId: string) => request<ColdLineSetting>('DELETE', `/api/v1/admin/lines/${encodeURIComponent(lineId)}/cold-thresholds`);

/** Lines' calls per local day or month (staff; the lines of the caller's scope, tip lines never). */
export const getLineCalls = (q: { from: string; to: string; by?: 'day' | 'month'; lineId?: string }, signal?: AbortSignal) =>
  request<LineCallFigureList>(
    'GET',
    `/api/v1/stats/line-calls?${new URLSearchParams({ from: q.from, to: q.to, by: q.by ?? 'day', ...(q.lineId ? { lineId: q.lineId } : {}) }).toString()}`,
    { signal },
  );
