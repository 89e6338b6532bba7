import { CENTRE_UNIT, type CaseHistory } from '@openline/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, StatCaseCellTable, StatCounts } from '../../db/schema.js';
import { COUNT_COLUMNS } from './columns.js';

export { COUNT_COLUMNS, fromColumns, toColumns } from './columns.js';

type Db = Kysely<DB> | Transaction<DB>;

const STATE = 'figures';
const EPOCH = '1970-01-01T00:00:00.000Z';
/**
 * Takes the refresh: moves the watermark from what it was to `to`, only if nobody moved it in
 * between. Answers the previous watermark, or null when another refresh won. The row lock the
 * update takes keeps a concurrent refresh waiting until this one commits, and it then finds the
 * watermark moved and gives up.
 */
export async function claimWatermark(trx: Transaction<DB>, to: string): Promise<string | null> {
  await trx.insertInto('stat_state').values({ name: STATE, watermark: EPOCH }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await trx.selectFrom('stat_state').select('watermark').where('name', '=', STATE).executeTakeFirstOrThrow();
  const result = await trx
    .updateTable('stat_state')
    .set({ watermark: to })
    .where('name', '=', STATE)
    .where('watermark', '=', row.watermark)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? row.watermark : null;
}

/**
 * This jurisdiction's cases with an event since `since`. The events (no jurisdiction of their
 * own yet, ADR 0033) are read by time first and each checked against its case's row: CROSS JOIN
 * keeps SQLite from walking every case of the city instead.
 */
export async function findCasesWithEventsSince(db: Db, jurisdictionId: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_events')
    .crossJoin('cases')
    .select('case_events.case_id')
    .distinct()
    .whereRef('cases.id', '=', 'case_events.case_id')
    .where('case_events.created_at', '>', since)
    .where('cases.jurisdiction_id', '=', jurisdictionId)
    .execute();
  return rows.map((r) => r.case_id);
}

export async function findAllCaseIds(db: Db, jurisdictionId: string): Promise<string[]> {
  const rows = await db.selectFrom('cases').select('id').where('cases.jurisdiction_id', '=', jurisdictionId).execute();
  return rows.map((r) => r.id);
}

export interface CaseForFigures {
  history: CaseHistory;
  caseId: string;
  jurisdictionId: string;
  timeZone: string;
  lineId: string;
  caseType: string;
  channel: string;
  /** Copied into the cells, so figures by category need no join (ADR 0026). */
  categoryId: string | null;
}

/** Everything caseFacts needs for these cases: the case, its events in order, its deadlines and notices. */
export async function loadCasesForFigures(db: Db, jurisdictionId: string, caseIds: readonly string[]): Promise<CaseForFigures[]> {
  if (caseIds.length === 0) return [];
  const [cases, events, deadlines, notices] = await Promise.all([
    db
      .selectFrom('cases')
      .innerJoin('jurisdictions', 'jurisdictions.id', 'cases.jurisdiction_id')
      .select(['cases.id', 'cases.jurisdiction_id', 'cases.status', 'cases.line_id', 'cases.type', 'cases.channel', 'cases.category_id', 'jurisdictions.timezone'])
      .where('cases.id', 'in', caseIds)
      .where('cases.jurisdiction_id', '=', jurisdictionId)
      .execute(),
    db.selectFrom('case_events').select(['case_id', 'type', 'payload', 'created_at']).where('case_id', 'in', caseIds).orderBy('case_id').orderBy('id').execute(),
    db
      .selectFrom('case_deadlines')
      .select(['case_id', 'kind', 'unit_id', 'created_at', 'due_at', 'cancelled_at'])
      .where('case_id', 'in', caseIds)
      .where('kind', 'in', ['contact', 'resolve'])
      .execute(),
    // The figure counts overdue deadlines (the first tier); an escalation of the same deadline is not another notice (ADR 0024).
    db.selectFrom('supervision_notices').select(['case_id', 'unit_id', 'created_at']).where('case_id', 'in', caseIds).where('tier', '=', 1).execute(),
  ]);
  const deadlinesOf = (caseId: string, kind: 'contact' | 'resolve') =>
    deadlines
      .filter((d) => d.case_id === caseId && d.kind === kind)
      .map((d) => ({ unitId: d.unit_id, createdAt: d.created_at, dueAt: d.due_at, cancelledAt: d.cancelled_at }));
  return cases.map((c) => ({
    caseId: c.id,
    jurisdictionId: c.jurisdiction_id,
    timeZone: c.timezone,
    lineId: c.line_id ?? '',
    caseType: c.type,
    channel: c.channel,
    categoryId: c.category_id,
    history: {
      status: c.status,
      events: events
        .filter((e) => e.case_id === c.id)
        .map((e) => ({ type: e.type, createdAt: e.created_at, payload: parsePayload(e.payload) })),
      contactDeadlines: deadlinesOf(c.id, 'contact'),
      resolveDeadlines: deadlinesOf(c.id, 'resolve'),
      notices: notices.filter((n) => n.case_id === c.id).map((n) => ({ unitId: n.unit_id, createdAt: n.created_at })),
    },
  }));
}

function parsePayload(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** One case's contribution to one day × unit × line × type × channel: a row of `stat_case_cells`. */
export type CellRow = StatCaseCellTable;

/** Cells of this jurisdiction's cases only: a case's cells carry its jurisdiction (one partition, ADR 0033). */
export async function replaceCells(db: Db, jurisdictionId: string, caseIds: readonly string[], rows: readonly CellRow[]): Promise<void> {
  if (caseIds.length > 0) {
    await db.deleteFrom('stat_case_cells').where('stat_case_cells.jurisdiction_id', '=', jurisdictionId).where('case_id', 'in', caseIds).execute();
  }
  // A few hundred rows per statement keeps under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 200) {
    await db.insertInto('stat_case_cells').values(rows.slice(i, i + 200)).execute();
  }
}

/** Recomputes the rollup of these days of one jurisdiction from the cells. */
export async function resumDays(db: Db, jurisdictionId: string, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await db.deleteFrom('stat_daily').where('jurisdiction_id', '=', jurisdictionId).where('day', 'in', days).execute();
  await db
    .insertInto('stat_daily')
    .columns(['jurisdiction_id', 'day', 'unit_id', 'line_id', 'case_type', 'channel', ...COUNT_COLUMNS])
    .expression(
      db
        .selectFrom('stat_case_cells')
        .select(['jurisdiction_id', 'day', 'unit_id', 'line_id', 'case_type', 'channel'])
        .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number>(c).as(c)))
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('day', 'in', days)
        .groupBy(['jurisdiction_id', 'day', 'unit_id', 'line_id', 'case_type', 'channel']),
    )
    .execute();
  // The centre's rows: case cells never carry unit '', so these keys never collide with the above.
  await db
    .insertInto('stat_daily')
    .columns(['jurisdiction_id', 'day', 'unit_id', 'line_id', 'case_type', 'channel', 'contacts', 'direct_resolved'])
    .expression(
      db
        .selectFrom('stat_contact_cells')
        .select(['jurisdiction_id', 'day'])
        .select(sql<string>`${CENTRE_UNIT}`.as('unit_id'))
        .select(['line_id', 'case_type', 'channel'])
        .select((eb) => [eb.fn.sum<number>('contacts').as('contacts'), eb.fn.sum<number>('direct_resolved').as('direct_resolved')])
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('day', 'in', days)
        .groupBy(['jurisdiction_id', 'day', 'line_id', 'case_type', 'channel']),
    )
    .execute();
  // The narrower rollups of the same days, from the rows just written (migration 0023).
  await db.deleteFrom('stat_unit_daily').where('jurisdiction_id', '=', jurisdictionId).where('day', 'in', days).execute();
  await db
    .insertInto('stat_unit_daily')
    .columns(['jurisdiction_id', 'day', 'unit_id', ...COUNT_COLUMNS])
    .expression(
      db
        .selectFrom('stat_daily')
        .select(['jurisdiction_id', 'day', 'unit_id'])
        .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number>(c).as(c)))
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('day', 'in', days)
        .groupBy(['jurisdiction_id', 'day', 'unit_id']),
    )
    .execute();
  await db.deleteFrom('stat_scope_daily').where('jurisdiction_id', '=', jurisdictionId).where('day', 'in', days).execute();
  await db
    .insertInto('stat_scope_daily')
    .columns(['jurisdiction_id', 'day', 'line_id', 'case_type', 'channel', ...COUNT_COLUMNS])
    .expression(
      db
        .selectFrom('stat_daily')
        .select(['jurisdiction_id', 'day', 'line_id', 'case_type', 'channel'])
        .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number>(c).as(c)))
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('day', 'in', days)
        .groupBy(['jurisdiction_id', 'day', 'line_id', 'case_type', 'channel']),
    )
    .execute();
  // Per category, from the case cells alone (contacts carry none; migration 0032).
  await db.deleteFrom('stat_category_daily').where('jurisdiction_id', '=', jurisdictionId).where('day', 'in', days).execute();
  await db
    .insertInto('stat_category_daily')
    .columns(['jurisdiction_id', 'day', 'category_id', ...COUNT_COLUMNS])
    .expression(
      db
        .selectFrom('stat_case_cells')
        .select(['jurisdiction_id', 'day'])
        .select(sql<string>`coalesce(category_id, '')`.as('category_id'))
        .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number>(c).as(c)))
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('day', 'in', days)
        .groupBy(['jurisdiction_id', 'day', sql`coalesce(category_id, '')`]),
    )
    .execute();
}

