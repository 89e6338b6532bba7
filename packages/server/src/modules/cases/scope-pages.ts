import { QUEUE_RULES, isCaseStatus, statusCategory } from '@openline/core';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { asked, unitOfPath, type CaseFilters, type CaseListRow, type CaseScope, type ScopeDriver } from './list-filters.js';
import { rowsOfKeys, withNames } from './page-rows.js';

// Two case lists read as index ranges instead of sorting a whole scope (issue 13 §3, ADR 0052):
// a unit's list in deadline order (the handler's workbench) off the scope key's deadline index,
// and an official's scope (their units ∪ their own lines' cases) as a merge of newest-first ranges.

/** The list's cases: its scope (or only its jurisdiction) and filters, knowing which range drives. */
export type Filtered = (scope: CaseScope, filters: CaseFilters, driver: ScopeDriver | null) => SelectQueryBuilder<DB, 'cases', object>;

export interface PageOptions {
  scope: CaseScope;
  filters: CaseFilters;
  limit: number;
  offset: number;
}

type Page = { compile(): ReturnType<SelectQueryBuilder<DB, 'cases', CaseListRow>['compile']>; execute(): Promise<CaseListRow[]> };

/** A case whose status is one of these has ended: no desk holds it (core's done and side categories). */
const hasEnded = (status: string): boolean => isCaseStatus(status) && ['done', 'side'].includes(statusCategory(status));

/**
 * Whether every case the filters admit is an active scope row (migration 0056): an open status,
 * or a deadline still running. Then the deadline index alone holds the list.
 */
export function admitsOnlyActive(filters: CaseFilters): boolean {
  if (filters.overdue) return true;
  if (filters.queue && !QUEUE_RULES[filters.queue].statuses.some(hasEnded)) return true;
  return filters.statuses !== undefined && filters.statuses.length > 0 && !filters.statuses.some(hasEnded);
}

function joinRange(q: SelectQueryBuilder<DB, 'cases', object>, jurisdictionId: string, driver: ScopeDriver, active: boolean | null) {
  return q.innerJoin('case_scopes as driver', (join) => {
    let on = join
      .onRef('driver.case_id', '=', 'cases.id')
      .on('driver.jurisdiction_id', '=', jurisdictionId)
      .on('driver.unit_id', '=', unitOfPath(driver.unitPath));
    if (driver.leadOnly) on = on.on('driver.lead', '=', 1);
    // A literal, not a parameter: SQLite (and a generic plan on PostgreSQL) uses the partial
    // deadline index only when the query spells its condition.
    return active === null ? on : on.on('driver.active', '=', sql.lit(active ? 1 : 0));
  });
}

/**
 * A unit's list in deadline order (sort=deadline): a running deadline first, the nearest first,
 * then newest first, the case number breaking ties. Read in that order off the active rows'
 * index `case_scopes_unit_due`, stopping at the page. A list that may hold ended cases (no status
 * filter, or closed among them) adds them newest first after a merge of the two ranges, each read
 * only to the page's end.
 */
export function deadlinePage(db: Kysely<DB>, o: PageOptions, driver: ScopeDriver, filtered: Filtered): Page {
  const range = (active: boolean) => joinRange(filtered(o.scope, o.filters, driver), o.scope.jurisdictionId, driver, active);
  if (admitsOnlyActive(o.filters)) {
    return withNames(range(true))
      .orderBy(deadlineOrder('driver', 'cases'))
      .limit(o.limit)
      .offset(o.offset);
  }
  const keys = ['cases.id as id', 'driver.due_at as due_at', 'driver.created_at as created_at', 'cases.case_number as case_number'] as const;
  const end = o.offset + o.limit;
  const active = range(true).select(keys).orderBy(deadlineOrder('driver', 'cases')).limit(end);
  const ended = range(false).select(keys).orderBy('driver.created_at', 'desc').orderBy('cases.case_number', 'desc').limit(end);
  const merged = db.selectFrom(active.as('a')).selectAll('a').unionAll(db.selectFrom(ended.as('e')).selectAll('e'));
  // The page is cut from the keys, then its cases read: sorting whole case rows cost more than reading them.
  const page = db
    .selectFrom(merged.as('m'))
    .selectAll('m')
    .orderBy(deadlineOrder('m', 'm'))
    .limit(o.limit)
    .offset(o.offset);
  return withNames(db.selectFrom(page.as('k')).innerJoin('cases', 'cases.id', 'k.id')).orderBy(deadlineOrder('k', 'k'));
}

