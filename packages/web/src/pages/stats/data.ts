import type { FigureFact } from '@openline/core';
import type { TFunction } from 'i18next';
import { getFigures, type FigureRow, type FigureCounts, type FigureRates, type Period } from '../../api/stats';
import type { ChartData, ChartSeries, DrillHref } from '../../components/charts/types';
import { caseTypeLabel, channelLabel } from '../../i18n/labels';
import { figureHref } from '../../lib/figureFilter';
import { bucketDays, trendGrain } from './period';

export interface Dashboard {
  period: Period;
  grain: 'day' | 'week' | 'month';
  total: FigureCounts & FigureRates;
  /** Each unit's own figures, in tree order (the centre's intake-only row left out). */
  units: FigureRow[];
  trend: FigureRow[];
  types: FigureRow[];
  channels: FigureRow[];
}

/** Four groupings of the same period, in parallel; the server scopes each to the caller. */
export async function loadDashboard(period: Period, signal: AbortSignal): Promise<Dashboard> {
  const grain = trendGrain(period);
  const [units, trend, types, channels] = await Promise.all([
    getFigures({ ...period, by: 'unit' }, signal),
    getFigures({ ...period, by: grain }, signal),
    getFigures({ ...period, by: 'type' }, signal),
    getFigures({ ...period, by: 'channel' }, signal),
  ]);
  return {
    period,
    grain,
    total: units.total,
    units: units.items.filter((u) => u.key !== ''),
    trend: trend.items,
    types: [...types.items].sort((a, b) => b.dispatched - a.dispatched),
    channels: channels.items,
  };
}

type CountKey = keyof FigureCounts;
type RateKey = keyof FigureRates;

/** A rate's drill-down lists the cases of its denominator (the shortfall is one filter away). */
const RATE_BASE: Record<RateKey, FigureFact> = {
  returnRate: 'dispatched',
  responseRate: 'responseDue',
  resolutionRate: 'visits',
  satisfactionRate: 'visits',
};

export function seriesFact(series: ChartSeries): FigureFact {
  return series.key in RATE_BASE ? RATE_BASE[series.key as RateKey] : (series.key as FigureFact);
}

function countSeries(t: TFunction, rows: FigureRow[], key: CountKey): ChartSeries {
  return { key, name: t(`dashboard.${key}`), kind: 'count', values: rows.map((r) => r[key]), plot: 'bar' };
}

function rateSeries(t: TFunction, rows: FigureRow[], key: RateKey): ChartSeries {
  return { key, name: t(`dashboard.${key}`), kind: 'rate', values: rows.map((r) => r[key]), plot: 'line' };
}

export function trendChart(t: TFunction, d: Dashboard): { data: ChartData; drill: DrillHref } {
  const data: ChartData = {
    categories: d.trend.map((r) => ({ key: r.key, label: r.key })),
    series: [countSeries(t, d.trend, 'dispatched'), rateSeries(t, d.trend, 'responseRate'), rateSeries(t, d.trend, 'resolutionRate'), rateSeries(t, d.trend, 'satisfactionRate')],
  };
  const drill: DrillHref = (series, index) => {
    const row = d.trend[index];
    return row ? figureHref({ fact: seriesFact(series), ...bucketDays(row.key, d.grain, d.period) }) : null;
  };
  return { data, drill };
}

/** Units with anything overdue, most first (at most 15). */
export function overdueChart(t: TFunction, d: Dashboard): { data: ChartData; drill: DrillHref } {
  const rows = d.units.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue).slice(0, 15);
  return {
    data: { categories: rows.map((r) => ({ key: r.key, label: r.label })), series: [countSeries(t, rows, 'overdue')] },
    drill: (_, index) => (rows[index] ? figureHref({ fact: 'overdue', ...d.period, unitId: rows[index].key }) : null),
  };
}

export function typesChart(t: TFunction, d: Dashboard): { data: ChartData; drill: DrillHref } {
  const rows = d.types.filter((r) => r.dispatched > 0).slice(0, 10);
  return {
    data: { categories: rows.map((r) => ({ key: r.key, label: caseTypeLabel(t, r.key) })), series: [countSeries(t, rows, 'dispatched')] },
    drill: (_, index) => (rows[index] ? figureHref({ fact: 'dispatched', ...d.period, type: rows[index].key }) : null),
  };
}

export function channelsChart(t: TFunction, d: Dashboard): { data: ChartData; drill: DrillHref } {
  const rows = d.channels.filter((r) => r.dispatched > 0);
  return {
    data: { categories: rows.map((r) => ({ key: r.key, label: channelLabel(t, r.key) })), series: [countSeries(t, rows, 'dispatched')] },
    drill: (_, index) => (rows[index] ? figureHref({ fact: 'dispatched', ...d.period, channel: rows[index].key }) : null),
  };
}
