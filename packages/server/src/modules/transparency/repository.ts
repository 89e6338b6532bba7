import type { MetricCounts } from '@openline/core';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const COUNT_COLUMNS = ['dispatched', 'returns', 'response_due', 'responded_on_time', 'visits', 'solved', 'satisfied', 'overdue'] as const;

/** Which rollup column the sums are grouped by: a unit, a line, or the month (a trend). */
export type FiguresGrouping = 'unit_id' | 'line_id' | 'month';

export interface GroupedCounts {
  key: string;
  counts: MetricCounts;
}

/**
 * Sums `stat_daily` of one jurisdiction over local days [from, to] (inclusive), per unit, per line
 * or per month. `substr(day, 1, 7)` is the month on both databases (days are `YYYY-MM-DD` text).
 */
export async function sumFigures(db: Kysely<DB>, o: { jurisdictionId: string; from: string; to: string; by: FiguresGrouping }): Promise<GroupedCounts[]> {
  const key = o.by === 'month' ? sql<string>`substr(day, 1, 7)` : sql<string>`${sql.ref(o.by)}`;
  const rows = await db
    .selectFrom('stat_daily')
    .select(key.as('key'))
    .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number | string>(c).as(c)))
    .where('jurisdiction_id', '=', o.jurisdictionId)
    .where('day', '>=', o.from)
    .where('day', '<=', o.to)
    .groupBy(key)
    .execute();
  // PostgreSQL's SUM over integers is a bigint, which arrives as a string.
  return rows.map((r) => ({
    key: String(r.key),
    counts: {
      dispatched: Number(r.dispatched),
      returns: Number(r.returns),
      responseDue: Number(r.response_due),
      respondedOnTime: Number(r.responded_on_time),
      visits: Number(r.visits),
      solved: Number(r.solved),
      satisfied: Number(r.satisfied),
      overdue: Number(r.overdue),
    },
  }));
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
