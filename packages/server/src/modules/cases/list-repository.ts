import { FIGURE_FACT_RULES, type CaseCellCount, type FigureFact, type OperatorQueue } from '@openline/core';
import { sql, type CompiledQuery, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { CaseRow, DB, StatCounts } from '../../db/schema.js';
import { isCallersCase, phoneCaseIds, type PhoneFilter } from './phone-repository.js';
import { newestMatches, newestMatchesPage, onlyMatches } from './match-page.js';
import { caseNumberStarts, caseProbe, drivenCount, isPostgres, mergeParts, mergedPageKeys } from './list-shapes.js';
import { deskCount, deskStatuses } from './desk-count.js';
import { earliest, pageWindow, rowsOfKeys, withNames } from './page-rows.js';
import { phoneCount, phonePage, phoneSearchedSince, type PhoneWalk } from './phone-page.js';
import { queueCondition } from './queue-filter.js';
import { asked, deadlinePage, mergedCount, mergedPage, mergedRanges, type Filtered } from './scope-pages.js';

/** Which cases a list may show; built by the policy, applied here as plain WHERE clauses. */
export type CaseScope =
  | { kind: 'jurisdiction'; jurisdictionId: string }
  | { kind: 'units'; jurisdictionId: string; unitPath: string; ownerUserId: string | null };

export interface CaseFilters {
  statuses?: string[] | undefined;
  /** An operator's queue (issue 12 §3), through its partial index (queue-filter.ts). */
  queue?: OperatorQueue | undefined;
  /** Lead unit, including its children. */
  unitPath?: string | undefined;
  overdue?: boolean | undefined;
  awaitingArbitration?: boolean | undefined;
  /**
   * Full-text matches (ids from the search index) or a case-number prefix. With `createdAt` (one
   * per id), the ids are newest first and the list reads a page's worth of them (match-page.ts).
   */
  text?: { ids: string[]; caseNumberPrefix: string | undefined; createdAt?: ReadonlyArray<string | null> | undefined } | undefined;
  from?: string | undefined;
  to?: string | undefined;
  lineId?: string | undefined;
  type?: string | undefined;
  channel?: string | undefined;
  /** Drill-down from a figure: cases with this fact in a cell of local days [from, to]. */
  fact?: FactFilter | undefined;
  /** One caller's cases, by the blind index of their number (phone-repository.ts). */
  phone?: PhoneFilter | undefined;
  /** A category and its subtree (issue 12 §6). */
  categoryIds?: string[] | undefined;
  urgency?: string | undefined;
  /** A priority band as score bounds: min inclusive, below exclusive (core priorityBandRange). */
  priority?: { min: number | null; below: number | null } | undefined;
  /** Cases opened by a caller of this exact name: the blind index of core personNameKey (ADR 0027). */
  callerNameBidx?: string | undefined;
  /** Cases on published lines this user owns (the official's desk). */
  ownLinesOf?: string | undefined;
  /** Cases this user follows (关注). */
  followedBy?: string | undefined;
  /** Cases with an instruction (批示) not yet answered. */
  openInstruction?: boolean | undefined;
  /** Ask the protected-caller rule for name hits too (same rule as the phone). */
  includeProtectedCallers?: boolean | undefined;
}

export type CaseSort = 'created' | 'deadline' | 'priority' | 'queue';

export interface FactFilter {
  fact: FigureFact;
  jurisdictionId: string;
  from: string;
  to: string;
  /** The unit the fact was counted for (not the case's lead unit now); a path prefix when subtree. */
  unit?: { id: string; path: string; subtree: boolean } | undefined;
}

/** Core's camelCase counts as the cells' columns. */
const CELL_COLUMN: Record<CaseCellCount, keyof StatCounts> = {
  dispatched: 'dispatched',
  returns: 'returns',
  responseDue: 'response_due',
  respondedOnTime: 'responded_on_time',
  visits: 'visits',
  solved: 'solved',
  satisfied: 'satisfied',
  overdue: 'overdue',
  closures: 'closures',
  closedOnTime: 'closed_on_time',
  reopened: 'reopened',
  overdueDays: 'overdue_days',
  extensions: 'extensions',
  supervisionNotices: 'supervision_notices',
  arbitrations: 'arbitrations',
};

export type CaseListRow = CaseRow & { leadUnitName: string | null; lineName: string | null };

type Eb = ExpressionBuilder<DB, 'cases'>;

/** The case's earliest deadline still being chased (neither met nor superseded). */
const nextDue = (eb: Eb) =>
  eb
    .selectFrom('case_deadlines')
    .select((d) => d.fn.min('case_deadlines.due_at').as('due'))
    .whereRef('case_deadlines.case_id', '=', 'cases.id')
    .where('case_deadlines.met_at', 'is', null)
    .where('case_deadlines.cancelled_at', 'is', null);

/** The unit a path ends in (paths are /id/…/id/, org units never move). */
const unitOfPath = (path: string): string => path.split('/').filter(Boolean).at(-1) ?? '';

/**
 * The cases in a unit's subtree, from the scope key the triggers of migration 0051 keep (ADR 0048):
 * one index range whatever the subtree's size, where `lead_unit_id IN (its units)` needed them all.
 * Lead only for the unit filter; lead or co-handling (主办 or 协办) for a user's own scope.
 */
const inSubtree = (eb: Eb, jurisdictionId: string, unitPath: string, leadOnly: boolean) => {
  let rows = eb
    .selectFrom('case_scopes as in_scope')
    .select('in_scope.case_id')
    .where('in_scope.jurisdiction_id', '=', jurisdictionId)
    .where('in_scope.unit_id', '=', unitOfPath(unitPath));
  if (leadOnly) rows = rows.where('in_scope.lead', '=', 1);
  return rows;
};

/**
 * Which unit's scope range reads a newest-first page in order (ADR 0048): the unit filter when it
 * lies within the user's scope (the narrower), else the user's own units. Not an official's
 * scope: it also holds their own lines' cases, which no single range does.
 */
export interface ScopeDriver {
  unitPath: string;
  leadOnly: boolean;
}
export function scopeDriver(scope: CaseScope, filters: CaseFilters): ScopeDriver | null {
  const own = scope.kind === 'units' && scope.ownerUserId === null ? scope.unitPath : null;
  const asked = filters.unitPath;
  if (asked !== undefined && (scope.kind === 'jurisdiction' || asked.startsWith(scope.unitPath))) return { unitPath: asked, leadOnly: true };
  return own === null ? null : { unitPath: own, leadOnly: false };
}

/** Whether the driver's range is the whole list: no filter but its unit, no scope beyond it. */
function drivesAlone(scope: CaseScope, filters: CaseFilters, driver: ScopeDriver): boolean {
  if (asked(filters, ['unitPath']).length > 0 || (filters.unitPath !== undefined && filters.unitPath !== driver.unitPath)) return false;
  return scope.kind === 'jurisdiction' || (!driver.leadOnly && driver.unitPath === scope.unitPath);
}

/**
 * The unit conditions as one probe per case (ADR 0062): the scope key's primary key (case_id,
 * unit_id). For a list another range drives (a caller's cases): `IN (the subtree)` is not
 * correlated, so both engines read the whole subtree once to build it.
 */
const subtreeHolds = (eb: Eb, jurisdictionId: string, unitPath: string, leadOnly: boolean) => {
  let rows = eb
    .selectFrom('case_scopes as holds')
    .select('holds.case_id')
    .whereRef('holds.case_id', '=', 'cases.id')
    .where('holds.unit_id', '=', unitOfPath(unitPath))
    .where('holds.jurisdiction_id', '=', jurisdictionId);
  if (leadOnly) rows = rows.where('holds.lead', '=', 1);
  return eb.exists(rows);
};

export function applyScope(query: SelectQueryBuilder<DB, 'cases', object>, scope: CaseScope, driver: ScopeDriver | null = null, probe = false) {
  let q = query.where('cases.jurisdiction_id', '=', scope.jurisdictionId);
  if (scope.kind === 'units') {
    // The driver's join already holds the cases to this condition: it is the scope's own range,
    // or a unit filter inside the scope, whose lead-unit subtree lies wholly within it.
    if (driver?.unitPath.startsWith(scope.unitPath)) return q;
    const { jurisdictionId, unitPath, ownerUserId } = scope;
    if (probe) {
      return q.where((eb) => {
        const units = subtreeHolds(eb, jurisdictionId, unitPath, false);
        if (ownerUserId === null) return units;
        const ownLine = eb.selectFrom('lines as own_line').select('own_line.id').where('own_line.owner_user_id', '=', ownerUserId);
        return eb.or([units, eb('cases.line_id', 'in', ownLine)]);
      });
    }
    q = q.where('cases.id', 'in', (eb) => {
      // Lead (主办) or co-handling (协办) unit: both work on the case (case_scopes holds both).
      const units = inSubtree(eb, jurisdictionId, unitPath, false);
      if (ownerUserId === null) return units;
      // An official also sees the cases that came in on their own published lines. UNION ALL:
      // IN ignores duplicates, and a plain UNION made SQLite scan the cases in id order to merge.
      const onOwnLines = eb
        .selectFrom('lines as own_line')
        .innerJoin('cases as on_line', 'on_line.line_id', 'own_line.id')
        .select('on_line.id as case_id')
        .where('own_line.owner_user_id', '=', ownerUserId)
        .where('on_line.jurisdiction_id', '=', jurisdictionId);
      return units.unionAll(onOwnLines);
    });
  }
  return q;
}

function applyFilters(query: SelectQueryBuilder<DB, 'cases', object>, f: CaseFilters, now: string, jurisdictionId: string, driver: ScopeDriver | null, postgres: boolean, probe: boolean) {
  let q = query;
  if (f.statuses?.length) q = q.where('cases.status', 'in', f.statuses);
  if (f.queue) {
    const queue = f.queue;
    q = q.where((eb) => queueCondition(eb, queue));
  }
  // Lead unit and its subtree; not again when the driver's join is this very condition.
  if (f.unitPath && !(driver?.leadOnly && driver.unitPath === f.unitPath)) {
    const path = f.unitPath;
    q = probe ? q.where((eb) => subtreeHolds(eb, jurisdictionId, path, true)) : q.where('cases.id', 'in', (eb) => inSubtree(eb, jurisdictionId, path, true));
  }
  if (f.awaitingArbitration !== undefined) q = q.where('cases.awaiting_arbitration', '=', f.awaitingArbitration ? 1 : 0);
  if (f.overdue) {
    // One probe of the running deadlines' (case_id, due_at) partial index per case read, as the
    // newest-first range (the city's or a subtree's) walks down, stopping at the page and the
    // count's cap: ADR 0048. As `id IN (the passed deadlines)` both databases first gathered every
    // overdue case of the city (38 k at 1 M cases, 10× that at 10 M) to hash or sort them.
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_deadlines as passed')
          .select('passed.case_id')
          .whereRef('passed.case_id', '=', 'cases.id')
          .where('passed.met_at', 'is', null)
          .where('passed.cancelled_at', 'is', null)
          .where('passed.due_at', '<=', now),
      ),
    );
  }
  if (f.text) {
    const { ids, caseNumberPrefix } = f.text;
    q = q.where((eb) => {
      const alternatives = [];
      if (ids.length > 0) alternatives.push(eb('cases.id', 'in', ids));
      if (caseNumberPrefix) alternatives.push(caseNumberStarts(eb, caseNumberPrefix, postgres));
      return alternatives.length > 0 ? eb.or(alternatives) : sql<boolean>`1 = 0`;
    });
  }
  if (f.lineId) q = q.where('cases.line_id', '=', f.lineId);
  if (f.type) q = q.where('cases.type', '=', f.type);
  if (f.channel) q = q.where('cases.channel', '=', f.channel);
  if (f.categoryIds) q = q.where('cases.category_id', 'in', f.categoryIds);
  if (f.fact) {
    const fact = f.fact;
    q = q.where('cases.id', 'in', (eb) => factCases(eb, fact));
  }
  if (f.phone) {
    const phone = f.phone;
    // Within a unit's range (the smaller, listCases chose) a probe per case; else the caller's set.
    q = driver ? q.where((eb) => isCallersCase(eb, phone)) : q.where('cases.id', 'in', (eb) => phoneCaseIds(eb, phone));
    // A protected reporter's case is never a hit for someone who may not know them (ADR 0006).
    if (!phone.includeProtected) q = q.where('cases.caller_protected', '=', 0);
  }
  if (f.urgency) q = q.where('cases.urgency', '=', f.urgency);
  if (f.priority) {
    const { min, below } = f.priority;
    if (min !== null) q = q.where('cases.priority', '>=', min);
    if (below !== null) q = q.where('cases.priority', '<', below);
  }
  if (f.callerNameBidx) {
    q = q.where('cases.caller_name_bidx', '=', f.callerNameBidx);
    // A name hit says "this person filed a tip" just as a phone hit does (ADR 0006).
    if (!f.includeProtectedCallers) q = q.where('cases.caller_protected', '=', 0);
  }
  if (f.ownLinesOf) {
    const owner = f.ownLinesOf;
    q = q.where('cases.line_id', 'in', (eb) => eb.selectFrom('lines as mine').select('mine.id').where('mine.owner_user_id', '=', owner));
  }
  if (f.followedBy) {
    const user = f.followedBy;
    q = q.where('cases.id', 'in', (eb) => eb.selectFrom('case_followers').select('case_followers.case_id').where('case_followers.user_id', '=', user));
  }
  if (f.openInstruction !== undefined) {
    const open = (eb: Eb) => eb.selectFrom('case_instructions').select('case_instructions.case_id').where('case_instructions.answered_at', 'is', null);
    q = f.openInstruction ? q.where('cases.id', 'in', open) : q.where('cases.id', 'not in', open);
  }
  if (f.from) q = q.where('cases.created_at', '>=', f.from);
  if (f.to) q = q.where('cases.created_at', '<', f.to);
  return q;
}

