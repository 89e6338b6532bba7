import { FIGURE_FACT_RULES, type CaseCellCount, type FigureFact, type OperatorQueue } from '@openline/core';
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { CaseRow, DB, StatCounts } from '../../db/schema.js';
import { phoneCaseIds, type PhoneFilter } from './phone-repository.js';
import { queueCondition } from './queue-filter.js';

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
  /** Full-text matches (ids from the search index) or a case-number prefix. */
  text?: { ids: string[]; caseNumberPrefix: string | undefined } | undefined;
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

export function applyScope(query: SelectQueryBuilder<DB, 'cases', object>, scope: CaseScope) {
  let q = query.where('cases.jurisdiction_id', '=', scope.jurisdictionId);
  if (scope.kind === 'units') {
    q = q.where('cases.id', 'in', (eb) => {
      // Lead (主办) or co-handling (协办) unit: both work on the case. A UNION of lookups, each
      // through its own index, rather than an OR across the two: with the OR both databases
      // gave up the lead-unit index and scanned every case (3× slower on SQLite, 17× on
      // PostgreSQL at 200 k cases, bench:cases). UNION ALL: IN ignores duplicates, and a plain
      // UNION made SQLite scan the cases in id order to merge. Each part is driven from the few
      // units (or lines) into an index on cases; as `lead_unit_id IN (…)` SQLite preferred
      // scanning every case through a bloom filter.
      const lead = eb
        .selectFrom('org_units as my_unit')
        .innerJoin('cases as scoped', 'scoped.lead_unit_id', 'my_unit.id')
        .select('scoped.id')
        .where('my_unit.path', 'like', `${scope.unitPath}%`);
      const coHandled = eb
        .selectFrom('org_units as co_unit')
        .innerJoin('case_co_units', 'case_co_units.unit_id', 'co_unit.id')
        .select('case_co_units.case_id as id')
        .where('co_unit.path', 'like', `${scope.unitPath}%`);
      if (scope.ownerUserId === null) return lead.unionAll(coHandled);
      const ownerUserId = scope.ownerUserId;
      const onOwnLines = eb
        .selectFrom('lines as own_line')
        .innerJoin('cases as on_line', 'on_line.line_id', 'own_line.id')
        .select('on_line.id')
        .where('own_line.owner_user_id', '=', ownerUserId);
      return lead.unionAll(coHandled).unionAll(onOwnLines);
    });
  }
  return q;
}

function applyFilters(query: SelectQueryBuilder<DB, 'cases', object>, f: CaseFilters, now: string) {
  let q = query;
  if (f.statuses?.length) q = q.where('cases.status', 'in', f.statuses);
  if (f.queue) {
    const queue = f.queue;
    q = q.where((eb) => queueCondition(eb, queue));
  }
  if (f.unitPath) {
    const path = f.unitPath;
    q = q.where('cases.lead_unit_id', 'in', (eb) => eb.selectFrom('org_units').select('org_units.id').where('org_units.path', 'like', `${path}%`));
  }
  if (f.awaitingArbitration !== undefined) q = q.where('cases.awaiting_arbitration', '=', f.awaitingArbitration ? 1 : 0);
  if (f.overdue) {
    // Driven from the (small, partially indexed) set of running deadlines already passed.
    q = q.where('cases.id', 'in', (eb) =>
      eb
        .selectFrom('case_deadlines')
        .select('case_deadlines.case_id')
        .where('case_deadlines.met_at', 'is', null)
        .where('case_deadlines.cancelled_at', 'is', null)
        .where('case_deadlines.due_at', '<=', now),
    );
  }
  if (f.text) {
    const { ids, caseNumberPrefix } = f.text;
    q = q.where((eb) => {
      const alternatives = [];
      if (ids.length > 0) alternatives.push(eb('cases.id', 'in', ids));
      if (caseNumberPrefix) alternatives.push(eb('cases.case_number', 'like', `${caseNumberPrefix}%`));
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
    q = q.where('cases.id', 'in', (eb) => phoneCaseIds(eb, phone));
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

export async function listCases(
  db: Kysely<DB>,
  options: { scope: CaseScope; filters: CaseFilters; sort: CaseSort; limit: number; offset: number; now: string },
): Promise<{ rows: CaseListRow[]; total: number; totalCapped: boolean }> {
  const base = applyFilters(applyScope(db.selectFrom('cases'), options.scope), options.filters, options.now);
  let page = base
    .leftJoin('org_units', 'org_units.id', 'cases.lead_unit_id')
    .leftJoin('lines as case_line', 'case_line.id', 'cases.line_id')
    .selectAll('cases')
    .select(['org_units.name as leadUnitName', 'case_line.name as lineName']);
  if (options.sort === 'deadline') {
    // Cases with no running deadline go last; "is null" sorts false before true on both dialects.
    page = page.orderBy((eb) => eb(nextDue(eb), 'is', null)).orderBy((eb) => nextDue(eb)).orderBy('cases.created_at', 'desc');
  } else if (options.sort === 'queue') {
    // A queue's order (issue 12 §3): most pressing first, then the nearest deadline, then the oldest.
    page = page
      .orderBy('cases.priority', 'desc')
      .orderBy((eb) => eb(nextDue(eb), 'is', null))
      .orderBy((eb) => nextDue(eb))
      .orderBy('cases.created_at', 'asc');
  } else if (options.sort === 'priority') {
    // Equal priority: the one waiting longest first.
    page = page.orderBy('cases.priority', 'desc').orderBy('cases.created_at', 'asc');
  } else {
    page = page.orderBy('cases.created_at', 'desc').orderBy('cases.case_number', 'desc');
  }
  // The count stops at the cap (ADR 0039): an exact count(*) of a city-wide list reads every
  // matching row (seconds at 10 M cases), a capped one at most CASE_COUNT_CAP + 1 index entries.
  const capped = db.selectFrom(base.select('cases.id').limit(CASE_COUNT_CAP + 1).as('capped')).select((eb) => eb.fn.countAll<number>().as('n'));
  const [rows, count] = await Promise.all([page.limit(options.limit).offset(options.offset).execute(), capped.executeTakeFirstOrThrow()]);
  const n = Number(count.n);
  return { rows, total: Math.min(n, CASE_COUNT_CAP), totalCapped: n > CASE_COUNT_CAP };
}

/** How many cases a list with these filters has (an export checks its cap with it first). */
export async function countCases(db: Kysely<DB>, options: { scope: CaseScope; filters: CaseFilters; now: string }): Promise<number> {
  const base = applyFilters(applyScope(db.selectFrom('cases'), options.scope), options.filters, options.now);
  const row = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
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
  let q = applyFilters(applyScope(db.selectFrom('cases'), options.scope), options.filters, options.now);
  const after = options.after;
  if (after) {
    // The `<=` bound alone lets the (jurisdiction, created_at) index seek to where the last page ended.
    q = q
      .where('cases.created_at', '<=', after.createdAt)
      .where((eb) => eb.or([eb('cases.created_at', '<', after.createdAt), eb('cases.id', '<', after.id)]));
  }
  return q
    .leftJoin('org_units', 'org_units.id', 'cases.lead_unit_id')
    .leftJoin('lines as case_line', 'case_line.id', 'cases.line_id')
    .selectAll('cases')
    .select(['org_units.name as leadUnitName', 'case_line.name as lineName'])
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
