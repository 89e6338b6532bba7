import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DailyFilter, GroupSum } from './figures-repository.js';
import { COUNT_COLUMNS, fromColumns } from './repository.js';

/** The cells' columns a figures query by or within categories may group by. */
export type CellGroupColumn = 'category_id' | 'unit_id' | 'line_id' | 'case_type' | 'channel' | 'day';

export interface CellFilter extends DailyFilter {
  /** A category's subtree (ids); undefined: any category, and none. */
  categoryIds?: readonly string[] | undefined;
}

/**
 * Figures by or within categories (ADR 0026), per leaf category: the caller maps leaves to the
 * level it shows, so any level of the tree, and a tree an admin has just reorganised, is one
 * grouped read. The whole jurisdiction's, by category or period without a line/type/channel
 * filter, read the per-category rollup (~150 rows a day); the rest sum the period's cells, which
 * carry the case's leaf category (a subtree's through the (jurisdiction, unit, day) index). The
 * contacts (直办率) are the centre's (unit ''), counted only for the whole jurisdiction as in
 * the rollup, through their case's category. Costs: docs/benchmarks.md.
 */
export async function sumCellsBy(db: Kysely<DB>, filter: CellFilter, column: CellGroupColumn): Promise<GroupSum[]> {
  if (filter.unitIds !== null && filter.unitIds.length === 0) return [];
  if (filter.categoryIds !== undefined && filter.categoryIds.length === 0) return [];
  const narrow = filter.unitIds === null && (column === 'category_id' || column === 'day') && filter.lineId === undefined && filter.caseType === undefined && filter.channel === undefined;
  const caseRows = narrow ? await sumCategoryDaily(db, filter, column) : await sumCells(db, filter, column);
  const sums = new Map<string, GroupSum>();
  for (const r of caseRows) sums.set(r.key, r);
  if (filter.unitIds === null) {
    for (const c of await sumContactsBy(db, filter, column)) {
      const known = sums.get(c.key);
      if (known) {
        known.counts.contacts += c.contacts;
        known.counts.directResolved += c.directResolved;
      } else {
        sums.set(c.key, { key: c.key, counts: { ...fromColumns(() => 0), contacts: c.contacts, directResolved: c.directResolved } });
      }
    }
  }
  return [...sums.values()];
}

async function sumCategoryDaily(db: Kysely<DB>, filter: CellFilter, column: 'category_id' | 'day'): Promise<GroupSum[]> {
  let query = db
    .selectFrom('stat_category_daily')
    .select(`${column} as key`)
    .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number | string>(c).as(c)))
    .where('jurisdiction_id', '=', filter.jurisdictionId)
    .where('day', '>=', filter.from)
    .where('day', '<=', filter.to);
  if (filter.categoryIds !== undefined) query = query.where('category_id', 'in', filter.categoryIds);
  const rows = await query.groupBy(column).execute();
  return rows.map((r) => ({ key: String(r.key), counts: fromColumns((c) => Number(r[c])) }));
}

export async function sumCells(db: Kysely<DB>, filter: CellFilter, column: CellGroupColumn): Promise<GroupSum[]> {
  let cells = db
    .selectFrom('stat_case_cells')
    .select(`${column} as key`)
    .select((eb) => COUNT_COLUMNS.map((c) => eb.fn.sum<number | string>(c).as(c)))
    .where('jurisdiction_id', '=', filter.jurisdictionId)
    .where('day', '>=', filter.from)
    .where('day', '<=', filter.to);
  if (filter.unitIds !== null) cells = cells.where('unit_id', 'in', filter.unitIds);
  if (filter.lineId !== undefined) cells = cells.where('line_id', '=', filter.lineId);
  if (filter.caseType !== undefined) cells = cells.where('case_type', '=', filter.caseType);
  if (filter.channel !== undefined) cells = cells.where('channel', '=', filter.channel);
  if (filter.categoryIds !== undefined) cells = cells.where('category_id', 'in', filter.categoryIds);
  const rows = await cells.groupBy(column).execute();
  return rows.map((r) => ({ key: String(r.key ?? ''), counts: fromColumns((c) => Number(r[c])) }));
}

async function sumContactsBy(db: Kysely<DB>, filter: CellFilter, column: CellGroupColumn): Promise<Array<{ key: string; contacts: number; directResolved: number }>> {
  const key = column === 'category_id' ? 'cases.category_id' : column === 'unit_id' ? null : `cell.${column}` as const;
  let query = db
    .selectFrom('stat_contact_cells as cell')
    .leftJoin('cases', 'cases.id', 'cell.case_id')
    .select((eb) => [eb.fn.sum<number | string>('cell.contacts').as('contacts'), eb.fn.sum<number | string>('cell.direct_resolved').as('direct_resolved')])
    .where('cell.jurisdiction_id', '=', filter.jurisdictionId)
    .where('cell.day', '>=', filter.from)
    .where('cell.day', '<=', filter.to);
  if (filter.lineId !== undefined) query = query.where('cell.line_id', '=', filter.lineId);
  if (filter.caseType !== undefined) query = query.where('cell.case_type', '=', filter.caseType);
  if (filter.channel !== undefined) query = query.where('cell.channel', '=', filter.channel);
  if (filter.categoryIds !== undefined) query = query.where('cases.category_id', 'in', filter.categoryIds);
  // The centre's own key, as in the rollup (figures-service CENTRE_KEY).
  const rows = key === null ? (await query.execute()).map((r) => ({ ...r, key: '' })) : await query.select(`${key} as key`).groupBy(key).execute();
  return rows
    .map((r) => ({ key: String(r.key ?? ''), contacts: Number(r.contacts ?? 0), directResolved: Number(r.direct_resolved ?? 0) }))
    .filter((r) => r.contacts > 0 || r.directResolved > 0);
}
