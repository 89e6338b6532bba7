import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { deskCount, deskStatuses } from './desk-count.js';
import { drivesAlone, filtered, unitOfPath, type CaseFilters, type CaseScope, type ScopeDriver } from './list-filters.js';
import type { ListOptions } from './list-pages.js';
import { caseProbe, drivenCount } from './list-shapes.js';
import { earliest } from './page-rows.js';

// What a list page says of its size (ADR 0039, 0051): a count capped at CASE_COUNT_CAP + 1, through
// the same range as the page, a unit's range only in its newest COUNT_WINDOW entries when filters
// are asked; and the unit range's window edge, which the pages stop at too (ADR 0062).

/** A list counts its cases exactly up to this many; beyond, it says "more than" (ADR 0039). */
export const CASE_COUNT_CAP = 1_000;

/**
 * A count driven by a unit's subtree reads at most this many of the subtree's newest cases (ADR
 * 0051): a rare filter inside a large subtree no longer walks the range until CASE_COUNT_CAP + 1
 * matches. Past it, the total is "at least" what the window held.
 */
export const COUNT_WINDOW = 2_000;

/** What a list page says of its size: exact up to the cap, "more than" past it, "at least" when the window ended first. */
export interface CaseListTotal {
  total: number;
  totalCapped: boolean;
  totalAtLeast: boolean;
  /**
   * Set when the page's walk of its range ended at the range's window (PAGE_WINDOW, ADR 0062)
   * before the page filled: the page holds every match created at or after this time, and the
   * cases created before it were not searched (ask again with `to` set to it).
   */
  searchedSince: string | null;
}

/**
 * Whether a caller's list within a unit's range walks the caller (phone-page.ts) rather than the
 * range (each case probed, isCallersCase): the smaller drives. Both sizes are counted off their
 * index up to the window, one statement; a caller with fewer opened cases than the range drives.
 */
export async function callerIsSmaller(db: Kysely<DB>, o: { scope: CaseScope; filters: CaseFilters }, driver: ScopeDriver, window: number): Promise<boolean> {
  const phone = o.filters.phone;
  if (!phone) return false;
  // Index-only, so without the jurisdiction (phone-page.ts#openedEdge): a size to compare, not a list.
  const opened = db.selectFrom('cases as sized').select('sized.created_at').where('sized.caller_phone_bidx', '=', phone.bidx).limit(window);
  const range = scopeRange(db, o.scope.jurisdictionId, driver).select('driver.case_id').limit(window);
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom(opened.as('o')).select((c) => c.fn.countAll<number>().as('n')).as('caller'),
      eb.selectFrom(range.as('r')).select((c) => c.fn.countAll<number>().as('n')).as('range'),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.caller) <= Number(row.range);
}

/**
 * The count stops at the cap (ADR 0039): an exact count(*) of a city-wide list reads every
 * matching row (seconds at 10 M cases), a capped one at most CASE_COUNT_CAP + 1 index entries.
 * Through the same driver as the page, so a subtree's count is one range too, and with other
 * filters only the range's newest `window` entries (ADR 0051): `windowed` says the range held more.
 */
export async function cappedCount(db: Kysely<DB>, o: ListOptions & { driver: ScopeDriver | null; window: number }): Promise<{ n: number; windowed: boolean }> {
  const { driver } = o;
  const cap = CASE_COUNT_CAP + 1;
  if (driver && drivesAlone(o.scope, o.filters, driver)) {
    // A subtree with nothing else asked is counted off the scope key's index alone, no case read.
    const rows = scopeRange(db, o.scope.jurisdictionId, driver).select('driver.case_id');
    const row = await db.selectFrom(rows.limit(cap).as('capped')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { n: Number(row.n), windowed: false };
  }
  const desk = deskStatuses(o.filters, driver);
  if (driver && desk) {
    // The workbench: its open statuses in the unit's lead subtree, off their own index (ADR 0069).
    return { n: await deskCount(db, { jurisdictionId: o.scope.jurisdictionId, driver, statuses: desk, cap }), windowed: false };
  }
  if (driver) {
    // The created_at just below the range's newest `window` entries (an index-only read of them);
    // null when the range holds no more, and then the count is exact.
    const edge = scopeEdge(db, o, driver, o.window);
    // The window drives: each entry's case is checked by an EXISTS probe of its primary key. As a
    // join, both engines started from a filter's own index (status=returned: every returned case of
    // the city) and probed the window from it, which grows with the city, not with the window.
    const matches = probedRange(db, o, driver)
      .where((eb) => eb('driver.created_at', '>', eb.fn.coalesce(edge, sql.lit(earliest(db)))))
      .select('driver.case_id')
      .limit(cap);
    const row = await db
      .selectFrom(matches.as('capped'))
      .select((eb) => [eb.fn.countAll<number>().as('n'), edge.as('edge')])
      .executeTakeFirstOrThrow();
    return { n: Number(row.n), windowed: row.edge !== null };
  }
  const driven = await drivenCount(db, (filters) => filtered(db, { ...o, filters }), o.filters, o.now, cap);
  if (driven !== null) return { n: driven, windowed: false };
  const row = await db.selectFrom(filtered(db, o).select('cases.id').limit(cap).as('capped')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { n: Number(row.n), windowed: false };
}

/**
 * The created_at of the (window + 1)-th newest entry of the driver's range within the list's dates:
 * the page reads the entries at or after it (an index-only read); no row when the range holds no more.
 */
export function scopeEdge(db: Kysely<DB>, o: { scope: CaseScope; filters: CaseFilters }, driver: ScopeDriver, window: number) {
  return datesOnRange(scopeRange(db, o.scope.jurisdictionId, driver), o.filters).select('driver.created_at').orderBy('driver.created_at', 'desc').limit(1).offset(window);
}

/**
 * The entries of a unit's range within the list's dates whose case passes the list's filters, each
 * checked by an EXISTS probe of the case's primary key, so the range drives (see cappedCount); the
 * caller bounds it to a window.
 */
export function probedRange(db: Kysely<DB>, o: { scope: CaseScope; filters: CaseFilters; now: string }, driver: ScopeDriver) {
  return datesOnRange(scopeRange(db, o.scope.jurisdictionId, driver), o.filters)
    .where((eb) => eb.exists(caseProbe(filtered(db, o, driver), 'driver.case_id')));
}

/** The list's dates on the range itself, so its walk seeks to them (a search further back, ADR 0062). */
function datesOnRange<O>(q: SelectQueryBuilder<DB & { driver: DB['case_scopes'] }, 'driver', O>, f: CaseFilters) {
  let out = q;
  if (f.to !== undefined) out = out.where('driver.created_at', '<', f.to);
  if (f.from !== undefined) out = out.where('driver.created_at', '>=', f.from);
  return out;
}

/** A unit's subtree in the scope key: lead rows only for the unit filter (see inSubtree). */
function scopeRange(db: Kysely<DB>, jurisdictionId: string, driver: ScopeDriver) {
  const rows = db.selectFrom('case_scopes as driver').where('driver.jurisdiction_id', '=', jurisdictionId).where('driver.unit_id', '=', unitOfPath(driver.unitPath));
  return driver.leadOnly ? rows.where('driver.lead', '=', 1) : rows;
}

