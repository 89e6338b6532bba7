import { METRIC_COUNT_KEYS, type MetricCounts } from '@openline/core';
import type { StatCounts } from '../../db/schema.js';

/** Each core count and its column in the cells and the rollup (the one place they are paired). */
export const COLUMN_OF = {
  dispatched: 'dispatched',
  returns: 'returns',
  responseDue: 'response_due',
  respondedOnTime: 'responded_on_time',
  visits: 'visits',
  solved: 'solved',
  satisfied: 'satisfied',
  overdue: 'overdue',
  contacts: 'contacts',
  directResolved: 'direct_resolved',
  closures: 'closures',
  closedOnTime: 'closed_on_time',
  reopened: 'reopened',
  overdueDays: 'overdue_days',
  extensions: 'extensions',
  supervisionNotices: 'supervision_notices',
  arbitrations: 'arbitrations',
} as const satisfies Record<keyof MetricCounts, keyof StatCounts>;

export type CountColumn = (typeof COLUMN_OF)[keyof MetricCounts];

export const COUNT_COLUMNS: readonly CountColumn[] = METRIC_COUNT_KEYS.map((k) => COLUMN_OF[k]);

export function toColumns(c: MetricCounts): StatCounts {
  const row = {} as StatCounts;
  for (const key of METRIC_COUNT_KEYS) row[COLUMN_OF[key]] = c[key];
  return row;
}

/** The counts back from their columns, each read by `value` (a row, a sum). */
export function fromColumns(value: (column: CountColumn) => number): MetricCounts {
  const counts = {} as MetricCounts;
  for (const key of METRIC_COUNT_KEYS) counts[key] = value(COLUMN_OF[key]);
  return counts;
}