/**
 * The cases behind a figure, read from the same cells the rollup sums (ADR 0012), so the list
 * and the figure agree: driven by the cells' (jurisdiction, day) index over the period.
 */
function factCases(eb: ExpressionBuilder<DB, 'cases'>, filter: FactFilter) {
  const rule = FIGURE_FACT_RULES[filter.fact];
  const count = `cell.${CELL_COLUMN[rule.count]}` as const;
  let cells = eb
    .selectFrom('stat_case_cells as cell')
    .select('cell.case_id')
    .where('cell.jurisdiction_id', '=', filter.jurisdictionId)
    .where('cell.day', '>=', filter.from)
    .where('cell.day', '<=', filter.to);
  const minus = rule.minus;
  cells = minus ? cells.whereRef(count, '>', `cell.${CELL_COLUMN[minus]}`) : cells.where(count, '>', 0);
  const unit = filter.unit;
  if (unit && !unit.subtree) cells = cells.where('cell.unit_id', '=', unit.id);
  if (unit?.subtree) {
    cells = cells.where('cell.unit_id', 'in', (u) => u.selectFrom('org_units as fact_unit').select('fact_unit.id').where('fact_unit.path', 'like', `${unit.path}%`));
  }
  return cells;
}

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

export async function listCases(
  db: Kysely<DB>,
  options: { scope: CaseScope; filters: CaseFilters; sort: CaseSort; limit: number; offset: number; now: string; countWindow?: number; pageWindow?: number },
): Promise<{ rows: CaseListRow[] } & CaseListTotal> {
  const lines = await ownLines(db, options.scope, options.filters);
  // The count has no order: it reads the caller's ranges, else the subtree's range (or an
  // official's ranges, ADR 0052) whatever the page's sort; a subtree's or a caller's count stops
  // at its window (ADR 0051, 0062).
  const driver = scopeDriver(options.scope, options.filters);
  const merged = mergedRanges(options.scope, options.filters, lines);
  const countWindow = options.countWindow ?? COUNT_WINDOW;
  const phoneDrives = driver === null || merged !== null || (await callerIsSmaller(db, options, driver, countWindow));
  const o = { ...options, ownLines: lines, phoneDrives };
  const walk = phoneWalk(db, o);
  // The search's matches and nothing else: counted by them, no statement (match-page.ts).
  const alone = onlyMatches(o.scope, o.filters);
  const count = async (): Promise<{ n: number; windowed: boolean }> => {
    if (alone) return { n: Math.min(o.filters.text?.ids.length ?? 0, CASE_COUNT_CAP + 1), windowed: false };
    // The window on each side: halved, the busiest callers' own cases no longer reached the cap
    // alone and both sides were read (measured: 12.5 → 20 ms of SQLite CPU at 300 k).
    if (walk) return phoneCount(db, walk, countWindow, CASE_COUNT_CAP + 1);
    if (merged) return { n: await mergedCount(db, o, merged, filteredBy(db, o.now), CASE_COUNT_CAP + 1), windowed: false };
    return cappedCount(db, { ...o, driver, window: countWindow });
  };
  let rows: CaseListRow[];
  let counted: { n: number; windowed: boolean };
  const matches = !driver && !merged && !walk && o.sort === 'created' ? newestMatches(o.filters) : null;
  if (matches) {
    // The search's matches newest first: the page reads a few of them in order (match-page.ts).
    const read = (ids: string[], count: number) =>
      withNames(filtered(db, { ...o, filters: { ...o.filters, text: { ids, caseNumberPrefix: undefined } } }))
        .orderBy('cases.created_at', 'desc')
        .orderBy('cases.case_number', 'desc')
        .limit(count)
        .execute();
    [rows, counted] = await Promise.all([
      newestMatchesPage(matches, { limit: o.limit, offset: o.offset, alone }, read),
      count(),
    ]);
  } else if (!driver && !merged && !walk && o.sort === 'created' && o.filters.priority) {
    // A priority band's count is its index (1,001 entries at most); it then picks the page's
    // shape: a band past the cap is common enough to walk the newest cases for, a smaller one is
    // read off the index and sorted (SQLite sorted every case of a common band: 346 ms at 1 M).
    counted = await count();
    rows = await casePageQuery(db, { ...o, walkPriority: counted.n > CASE_COUNT_CAP }).execute();
  } else {
    [rows, counted] = await Promise.all([casePageQuery(db, o).execute(), count()]);
  }
  // A short page may have ended at its window: say since when it searched (a third, tiny read).
  const searchedSince = rows.length < o.limit ? await windowEdge(db, o) : null;
  const { n, windowed } = counted;
  if (n > CASE_COUNT_CAP) return { rows, total: CASE_COUNT_CAP, totalCapped: true, totalAtLeast: false, searchedSince };
  // The window ended before the cap: the page itself (read past the window) may know more.
  if (windowed) return { rows, total: Math.max(n, o.offset + rows.length), totalCapped: false, totalAtLeast: true, searchedSince };
  return { rows, total: n, totalCapped: false, totalAtLeast: false, searchedSince };
}

