import { addCounts, emptyCounts, type MetricCounts } from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { sumDailyBy } from '../stats/figures-repository.js';

/** Which rollup column the sums are grouped by: a unit, a line, or the month (a trend). */
export type FiguresGrouping = 'unit_id' | 'line_id' | 'month';

/**
 * Sums `stat_daily` of the whole jurisdiction (the centre's own row included, so the total
 * carries 直办率) over local days [from, to], per unit, per line or per month. A month is summed
 * from its days (at most 366 rows) rather than by a dialect-specific substring in SQL.
 */
export async function sumFigures(db: Kysely<DB>, o: { jurisdictionId: string; from: string; to: string; by: FiguresGrouping }): Promise<Map<string, MetricCounts>> {
  const filter = { jurisdictionId: o.jurisdictionId, from: o.from, to: o.to, unitIds: null };
  if (o.by !== 'month') return new Map((await sumDailyBy(db, filter, o.by)).map((r) => [r.key, r.counts]));
  const months = new Map<string, MetricCounts>();
  for (const d of await sumDailyBy(db, filter, 'day')) {
    const month = d.key.slice(0, 7);
    months.set(month, addCounts(months.get(month) ?? emptyCounts(), d.counts));
  }
  return months;
}

export interface PlaceUnitRow {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
}

/** Every unit of the jurisdiction, in tree order: the public tables list each department. */
export function listUnits(db: Kysely<DB>, jurisdictionId: string): Promise<PlaceUnitRow[]> {
  return db
    .selectFrom('org_units')
    .select(['id', 'parent_id as parentId', 'kind', 'name'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('path')
    .execute();
}
