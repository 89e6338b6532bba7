import type { FairnessReport, RankingAnswer, RankingKind, RankingSettings, RankingWeightsView, ReturnsReport } from '@openline/core';
import { request } from './client';

/* The ranking, its weights, the push-back (退单) report and the fairness report (issue 9 §3). */

export type { RankingAnswer, RankingItem } from '@openline/core';
export type { FairnessGroup as WaitSummary, FairnessReport as FairnessAnswer, ReturnsItem } from '@openline/core';
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

export function fetchReturns(from: string, to: string, signal?: AbortSignal): Promise<ReturnsReport> {
  return request('GET', `/api/v1/stats/returns?from=${from}&to=${to}`, { signal });
}

export function fetchFairness(month: string, signal?: AbortSignal): Promise<FairnessReport> {
  return request<FairnessReport>('GET', `/api/v1/stats/fairness?month=${encodeURIComponent(month)}`, { signal });
}
