import type { MetricCounts } from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { COUNT_COLUMNS, fromColumns } from './repository.js';

/** The rollup columns a figures query may group by. */
export type GroupColumn = 'unit_id' | 'line_id' | 'case_type' | 'channel' | 'day';

export interface DailyFilter {
  jurisdictionId: string;
  from: string;
  to: string;
  /** null: every row of the jurisdiction, the centre's ('' unit) included; else only these units. */
  unitIds: readonly string[] | null;
  lineId?: string | undefined;
  caseType?: string | undefined;
  channel?: string | undefined;
}

export interface GroupSum {
  key: string;
  counts: MetricCounts;
}

/** Sums of the rollup over local days [from, to], per value of one key column. */
export async function sumDailyBy(db: Kysely<DB>, filter: DailyFilter, column: GroupColumn): Promise<GroupSum[]> {
  if (filter.unitIds !== null && filter.unitIds.length === 0) return [];
  const narrow = (column === 'unit_id' || column === 'day') && filter.lineId === undefined && filter.caseType === undefined && filter.channel === undefined;
  if (narrow) return sumUnitDailyBy(db, filter, column);
  if (filter.unitIds === null && column !== 'unit_id') return sumScopeDailyBy(db, filter, column);
  let query = db
    .selectFrom('stat_daily')
    .select(`${column} as key`)
    .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number | string>(c).as(c)))
    .where('jurisdiction_id', '=', filter.jurisdictionId)
    .where('day', '>=', filter.from)
    .where('day', '<=', filter.to);
  if (filter.unitIds !== null) query = query.where('unit_id', 'in', filter.unitIds);
  if (filter.lineId !== undefined) query = query.where('line_id', '=', filter.lineId);
  if (filter.caseType !== undefined) query = query.where('case_type', '=', filter.caseType);
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel);
  const rows = await query.groupBy(column).execute();
  // PostgreSQL's SUM over integers is a bigint, which arrives as a string.
  return rows.map((r) => ({ key: String(r.key), counts: fromColumns((c) => Number(r[c])) }));
}

/**
 * The same sums from the per-unit rollup (migration 0023), when neither the grouping nor a
 * filter needs line, type or channel: a city's month is ~9,000 rows there against ~220,000 in
 * stat_daily at 10 M cases, which took the month dashboard from about a second to milliseconds
 * (docs/benchmarks.md, Figures at scale).
 */
async function sumUnitDailyBy(db: Kysely<DB>, filter: DailyFilter, column: 'unit_id' | 'day'): Promise<GroupSum[]> {
  let query = db
    .selectFrom('stat_unit_daily')
    .select(`${column} as key`)
    .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number | string>(c).as(c)))
    .where('jurisdiction_id', '=', filter.jurisdictionId)
    .where('day', '>=', filter.from)
    .where('day', '<=', filter.to);
  if (filter.unitIds !== null) query = query.where('unit_id', 'in', filter.unitIds);
  const rows = await query.groupBy(column).execute();
  return rows.map((r) => ({ key: String(r.key), counts: fromColumns((c) => Number(r[c])) }));
}

/** The whole jurisdiction's sums, from the rollup summed over the units (migration 0023). */
async function sumScopeDailyBy(db: Kysely<DB>, filter: DailyFilter, column: Exclude<GroupColumn, 'unit_id'>): Promise<GroupSum[]> {
  let query = db
    .selectFrom('stat_scope_daily')
    .select(`${column} as key`)
    .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number | string>(c).as(c)))
    .where('jurisdiction_id', '=', filter.jurisdictionId)
    .where('day', '>=', filter.from)
    .where('day', '<=', filter.to);
  if (filter.lineId !== undefined) query = query.where('line_id', '=', filter.lineId);
  if (filter.caseType !== undefined) query = query.where('case_type', '=', filter.caseType);
  if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel);
  const rows = await query.groupBy(column).execute();
  return rows.map((r) => ({ key: String(r.key), counts: fromColumns((c) => Number(r[c])) }));
}

export interface UnitNode {
  id: string;
  name: string;
  path: string;
}

/** The units the caller's scope covers, with their paths, in tree order. */
export async function findUnitNodes(db: Kysely<DB>, jurisdictionId: string, unitPath: string | null): Promise<UnitNode[]> {
  let query = db.selectFrom('org_units').select(['id', 'name', 'path']).where('jurisdiction_id', '=', jurisdictionId);
  if (unitPath !== null) query = query.where('path', 'like', `${unitPath}%`);
  return query.orderBy('path').execute();
}

export async function findLineLabels(db: Kysely<DB>, jurisdictionId: string): Promise<Array<{ id: string; label: string }>> {
  const rows = await db.selectFrom('lines').select(['id', 'name', 'number']).where('jurisdiction_id', '=', jurisdictionId).orderBy('number').execute();
  return rows.map((r) => ({ id: r.id, label: `${r.name} ${r.number}` }));
}
