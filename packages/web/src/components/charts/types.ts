import type { ValueKind } from './format';

/** One series of a chart: counts or rates per category, in the categories' order. */
export interface ChartSeries {
  key: string;
  name: string;
  kind: ValueKind;
  values: Array<number | null>;
  /** How a time series draws it; bar charts and donuts ignore it. */
  plot?: 'bar' | 'line';
}

export interface ChartData {
  categories: Array<{ key: string; label: string }>;
  series: ChartSeries[];
}

/** Where a value leads (the case list behind it), or null when it leads nowhere (a rate, a zero). */
export type DrillHref = (series: ChartSeries, categoryIndex: number) => string | null;
