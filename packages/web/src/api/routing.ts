import type { KeywordRule, KeywordRulesAnswer, RouterModelList, RouterModelMetrics, RouterModelTrained, RouterModelVersion } from '@openline/core';
import { request } from './client';

/* Routing model versions and the cold-start keyword rules (admin). Shapes are core's (ADR 0042). */

export type { KeywordRule } from '@openline/core';
export type RoutingMetrics = RouterModelMetrics;
export type RoutingModel = RouterModelVersion;

export function listRoutingModels(signal?: AbortSignal): Promise<RouterModelList> {
  return request<RouterModelList>('GET', '/api/v1/admin/routing/models', { signal });
}

/** 409 when there is too little closed-case history to learn from. */
export function trainRoutingModel(): Promise<RouterModelTrained> {
  return request<RouterModelTrained>('POST', '/api/v1/admin/routing/train', { body: {} });
}

/* Cold-start keyword rules: unit suggestions from keywords until a model has been trained. */

export function fetchKeywordRules(signal?: AbortSignal): Promise<KeywordRulesAnswer> {
  return request<KeywordRulesAnswer>('GET', '/api/v1/admin/routing/keywords', { signal });
}

export function saveKeywordRules(rules: KeywordRule[]): Promise<KeywordRulesAnswer> {
  return request<KeywordRulesAnswer>('PUT', '/api/v1/admin/routing/keywords', { body: { rules } });
}
