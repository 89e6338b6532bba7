import { FIGURE_FACT_RULES, type FigureFact, type OperatorQueue } from '@openline/core';
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { CaseRow, DB } from '../../db/schema.js';
import { COLUMN_OF } from '../stats/columns.js';
import { caseNumberStarts, isPostgres } from './list-shapes.js';
import { isCallersCase, phoneCaseIds, type PhoneFilter } from './phone-repository.js';
import { queueCondition } from './queue-filter.js';

// Which cases a list holds: the scope the policy built and the filters asked, as WHERE clauses on
// `cases`, and which unit's range of the scope key drives the list (ADR 0048). The statements that
// read a page (list-pages.ts) and count it (list-counts.ts) start from `filtered`.

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

export type CaseListRow = CaseRow & { leadUnitName: string | null; lineName: string | null };

type Eb = ExpressionBuilder<DB, 'cases'>;

/** The unit a path ends in (paths are /id/…/id/, org units never move). */
export const unitOfPath = (path: string): string => path.split('/').filter(Boolean).at(-1) ?? '';

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
export function drivesAlone(scope: CaseScope, filters: CaseFilters, driver: ScopeDriver): boolean {
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
  const count = `cell.${COLUMN_OF[rule.count]}` as const;
  let cells = eb
    .selectFrom('stat_case_cells as cell')
    .select('cell.case_id')
    .where('cell.jurisdiction_id', '=', filter.jurisdictionId)
    .where('cell.day', '>=', filter.from)
    .where('cell.day', '<=', filter.to);
  const minus = rule.minus;
  cells = minus ? cells.whereRef(count, '>', `cell.${COLUMN_OF[minus]}`) : cells.where(count, '>', 0);
  const unit = filter.unit;
  if (unit && !unit.subtree) cells = cells.where('cell.unit_id', '=', unit.id);
  if (unit?.subtree) {
    cells = cells.where('cell.unit_id', 'in', (u) => u.selectFrom('org_units as fact_unit').select('fact_unit.id').where('fact_unit.path', 'like', `${unit.path}%`));
  }
  return cells;
}

/** The list's cases. `probe`: the unit conditions checked per case, for a walk another range drives. */
export const filtered = (db: Kysely<DB>, o: { scope: CaseScope; filters: CaseFilters; now: string }, driver: ScopeDriver | null = null, probe = false) =>
  applyFilters(applyScope(db.selectFrom('cases'), o.scope, driver, probe), o.filters, o.now, o.scope.jurisdictionId, driver, isPostgres(db), probe);

/** The filters a list asks for beyond `except` (the protected-caller switch filters nothing alone). */
export function asked(filters: CaseFilters, except: ReadonlyArray<keyof CaseFilters> = []): string[] {
  return Object.entries(filters)
    .filter(([key, value]) => value !== undefined && key !== 'includeProtectedCallers' && !except.includes(key as keyof CaseFilters))
    .map(([key]) => key);
}
