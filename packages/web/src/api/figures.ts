import type { Figures as CoreFigures, PublicStats, RankingItem } from '@openline/core';
import { request } from './client';

/* The public figures (no login): GET /api/v1/public/stats. Rates are 0..1 or null (nothing to count). */

/** Every count and rate of a period (core's Figures: the same object the staff figures serve). */
export type Figures = CoreFigures;

export type { PublicStats } from '@openline/core';
export type UnitFigures = PublicStats['units'][number];
export type LineFigures = PublicStats['lines'][number];
export type RankedUnit = RankingItem;

export function getPublicStats(month: string | null, signal?: AbortSignal): Promise<PublicStats> {
  const query = month ? `?month=${encodeURIComponent(month)}` : '';
  return request<PublicStats>('GET', `/api/v1/public/stats${query}`, { signal });
}

export function openDataUrl(format: 'csv' | 'json', month: string): string {
  return `/api/v1/public/open-data/cases.${format}?month=${encodeURIComponent(month)}`;
}

export const OPEN_DATA_DICTIONARY_URL = '/api/v1/public/open-data/dictionary';
