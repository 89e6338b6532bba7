import type { TFunction } from 'i18next';

/** What a chart's numbers are: plain counts, or rates in [0, 1] shown as per cent. */
export type ValueKind = 'count' | 'rate';

/**
 * A rate as "87.5%"; a rate with nothing to divide by is "no data" (暂无), never 0 %, which
 * would read as "answered nobody".
 */
export function formatRate(t: TFunction, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return t('charts.noData');
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

export function formatValue(t: TFunction, kind: ValueKind, value: number | null | undefined): string {
  if (kind === 'rate') return formatRate(t, value);
  return value === null || value === undefined ? t('charts.noData') : value.toLocaleString('zh-CN');
}

/** ECharts plots a missing point as a gap when given '-'; a rate of null must be a gap, not 0. */
export function plotValue(kind: ValueKind, value: number | null): number | '-' {
  if (value === null) return '-';
  return kind === 'rate' ? Math.round(value * 1000) / 10 : value;
}