/** Throws away one jurisdiction's figures: the rebuild clears and recomputes city by city (ADR 0033). */
export async function clearFigures(db: Db, jurisdictionId: string): Promise<void> {
  await db.deleteFrom('stat_category_daily').where('jurisdiction_id', '=', jurisdictionId).execute();
  await db.deleteFrom('stat_scope_daily').where('jurisdiction_id', '=', jurisdictionId).execute();
  await db.deleteFrom('stat_unit_daily').where('jurisdiction_id', '=', jurisdictionId).execute();
  await db.deleteFrom('stat_daily').where('jurisdiction_id', '=', jurisdictionId).execute();
  await db.deleteFrom('stat_contact_cells').where('stat_contact_cells.jurisdiction_id', '=', jurisdictionId).execute();
  await db.deleteFrom('stat_case_cells').where('stat_case_cells.jurisdiction_id', '=', jurisdictionId).execute();
}

export interface UnitRow {
  id: string;
  name: string;
}

/** The units the caller's scope covers: the whole jurisdiction, or a subtree by path. */
export async function findUnitsInScope(db: Db, jurisdictionId: string, unitPath: string | null): Promise<UnitRow[]> {
  let query = db.selectFrom('org_units').select(['id', 'name']).where('jurisdiction_id', '=', jurisdictionId);
  if (unitPath !== null) query = query.where('path', 'like', `${unitPath}%`);
  return query.orderBy('path').execute();
}

