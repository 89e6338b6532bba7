import type { RankingAnswer, RankingKind, RankingSettings, RankingWeightsView } from '@openline/core';
import { request } from './client';

/* The ranking, its weights, the push-back (退单) report and the fairness report (issue 9 §3). */

export type { RankingAnswer, RankingItem } from '@openline/core';
export type RankingWeightsAnswer = RankingWeightsView;

export function fetchRanking(month: string, kind: RankingKind, signal?: AbortSignal): Promise<RankingAnswer> {
  return request<RankingAnswer>('GET', `/api/v1/stats/ranking?month=${encodeURIComponent(month)}&kind=${kind}`, { signal });
}

export function fetchRankingWeights(signal?: AbortSignal): Promise<RankingWeightsAnswer> {
  return request<RankingWeightsAnswer>('GET', '/api/v1/admin/ranking-weights', { signal });
}

export function saveRankingWeights(settings: RankingSettings): Promise<RankingWeightsAnswer> {
  return request<RankingWeightsAnswer>('PUT', '/api/v1/admin/ranking-weights', { body: { settings } });
}

export interface ReturnsItem {
  unitId: string;
  unitName: string;
  dispatched: number;
  returns: number;
  returnRate: number | null;
  arbitrations: number;
  returningUnitRight: number;
  returningUnitWrong: number;
}

export function fetchReturns(from: string, to: string, signal?: AbortSignal): Promise<{ from: string; to: string; items: ReturnsItem[] }> {
  return request('GET', `/api/v1/stats/returns?from=${from}&to=${to}`, { signal });
}

export interface WaitSummary {
  key: string;
  cases: number;
  dispatched: number;
  dispatchMedianMinutes: number | null;
  dispatchP90Minutes: number | null;
  contacted: number;
  contactMedianMinutes: number | null;
  contactP90Minutes: number | null;
  averagePriority: number | null;
}

export interface FairnessAnswer {
  month: string;
  cases: number;
  byBand: WaitSummary[];
  byUrgency: WaitSummary[];
  byContacts: WaitSummary[];
  byCaller: WaitSummary[];
  frequentCallerRule: { overContacts: number; days: number };
  check: { checked: number; violations: number; caseNumbers: string[] };
}

export function fetchFairness(month: string, signal?: AbortSignal): Promise<FairnessAnswer> {
  return request<FairnessAnswer>('GET', `/api/v1/stats/fairness?month=${encodeURIComponent(month)}`, { signal });
}
