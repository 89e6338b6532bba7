import { sql, type AliasedSelectQueryBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isPostgres } from './list-shapes.js';

// Every case-list page ends the same way: the page's cases with the names of their lead unit and
// line. Pages that merge several ranges cut the page from the keys first and read the 20 rows last.

/**
 * A page that a range drives (a unit's subtree, a caller's cases) reads at most the range's newest
 * PAGE_WINDOW entries and PAGE_WINDOW_PER_SKIPPED more per row before the page (ADR 0062): a
 * filter rarer than a page in the whole range no longer walks all of it, and a deep page of a
 * filter matching one entry in five still fills. A page that fills inside its window is exact; one
 * that does not says since when it searched (`searchedSince`), and the console offers the rest.
 */
export const PAGE_WINDOW = 2_000;
export const PAGE_WINDOW_PER_SKIPPED = 5;

/** The window of the page starting at `offset`. */
export const pageWindow = (offset: number, window = PAGE_WINDOW): number => window + PAGE_WINDOW_PER_SKIPPED * offset;

/** A time before every case's: created_at is timestamptz on PostgreSQL, ISO text on SQLite. */
export const earliest = (db: Kysely<DB>): string => (isPostgres(db) ? '-infinity' : '');

/** A page's key: enough to order it newest first (ADR 0051, 0052); `due_at` for the deadline order. */
export interface PageKey {
  id: string;
  created_at: string;
  case_number: string;
}

/**
 * The list's row columns added to a query over `cases`: the case and its lead unit's and line's
 * names. Generic over the query's other tables (a driver range, the page's keys), so the caller
 * keeps ordering by them.
 */
export function withNames<D extends DB, T extends keyof D & string, O>(q: SelectQueryBuilder<D, T | 'cases', O>) {
  // Kysely's join types cannot be resolved over a generic database; the joins are the same for any.
  const plain = q as unknown as SelectQueryBuilder<DB, 'cases', O>;
  const named = plain
    .leftJoin('org_units', 'org_units.id', 'cases.lead_unit_id')
    .leftJoin('lines as case_line', 'case_line.id', 'cases.line_id')
    .selectAll('cases')
    .select(['org_units.name as leadUnitName', 'case_line.name as lineName']);
  type Named = typeof named extends SelectQueryBuilder<infer _D, infer _T, infer R> ? R : never;
  return named as unknown as SelectQueryBuilder<D, T | 'cases', Named>;
}

/**
 * The cases of a page cut from keys (alias `k`), newest first: sorting the keys of several ranges
 * and reading 20 rows last cost less than sorting whole case rows.
 */
export function rowsOfKeys(db: Kysely<DB>, keys: AliasedSelectQueryBuilder<PageKey, 'k'>) {
  return withNames(db.selectFrom(keys).innerJoin('cases', 'cases.id', 'k.id'))
    .orderBy(sql.ref('k.created_at'), 'desc')
    .orderBy(sql.ref('k.case_number'), 'desc');
}
