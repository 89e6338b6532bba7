import { sql, type CompiledQuery, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { drivesAlone, filtered, scopeDriver, unitOfPath, type CaseFilters, type CaseListRow, type CaseScope, type CaseSort, type ScopeDriver } from './list-filters.js';
import { probedRange, scopeEdge } from './list-counts.js';
import { isPostgres, mergeParts, mergedPageKeys } from './list-shapes.js';
import { earliest, pageWindow, rowsOfKeys, withNames } from './page-rows.js';
import { phonePage, phoneSearchedSince, type PhoneWalk } from './phone-page.js';
import { deadlinePage, mergedPage, mergedRanges, type Filtered } from './scope-pages.js';

// The statement of one list page, by the list's shape: a caller's ranges, an official's ranges, a
// unit's range newest first or in deadline order, the city's ordered parts, else sorted.

export type ListOptions = {
  scope: CaseScope; filters: CaseFilters; sort: CaseSort; limit: number; offset: number; now: string;
  ownLines?: string[] | undefined; walkPriority?: boolean; pageWindow?: number | undefined;
  /** False: a unit's range is smaller than the caller and drives a phone list (listCases decides). */
  phoneDrives?: boolean | undefined;
};

type Eb = ExpressionBuilder<DB, 'cases'>;

/** The case's earliest deadline still being chased (neither met nor superseded). */
const nextDue = (eb: Eb) =>
  eb
    .selectFrom('case_deadlines')
    .select((d) => d.fn.min('case_deadlines.due_at').as('due'))
    .whereRef('case_deadlines.case_id', '=', 'cases.id')
    .where('case_deadlines.met_at', 'is', null)
    .where('case_deadlines.cancelled_at', 'is', null);

/** A list of one caller's cases walks their blind-index ranges (phone-page.ts); null for any other list. */
export function phoneWalk(db: Kysely<DB>, o: { scope: CaseScope; filters: CaseFilters; now: string; phoneDrives?: boolean | undefined }): PhoneWalk | null {
  const phone = o.filters.phone;
  if (!phone || o.phoneDrives === false) return null;
  // Every other condition is a probe of the case found, the unit ones too (never IN a subtree).
  const base = filtered(db, { ...o, filters: { ...o.filters, phone: undefined } }, null, true);
  // A protected reporter's case is never a hit for someone who may not know them (ADR 0006).
  const rest = phone.includeProtected ? base : base.where('cases.caller_protected', '=', 0);
  return { phone, rest, from: o.filters.from, to: o.filters.to };
}

/**
 * Where the page's window ended, when it did (ADR 0062): the caller's ranges for a phone list, the
 * subtree's range for a page it drives with filters; null when the window held the whole range.
 */
export async function windowEdge(db: Kysely<DB>, o: ListOptions): Promise<string | null> {
  if (o.sort !== 'created') return null;
  const window = pageWindow(o.offset, o.pageWindow);
  const walk = phoneWalk(db, o);
  if (walk) return phoneSearchedSince(db, walk, window);
  const driver = scopeDriver(o.scope, o.filters);
  if (!driver || mergedRanges(o.scope, o.filters, o.ownLines) || drivesAlone(o.scope, o.filters, driver)) return null;
  const row = await scopeEdge(db, o, driver, window).executeTakeFirst();
  return row ? new Date(row.created_at).toISOString() : null;
}

/**
 * The statement of one list page, not yet run (a test reads its plan). Newest first: an official's
 * ranges merged, else one unit's range; deadline order: one unit's range off its deadline index;
 * else the filtered cases sorted.
 */
export function casePageQuery(db: Kysely<DB>, o: ListOptions): { compile(): CompiledQuery; execute(): Promise<CaseListRow[]> } {
  const driver = scopeDriver(o.scope, o.filters);
  if (o.sort === 'created') {
    const walk = phoneWalk(db, o);
    if (walk) return phonePage(db, walk, { limit: o.limit, offset: o.offset, window: pageWindow(o.offset, o.pageWindow) });
    const merged = mergedRanges(o.scope, o.filters, o.ownLines);
    if (merged) return mergedPage(db, o, merged, filteredBy(db, o.now));
    if (driver) return drivenPage(db, o, driver);
    if (o.walkPriority && o.filters.priority) return walkedPriorityPage(db, o, o.filters.priority);
    const parts = mergeParts(o.filters);
    if (parts) return mergedPartsPage(db, o, parts);
    // Search matches in no date order (SQLite's): their keys sorted, then only the page's rows
    // read whole. Sorting the 2,000 rows whole cost SQLite twice the CPU (10 vs 5 ms at 1 M cases).
    if (o.filters.text?.ids.length) return mergedPartsPage(db, o, [o.filters]);
  }
  if (o.sort === 'deadline' && driver) return deadlinePage(db, o, driver, filteredBy(db, o.now));
  return sortedPage(db, o);
}

/**
 * Newest first with a common priority band: the band's bounds on `priority + 0`, which neither
 * engine reads through the priority index, so the newest-first index drives and stops at the page.
 */
function walkedPriorityPage(db: Kysely<DB>, o: ListOptions, band: { min: number | null; below: number | null }) {
  const score = sql<number>`${sql.ref('cases.priority')} + 0`;
  let q = filtered(db, { ...o, filters: { ...o.filters, priority: undefined } });
  if (band.min !== null) q = q.where(score, '>=', band.min);
  if (band.below !== null) q = q.where(score, '<', band.below);
  return withNames(q).orderBy('cases.created_at', 'desc').orderBy('cases.case_number', 'desc').limit(o.limit).offset(o.offset);
}

/** Newest first as a merge of the filter's ordered parts (list-shapes.ts, ADR 0051), rows joined to the page's keys. */
function mergedPartsPage(db: Kysely<DB>, o: ListOptions, parts: CaseFilters[]) {
  const keys = mergedPageKeys(db, (filters) => filtered(db, { ...o, filters }), parts, o.limit, o.offset);
  return rowsOfKeys(db, keys.as('k'));
}

/** `filtered` for scope-pages.ts, which builds its ranges from it. */
export const filteredBy = (db: Kysely<DB>, now: string): Filtered => (scope, filters, driver) => filtered(db, { scope, filters, now }, driver);

/**
 * Newest first within a unit's subtree (ADR 0048): the page is read in order off the scope key's
 * (jurisdiction, unit, created_at) range, each case joined by its id and the other filters checked
 * on it, stopping at the page, so the cost follows the page (and the filters' rarity), not the
 * subtree's size.
 */
function drivenPage(db: Kysely<DB>, o: ListOptions, driver: ScopeDriver) {
  if (isPostgres(db) && !drivesAlone(o.scope, o.filters, driver)) return probedPage(db, o, driver);
  let q = joinDriver(filtered(db, o, driver), o.scope.jurisdictionId, driver);
  // The dates on the range itself, so a search further back seeks to them (ADR 0062).
  if (o.filters.to !== undefined) q = q.where('driver.created_at', '<', o.filters.to);
  if (o.filters.from !== undefined) q = q.where('driver.created_at', '>=', o.filters.from);
  if (!drivesAlone(o.scope, o.filters, driver)) {
    // With filters, the walk stops at the range's window (ADR 0062): a filter rarer than a page
    // in the whole subtree read all of it. Without, every entry is a match and the page fills.
    const edge = scopeEdge(db, o, driver, pageWindow(o.offset, o.pageWindow));
    q = q.where((eb) => eb('driver.created_at', '>=', eb.fn.coalesce(edge, sql.lit(earliest(db)))));
  }
  return withNames(q)
    .orderBy('driver.created_at', 'desc')
    .orderBy('cases.case_number', 'desc')
    .limit(o.limit)
    .offset(o.offset);
}

/**
 * PostgreSQL, a unit's range with filters: the page's keys off the range's window, each entry's case
 * checked by a probe of its primary key as the count checks it, then the page's rows read. As a
 * join, PostgreSQL started from a filter's own index and probed the range from there: a supervisor's
 * returned emergencies read every returned case of the city (98 ms at 1 M cases, 292 at 10 M) to
 * find none in the window. The probe bounds the page by its window, as the count is.
 */
function probedPage(db: Kysely<DB>, o: ListOptions, driver: ScopeDriver) {
  const edge = scopeEdge(db, o, driver, pageWindow(o.offset, o.pageWindow));
  const keys = probedRange(db, o, driver)
    .innerJoin('cases as keyed', 'keyed.id', 'driver.case_id')
    .where((eb) => eb('driver.created_at', '>=', eb.fn.coalesce(edge, sql.lit(earliest(db)))))
    .select(['driver.case_id as id', 'driver.created_at', 'keyed.case_number'])
    .orderBy('driver.created_at', 'desc')
    .orderBy('keyed.case_number', 'desc')
    .limit(o.limit)
    .offset(o.offset);
  return rowsOfKeys(db, keys.as('k'));
}

function joinDriver(q: SelectQueryBuilder<DB, 'cases', object>, jurisdictionId: string, driver: ScopeDriver) {
  return q.innerJoin('case_scopes as driver', (join) => {
    const on = join
      .onRef('driver.case_id', '=', 'cases.id')
      .on('driver.jurisdiction_id', '=', jurisdictionId)
      .on('driver.unit_id', '=', unitOfPath(driver.unitPath));
    return driver.leadOnly ? on.on('driver.lead', '=', 1) : on;
  });
}

function sortedPage(db: Kysely<DB>, o: ListOptions) {
  let page = withNames(filtered(db, o));
  if (o.sort === 'deadline') {
    // Cases with no running deadline go last; "is null" sorts false before true on both dialects.
    // The case number breaks ties as in newest first, as deadlinePage's index order does.
    page = page.orderBy((eb) => eb(nextDue(eb), 'is', null)).orderBy((eb) => nextDue(eb)).orderBy('cases.created_at', 'desc').orderBy('cases.case_number', 'desc');
  } else if (o.sort === 'queue') {
    // A queue's order (issue 12 §3): most pressing first, then the nearest deadline, then the oldest.
    page = page
      .orderBy('cases.priority', 'desc')
      .orderBy((eb) => eb(nextDue(eb), 'is', null))
      .orderBy((eb) => nextDue(eb))
      .orderBy('cases.created_at', 'asc');
  } else if (o.sort === 'priority') {
    // Equal priority: the one waiting longest first.
    page = page.orderBy('cases.priority', 'desc').orderBy('cases.created_at', 'asc');
  } else {
    page = page.orderBy('cases.created_at', 'desc').orderBy('cases.case_number', 'desc');
  }
  return page.limit(o.limit).offset(o.offset);
}

