import type { Figures as CoreFigures } from '@openline/core';
import { request } from './client';

/* The public figures (no login): GET /api/v1/public/stats. Rates are 0..1 or null (nothing to count). */

/** Every count and rate of a period (core's Figures: the same object the staff figures serve). */
export type Figures = CoreFigures;

export interface UnitFigures extends Figures {
  unitId: string;
  unitName: string;
  last12Months: Figures;
}

export interface LineFigures extends Figures {
  lineId: string;
  number: string;
  name: string;
  ownerTitle: string;
  last12Months: Figures;
}

export interface RankedUnit {
  unitId: string;
  unitName: string;
  rank: number | null;
  score: number | null;
  volume: number;
  change: number | null;
}

export interface PublicStats {
  month: string;
  jurisdiction: Figures;
  units: UnitFigures[];
  lines: LineFigures[];
  trend: Array<Figures & { month: string }>;
  ranking: RankedUnit[];
}

export function getPublicStats(month: string | null, signal?: AbortSignal): Promise<PublicStats> {
  const query = month ? `?month=${encodeURIComponent(month)}` : '';
  return request<PublicStats>('GET', `/api/v1/public/stats${query}`, { signal });
}

export function openDataUrl(format: 'csv' | 'json', month: string): string {
  return `/api/v1/public/open-data/cases.${format}?month=${encodeURIComponent(month)}`;
}

export const OPEN_DATA_DICTIONARY_URL = '/api/v1/public/open-data/dictionary';