/**
 * Whether a caller's list within a unit's range walks the caller (phone-page.ts) rather than the
 * range (each case probed, isCallersCase): the smaller drives. Both sizes are counted off their
 * index up to the window, one statement; a caller with fewer opened cases than the range drives.
 */
async function callerIsSmaller(db: Kysely<DB>, o: { scope: CaseScope; filters: CaseFilters }, driver: ScopeDriver, window: number): Promise<boolean> {
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

/** A list of one caller's cases walks their blind-index ranges (phone-page.ts); null for any other list. */
function phoneWalk(db: Kysely<DB>, o: { scope: CaseScope; filters: CaseFilters; now: string; phoneDrives?: boolean | undefined }): PhoneWalk | null {
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
async function windowEdge(db: Kysely<DB>, o: ListOptions): Promise<string | null> {
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
 * The lines whose cases an official's list merges in (ADR 0052): the own-lines filter's owner's,
 * else the official's in their scope; undefined when neither is asked. Lines are few per owner.
 */
async function ownLines(db: Kysely<DB>, scope: CaseScope, filters: CaseFilters): Promise<string[] | undefined> {
  const owner = filters.ownLinesOf ?? (scope.kind === 'units' ? scope.ownerUserId : null);
  if (owner === null) return undefined;
  const rows = await db.selectFrom('lines').select('id').where('jurisdiction_id', '=', scope.jurisdictionId).where('owner_user_id', '=', owner).orderBy('id').execute();
  return rows.map((r) => r.id);
}

type ListOptions = {
  scope: CaseScope; filters: CaseFilters; sort: CaseSort; limit: number; offset: number; now: string;
  ownLines?: string[] | undefined; walkPriority?: boolean; pageWindow?: number | undefined;
  /** False: a unit's range is smaller than the caller and drives a phone list (listCases decides). */
  phoneDrives?: boolean | undefined;
};

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

/** The list's cases. `probe`: the unit conditions checked per case, for a walk another range drives. */
const filtered = (db: Kysely<DB>, o: { scope: CaseScope; filters: CaseFilters; now: string }, driver: ScopeDriver | null = null, probe = false) =>
  applyFilters(applyScope(db.selectFrom('cases'), o.scope, driver, probe), o.filters, o.now, o.scope.jurisdictionId, driver, isPostgres(db), probe);

/** `filtered` for scope-pages.ts, which builds its ranges from it. */
const filteredBy = (db: Kysely<DB>, now: string): Filtered => (scope, filters, driver) => filtered(db, { scope, filters, now }, driver);

/**
 * Newest first within a unit's subtree (ADR 0048): the page is read in order off the scope key's
 * (jurisdiction, unit, created_at) range, each case joined by its id and the other filters checked
 * on it, stopping at the page, so the cost follows the page (and the filters' rarity), not the
 * subtree's size.
 */
function drivenPage(db: Kysely<DB>, o: ListOptions, driver: ScopeDriver) {
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

/**
 * The count stops at the cap (ADR 0039): an exact count(*) of a city-wide list reads every
 * matching row (seconds at 10 M cases), a capped one at most CASE_COUNT_CAP + 1 index entries.
 * Through the same driver as the page, so a subtree's count is one range too, and with other
 * filters only the range's newest `window` entries (ADR 0051): `windowed` says the range held more.
 */
async function cappedCount(db: Kysely<DB>, o: ListOptions & { driver: ScopeDriver | null; window: number }): Promise<{ n: number; windowed: boolean }> {
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
    const matches = datesOnRange(scopeRange(db, o.scope.jurisdictionId, driver), o.filters)
      .where((eb) => eb('driver.created_at', '>', eb.fn.coalesce(edge, sql.lit(earliest(db)))))
      .where((eb) => eb.exists(caseProbe(filtered(db, o, driver), 'driver.case_id')))
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
function scopeEdge(db: Kysely<DB>, o: { scope: CaseScope; filters: CaseFilters }, driver: ScopeDriver, window: number) {
  return datesOnRange(scopeRange(db, o.scope.jurisdictionId, driver), o.filters).select('driver.created_at').orderBy('driver.created_at', 'desc').limit(1).offset(window);
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

/**
 * The cases among `ids` that the scope may see, with the list's columns, in no order: a page of
 * the ranked search (ADR 0065), a few ids at a time. The unit conditions are probes of each id's
 * case (the scope key's primary key), never the subtree's whole range.
 */
export function casesAmong(db: Kysely<DB>, o: { scope: CaseScope; ids: readonly string[] }): Promise<CaseListRow[]> {
  if (o.ids.length === 0) return Promise.resolve([]);
  return withNames(applyScope(db.selectFrom('cases'), o.scope, null, true).where('cases.id', 'in', [...o.ids])).execute();
}

/** How many cases a list with these filters has (an export checks its cap with it first). */
export async function countCases(db: Kysely<DB>, options: { scope: CaseScope; filters: CaseFilters; now: string }): Promise<number> {
  const row = await filtered(db, options).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Where the previous page of a keyset walk ended: newest first, the id breaking ties. */
export interface CaseKey {
  createdAt: string;
  id: string;
}

/**
 * One page of the list, newest first, after `after` (keyset, not OFFSET: an export walks every
 * page, and OFFSET would re-read all earlier rows for each one).
 */
export async function pageCasesAfter(
  db: Kysely<DB>,
  options: { scope: CaseScope; filters: CaseFilters; now: string; after: CaseKey | null; limit: number },
): Promise<CaseListRow[]> {
  let q = filtered(db, options);
  const after = options.after;
  if (after) {
    // The `<=` bound alone lets the (jurisdiction, created_at) index seek to where the last page ended.
    q = q
      .where('cases.created_at', '<=', after.createdAt)
      .where((eb) => eb.or([eb('cases.created_at', '<', after.createdAt), eb('cases.id', '<', after.id)]));
  }
  return withNames(q)
    .orderBy('cases.created_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(options.limit)
    .execute();
}

/** Earliest running deadline per case, for the page being shown. */
export async function nextDeadlines(
  db: Kysely<DB>,
  caseIds: string[],
): Promise<Map<string, { kind: 'accept' | 'contact' | 'resolve'; dueAt: string }>> {
  const out = new Map<string, { kind: 'accept' | 'contact' | 'resolve'; dueAt: string }>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom('case_deadlines')
    .select(['case_id', 'kind', 'due_at'])
    .where('case_id', 'in', caseIds)
    .where('met_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .orderBy('due_at')
    .execute();
  for (const r of rows) if (!out.has(r.case_id)) out.set(r.case_id, { kind: r.kind, dueAt: r.due_at });
  return out;
}
