import type { FiguresAnswer, FiguresGrouping, FiguresItem, MetricCounts, MetricRates, UnitFiguresAnswer } from '@openline/core';
import { request, withQuery } from './client';

/* Accountability figures (issue 9, ADR 0012). Answers are core's API schemas (ADR 0042). */

export type { UnitFigures } from '@openline/core';

/*
 * Shapes are core's (metrics/), the ones the server presents, so they cannot drift. The
 * dashboard labels and drills into the first eight counts and the three rates plus 退单率.
 */
export type FigureCounts = Pick<MetricCounts, 'dispatched' | 'returns' | 'responseDue' | 'respondedOnTime' | 'visits' | 'solved' | 'satisfied' | 'overdue'>;
export type FigureRates = Pick<MetricRates, 'returnRate' | 'responseRate' | 'resolutionRate' | 'satisfactionRate'>;

export interface Period {
  /** Local (Beijing) days, YYYY-MM-DD, `to` inclusive. */
  from: string;
  to: string;
}

/** Every unit of the caller's case-list scope with its own figures (not its children's). */
export function getUnitFigures(period: Period, signal?: AbortSignal): Promise<UnitFiguresAnswer> {
  return request('GET', withQuery('/api/v1/stats/units', { ...period }), { signal });
}

/** The Excel download of the same table (built by the exports work; a plain link). */
export function unitFiguresXlsxUrl(period: Period): string {
  return withQuery('/api/v1/stats/units.xlsx', { ...period });
}

export type FigureGrouping = FiguresGrouping;

/** A row of GET /stats/figures: a unit, line, type, channel or period bucket (key), with its figures. */
export type FigureRow = FiguresItem;

export interface FiguresQuery extends Period {
  by: FigureGrouping;
  unitId?: string;
  subtree?: boolean;
  lineId?: string;
  type?: string;
  channel?: string;
  /** A category and its subtree; with by=category the items are its children (the top level without). */
  categoryId?: string;
}

/**
 * Figures grouped by unit, line, case type, channel or period. Day buckets cover every day of
 * the period; a week's key is its Monday, a month's YYYY-MM; type and channel keys are codes.
 */
export function getFigures(query: FiguresQuery, signal?: AbortSignal): Promise<FiguresAnswer> {
  return request('GET', withQuery('/api/v1/stats/figures', { ...query }), { signal });
}
