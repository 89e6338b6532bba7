import { request } from './client';

/* Routing model versions (admin). */

export interface RoutingMetrics {
  examples: number;
  labels: number;
  heldOut: number;
  /** 0…1; null when nothing was held out to measure on. */
  accuracy: number | null;
  macroF1: number | null;
  trainMs: number;
  /** Examples labelled by an operator's correction of the model (0 for versions before corrections were used). */
  correctionExamples: number;
  /** Of those, cases still open (accepted by the unit the operator chose). */
  openCorrectionExamples: number;
}

export interface RoutingModel {
  id: string;
  version: number;
  metrics: RoutingMetrics;
  trainedBy: string | null;
  createdAt: string;
}

export function listRoutingModels(signal?: AbortSignal): Promise<{ items: RoutingModel[] }> {
  return request<{ items: RoutingModel[] }>('GET', '/api/v1/admin/routing/models', { signal });
}

/** 409 when there is too little closed-case history to learn from. */
export function trainRoutingModel(): Promise<{ version: number; metrics: RoutingMetrics }> {
  return request('POST', '/api/v1/admin/routing/train', { body: {} });
}

/* Cold-start keyword rules: unit suggestions from keywords until a model has been trained. */

export interface KeywordRule {
  unitId: string;
  /** 2–20 characters each. */
  keywords: string[];
}

export function fetchKeywordRules(signal?: AbortSignal): Promise<{ rules: KeywordRule[] }> {
  return request<{ rules: KeywordRule[] }>('GET', '/api/v1/admin/routing/keywords', { signal });
}

export function saveKeywordRules(rules: KeywordRule[]): Promise<{ rules: KeywordRule[] }> {
  return request<{ rules: KeywordRule[] }>('PUT', '/api/v1/admin/routing/keywords', { body: { rules } });
}
