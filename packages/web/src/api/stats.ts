import { request, withQuery } from './client';

/* Accountability figures (issue 9, ADR 0012). Shapes mirror the server's stats presenters. */

/** The counts every figure is made of; rates are in [0, 1], or null when nothing could count. */
export interface FigureCounts {
  dispatched: number;
  returns: number;
  responseDue: number;
  respondedOnTime: number;
  visits: number;
  solved: number;
  satisfied: number;
  overdue: number;
}

/** What GET /stats/figures adds to the counts (issue 9 §1; /stats/units leaves them out). */
export interface MoreCounts {
  contacts: number;
  directResolved: number;
  closures: number;
  closedOnTime: number;
  reopened: number;
  overdueDays: number;
  extensions: number;
  supervisionNotices: number;
  arbitrations: number;
}

export interface MoreRates {
  directResolutionRate: number | null;
  onTimeClosureRate: number | null;
  reopenRate: number | null;
}

export interface FigureRates {
  returnRate: number | null;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

export interface UnitFigures extends FigureCounts, FigureRates {
  unitId: string;
  unitName: string;
}

export interface Period {
  /** Local (Beijing) days, YYYY-MM-DD, `to` inclusive. */
  from: string;
  to: string;
}

/** Every unit of the caller's case-list scope with its own figures (not its children's). */
export function getUnitFigures(period: Period, signal?: AbortSignal): Promise<{ from: string; to: string; items: UnitFigures[] }> {
  return request('GET', withQuery('/api/v1/stats/units', { ...period }), { signal });
}

/** The Excel download of the same table (built by the exports work; a plain link). */
export function unitFiguresXlsxUrl(period: Period): string {
  return withQuery('/api/v1/stats/units.xlsx', { ...period });
}

export type FigureGrouping = 'unit' | 'line' | 'type' | 'channel' | 'day' | 'week' | 'month';

/** A row of GET /stats/figures: a unit, line, type, channel or period bucket (key), with its figures. */
export interface FigureRow extends FigureCounts, FigureRates, MoreCounts, MoreRates {
  key: string;
  label: string;
}

export interface FiguresQuery extends Period {
  by: FigureGrouping;
  unitId?: string;
  subtree?: boolean;
  lineId?: string;
  type?: string;
  channel?: string;
}

/**
 * Figures grouped by unit, line, case type, channel or period. Day buckets cover every day of
 * the period; a week's key is its Monday, a month's YYYY-MM; type and channel keys are codes.
 */
export function getFigures(query: FiguresQuery, signal?: AbortSignal): Promise<{ from: string; to: string; by: FigureGrouping; total: Omit<FigureRow, 'key' | 'label'>; items: FigureRow[] }> {
  return request('GET', withQuery('/api/v1/stats/figures', { ...query }), { signal });
}