/**
 * The deadline order over a range's, the merged keys' or the page's columns (`keys` aliases the
 * scope row or key, `numbers` the case number's): a running deadline first, nearest first, then
 * newest first, the case number breaking ties — the columns of `case_scopes_unit_due`.
 */
function deadlineOrder(keys: 'driver' | 'm' | 'k', numbers: 'cases' | 'm' | 'k') {
  return sql`${sql.ref(`${keys}.due_at`)} IS NULL, ${sql.ref(`${keys}.due_at`)}, ${sql.ref(`${keys}.created_at`)} DESC, ${sql.ref(`${numbers}.case_number`)} DESC`;
}

/** A newest-first range of a scope: a unit's subtree off the scope key, or one line's cases. */
export type Range = { kind: 'unit'; driver: ScopeDriver } | { kind: 'line'; lineId: string };

/**
 * The newest-first ranges whose union is an official's list, or null when one range (or none)
 * drives it: their own lines' ranges for the own-lines tab (the desk), their units' subtree and
 * their lines' ranges for everything in their scope. `lines` are the lines the list's owner owns,
 * read by the caller. `scope` is what each range must still be held to: nothing beyond the
 * jurisdiction when the ranges lie within the user's scope.
 */
export function mergedRanges(scope: CaseScope, filters: CaseFilters, lines: string[] | undefined): { ranges: Range[]; scope: CaseScope } | null {
  if (lines === undefined) return null;
  const jurisdiction: CaseScope = { kind: 'jurisdiction', jurisdictionId: scope.jurisdictionId };
  const lineRanges: Range[] = lines.map((lineId) => ({ kind: 'line', lineId }));
  if (filters.ownLinesOf !== undefined) {
    // The owner's own lines' cases lie within their scope; anyone else's are held to the scope.
    const within = scope.kind === 'jurisdiction' || scope.ownerUserId === filters.ownLinesOf;
    return { ranges: lineRanges, scope: within ? jurisdiction : scope };
  }
  if (scope.kind !== 'units' || scope.ownerUserId === null) return null;
  // A unit filter inside the units drives alone (scopeDriver): its cases are all in scope.
  if (filters.unitPath?.startsWith(scope.unitPath)) return null;
  return { ranges: [{ kind: 'unit', driver: { unitPath: scope.unitPath, leadOnly: false } }, ...lineRanges], scope: jurisdiction };
}

/**
 * One range's cases under the list's filters (its own-lines filter is the range itself) as
 * (id, created_at, case_number): newest first and up to `end` for a page, any `end` for a count.
 */
function rangeHead(o: PageOptions, scope: CaseScope, range: Range, filtered: Filtered, end: number, ordered: boolean) {
  const filters = { ...o.filters, ownLinesOf: undefined };
  if (range.kind === 'line') {
    const q = filtered(scope, filters, null).where('cases.line_id', '=', range.lineId).select(['cases.id as id', 'cases.created_at as created_at', 'cases.case_number as case_number']);
    return (ordered ? q.orderBy('cases.created_at', 'desc').orderBy('cases.case_number', 'desc') : q).limit(end);
  }
  const q = joinRange(filtered(scope, filters, range.driver), o.scope.jurisdictionId, range.driver, null)
    .select(['cases.id as id', 'driver.created_at as created_at', 'cases.case_number as case_number']);
  return (ordered ? q.orderBy('driver.created_at', 'desc').orderBy('cases.case_number', 'desc') : q).limit(end);
}