export type UnitTotals = StatCounts & { unit_id: string };

/**
 * Sums of the rollup per unit over [from, to] (local days, inclusive). Reads the per-unit
 * rollup: a city's month is ~9,000 rows there against ~300,000 in stat_daily at 10 M cases
 * (docs/benchmarks.md).
 */
export async function sumDailyByUnit(db: Db, options: { jurisdictionId: string; from: string; to: string; unitIds: readonly string[] }): Promise<UnitTotals[]> {
  if (options.unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('stat_unit_daily')
    .select('unit_id')
    .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number | string>(c).as(c)))
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('day', '>=', options.from)
    .where('day', '<=', options.to)
    .where('unit_id', 'in', options.unitIds)
    .groupBy('unit_id')
    .execute();
  // PostgreSQL's SUM over integers is a bigint, which arrives as a string.
  return rows.map((r) => ({
    unit_id: r.unit_id,
    ...(Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number(r[c])])) as unknown as StatCounts),
  }));
}

/** For tests: the per-unit rollup in a stable order. */
export async function dumpUnitDaily(db: Db): Promise<Array<Record<string, unknown>>> {
  return db.selectFrom('stat_unit_daily').selectAll().orderBy(sql`jurisdiction_id, day, unit_id`).execute();
}

/** For tests: the jurisdiction-wide rollup in a stable order. */
export async function dumpScopeDaily(db: Db): Promise<Array<Record<string, unknown>>> {
  return db.selectFrom('stat_scope_daily').selectAll().orderBy(sql`jurisdiction_id, day, line_id, case_type, channel`).execute();
}

/** For tests: the per-category rollup in a stable order. */
export async function dumpCategoryDaily(db: Db): Promise<Array<Record<string, unknown>>> {
  return db.selectFrom('stat_category_daily').selectAll().orderBy(sql`jurisdiction_id, day, category_id`).execute();
}

/** For tests and the rebuild check: the whole rollup in a stable order. */
export async function dumpDaily(db: Db): Promise<Array<Record<string, unknown>>> {
  return db.selectFrom('stat_daily').selectAll().orderBy(sql`jurisdiction_id, day, unit_id, line_id, case_type, channel`).execute();
}