/** The ranges' heads as one UNION (duplicates dropped), each wrapped so SQLite keeps its ORDER BY and LIMIT. */
function unionOf(db: Kysely<DB>, o: PageOptions, merged: { ranges: Range[]; scope: CaseScope }, filtered: Filtered, end: number, ordered: boolean) {
  const heads = merged.ranges.map((range, i) => {
    const alias = `r${i}`;
    return db.selectFrom(rangeHead(o, merged.scope, range, filtered, end, ordered).as(alias)).selectAll(alias);
  });
  const [first, ...rest] = heads;
  return first === undefined ? null : rest.reduce((all, head) => all.union(head), first);
}

/**
 * Newest first over several ranges: each read in order only to the page's end (offset + limit),
 * the union's duplicates (a case of the units that came in on an own line) dropped, the page cut
 * from it. The cost is the ranges' page ends, not the scope's size.
 */
export function mergedPage(db: Kysely<DB>, o: PageOptions, merged: { ranges: Range[]; scope: CaseScope }, filtered: Filtered): Page {
  const union = unionOf(db, o, merged, filtered, o.offset + o.limit, true);
  if (union === null) return nothing(db, o, filtered);
  // The page is cut from the keys, then its cases read: sorting whole case rows cost more than reading them.
  const page = db.selectFrom(union.as('m')).selectAll('m').orderBy('m.created_at', 'desc').orderBy('m.case_number', 'desc').limit(o.limit).offset(o.offset);
  return rowsOfKeys(db, page.as('k'));
}

/** No ranges (the owner has no lines): an empty page, without reading a case. */
function nothing(db: Kysely<DB>, o: PageOptions, filtered: Filtered): Page {
  return withNames(filtered(o.scope, o.filters, null))
    .where(sql<boolean>`1 = 0`)
    .limit(o.limit);
}

/**
 * The capped count over several ranges (ADR 0039): each range's first `cap` matches, in any order,
 * their union counted. Exact while no range reaches the cap; once one does, the union does too,
 * and the list says "more than".
 */
export async function mergedCount(db: Kysely<DB>, o: PageOptions, merged: { ranges: Range[]; scope: CaseScope }, filtered: Filtered, cap: number): Promise<number> {
  // Nothing asked but the ranges: a range that reaches the cap alone makes the union reach it.
  if (merged.scope.kind === 'jurisdiction' && asked(o.filters, ['ownLinesOf']).length === 0 && (await largestRange(db, o.scope.jurisdictionId, merged.ranges, cap)) >= cap) return cap;
  const union = unionOf(db, o, merged, filtered, cap, false);
  if (union === null) return 0;
  const row = await db.selectFrom(union.as('k')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The largest of the ranges' sizes, each counted up to `cap` off its index alone (one statement,
 * no case read): the scope key's (jurisdiction, unit, …) range and `cases_line_created`'s
 * (line, created_at). The union's count joined each entry to its case for the id and the number,
 * ~1,000 case probes per range at the cap (3,050 buffers at 1 M cases, ~7,000 at 10 M where the
 * lines' bitmap scans read their whole range first). A line's cases are all in its jurisdiction
 * (intake checks the line against it, and the lines were read in it), so no case row is needed.
 */
export async function largestRange(db: Kysely<DB>, jurisdictionId: string, ranges: Range[], cap: number): Promise<number> {
  if (ranges.length === 0) return 0;
  const row = await db
    .selectNoFrom((eb) =>
      ranges.map((range, i) => {
        const entries = range.kind === 'line'
          ? db.selectFrom('cases as counted').select('counted.created_at').where('counted.line_id', '=', range.lineId).limit(cap)
          : scopeRows(db, jurisdictionId, range.driver).select('counted.created_at').limit(cap);
        return eb.selectFrom(entries.as(`e${i}`)).select((c) => c.fn.countAll<number>().as('n')).as(`r${i}`);
      }),
    )
    .executeTakeFirstOrThrow();
  return Math.max(...Object.values(row).map(Number));
}

/** A unit's subtree in the scope key, alone (lead rows only for a unit filter). */
function scopeRows(db: Kysely<DB>, jurisdictionId: string, driver: ScopeDriver) {
  const rows = db.selectFrom('case_scopes as counted').where('counted.jurisdiction_id', '=', jurisdictionId).where('counted.unit_id', '=', unitOfPath(driver.unitPath));
  return driver.leadOnly ? rows.where('counted.lead', '=', 1) : rows;
}
