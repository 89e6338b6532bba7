import { QUEUE_RULES, highlightRanges, normalizePhone, personNameKey, priorityBandRange, type FigureFact, type OperatorQueue, type PriorityBand, type CaseListItem } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { referenceNotFound } from '../../lib/references.js';
import type { SessionUser } from '../auth/service.js';
import { categoryFilterIds, categoryNamesFor } from '../categories/service.js';
import { findOrgUnitPath } from '../org/repository.js';
import { assertPeriod } from '../stats/period.js';
import { casesAmong, listCases as queryCases, nextDeadlines, type CaseFilters, type CaseSort, type FactFilter } from './list-repository.js';
import { callerNameIndex } from './name-index.js';
import { newestCaseMatchesFor, searchDocuments } from '../search/store.js';
import { bestMatchesPage } from './match-page.js';
import { caseListScope } from './policy.js';
import { mayFindProtectedCaller } from './caller.js';
import type { PhoneFilter } from './phone-repository.js';
import { presentCaseListItem } from './presenter.js';

/** A text filter narrows to at most this many best matches; a wider net is a search, not a filter. */
const TEXT_MATCH_LIMIT = 2000;

export interface CaseListQuery {
  page: number;
  pageSize: number;
  sort: CaseSort;
  statuses?: string[] | undefined;
  unitId?: string | undefined;
  overdue?: boolean | undefined;
  awaitingArbitration?: boolean | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  lineId?: string | undefined;
  type?: string | undefined;
  channel?: string | undefined;
  fact?: FigureFact | undefined;
  factFrom?: string | undefined;
  factTo?: string | undefined;
  factUnitId?: string | undefined;
  factSubtree?: boolean | undefined;
  phone?: string | undefined;
  categoryId?: string | undefined;
  urgency?: string | undefined;
  priorityBand?: PriorityBand | undefined;
  callerName?: string | undefined;
  ownLines?: boolean | undefined;
  followed?: boolean | undefined;
  openInstruction?: boolean | undefined;
  queue?: OperatorQueue | undefined;
}

/** The case list every role works from, always within the user's scope, filters on top. */
export async function listCases(
  ctx: AppContext,
  options: { user: SessionUser; query: CaseListQuery },
): Promise<{ items: CaseListItem[]; total: number; totalCapped: boolean; totalAtLeast: boolean; searchedSince: string | null; page: number; pageSize: number }> {
  const { user, query } = options;
  const scope = caseListScope(user);
  if (!scope) throw new AppError('FORBIDDEN', 'Your role does not allow listing cases');
  const filters = await resolveCaseFilters(ctx, user, query);
  const now = nowIso();
  const { rows, total, totalCapped, totalAtLeast, searchedSince } = await queryCases(ctx.db, {
    scope,
    filters,
    sort: query.sort,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
    now,
  });
  const deadlines = await nextDeadlines(ctx.db, rows.map((r) => r.id));
  const categoryNames = await categoryNamesFor(ctx.db, user.jurisdictionId, rows);
  return {
    items: rows.map((row) => ({ ...presentCaseListItem(row, user, ctx.pii, deadlines.get(row.id) ?? null, now), ...categoryNames(row) })),
    total,
    totalCapped,
    totalAtLeast,
    searchedSince,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export type CaseListFilterQuery = Omit<CaseListQuery, 'page' | 'pageSize' | 'sort'>;

/**
 * The list's query as repository filters: the unit named must be the user's jurisdiction's
 * (400 REFERENCE_NOT_FOUND otherwise), text becomes the ids of its newest matches. Shared by the
 * list and its exports, so an export holds exactly the cases the list showed.
 */
export async function resolveCaseFilters(ctx: AppContext, user: SessionUser, query: CaseListFilterQuery): Promise<CaseFilters> {
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await findOrgUnitPath(ctx.db, query.unitId);
    if (!unit || unit.jurisdiction_id !== user.jurisdictionId) throw referenceNotFound([{ kind: 'unit', path: 'unitId' }]);
    unitPath = unit.path;
  }
  const queue = query.queue ? QUEUE_RULES[query.queue] : undefined;
  return {
    // A queue is its own condition (its partial index); statuses asked on top only narrow it.
    statuses: queue && query.statuses ? intersectStatuses(queue.statuses, query.statuses) : query.statuses,
    queue: query.queue,
    unitPath,
    overdue: query.overdue,
    awaitingArbitration: queue?.awaitingArbitration === undefined ? query.awaitingArbitration : undefined,
    text: query.q
      ? {
          // The newest matches, unranked: the list orders them itself (newest first by default).
          ...(await newestCaseMatchesFor(ctx.db, ctx.dialect, { jurisdictionId: user.jurisdictionId, query: query.q, limit: TEXT_MATCH_LIMIT })),
          caseNumberPrefix: /^\d[\d-]*$/.test(query.q) ? query.q : undefined,
        }
      : undefined,
    from: query.from,
    to: query.to,
    lineId: query.lineId,
    type: query.type,
    channel: query.channel,
    fact: await factFilter(ctx, user, query),
    phone: phoneFilter(ctx, user, query.phone),
    categoryIds: query.categoryId ? await categoryFilterIds(ctx.db, user.jurisdictionId, query.categoryId) : undefined,
    urgency: query.urgency,
    priority: query.priorityBand ? priorityBandRange(query.priorityBand) : undefined,
    callerNameBidx: callerNameFilter(ctx, query.callerName),
    includeProtectedCallers: mayFindProtectedCaller(user),
    ownLinesOf: query.ownLines ? user.id : undefined,
    followedBy: query.followed ? user.id : undefined,
    openInstruction: query.openInstruction,
  };
}

/**
 * A queue narrows the statuses; a status filter on top can only narrow further (a status outside
 * the queue gives an empty list, which `['']` — no status — expresses; an empty array would not
 * filter at all).
 */
function intersectStatuses(queue: readonly string[], asked: string[] | undefined): string[] {
  if (!asked) return [...queue];
  const both = queue.filter((s) => asked.includes(s));
  return both.length > 0 ? both : [''];
}

/**
 * A caller's full name as typed becomes the blind index intake stored (ADR 0027): exact full
 * names only, nothing decrypted. A "name" of only spaces and dots is refused, not matched to nothing.
 */
function callerNameFilter(ctx: AppContext, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const bidx = personNameKey(name) === null ? null : callerNameIndex(ctx.pii, name);
  if (bidx === null) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'callerName', message: 'not a name' }]);
  return bidx;
}

/**
 * A caller's number as typed (138-1234-0000, +86 13812340000…) becomes the blind index intake
 * stored, from the same E.164 normalisation; nothing is decrypted. A number that cannot be a
 * phone is refused rather than matching nothing, so a typo is not mistaken for "no cases".
 */
function phoneFilter(ctx: AppContext, user: SessionUser, phone: string | undefined): PhoneFilter | undefined {
  if (phone === undefined) return undefined;
  const parsed = normalizePhone(phone);
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'phone', message: 'not a valid phone number' }]);
  return { bidx: ctx.pii.blindIndex(parsed.e164), jurisdictionId: user.jurisdictionId, includeProtected: mayFindProtectedCaller(user) };
}

/**
 * The drill-down from a figure: a fact needs its period (the figure's, local days), and its
 * unit is the one the fact counted for, which need not lead the case now (a return counts for
 * the unit that returned it). Fact parameters without a fact are refused, not ignored.
 */
async function factFilter(ctx: AppContext, user: SessionUser, query: CaseListFilterQuery): Promise<FactFilter | undefined> {
  const { fact, factFrom, factTo, factUnitId, factSubtree } = query;
  if (!fact) {
    if (factFrom || factTo || factUnitId || factSubtree !== undefined) {
      throw new AppError('VALIDATION_FAILED', 'Fact parameters need a fact', [{ path: 'fact', message: 'required with factFrom, factTo, factUnitId or factSubtree' }]);
    }
    return undefined;
  }
  assertPeriod(factFrom ?? '', factTo ?? '', { from: 'factFrom', to: 'factTo' });
  let unit: FactFilter['unit'];
  if (factUnitId) {
    const row = await findOrgUnitPath(ctx.db, factUnitId);
    if (!row || row.jurisdiction_id !== user.jurisdictionId) throw referenceNotFound([{ kind: 'unit', path: 'factUnitId' }]);
    unit = { id: factUnitId, path: row.path, subtree: factSubtree === true };
  }
  return { fact, jurisdictionId: user.jurisdictionId, from: factFrom ?? '', to: factTo ?? '', unit };
}

/**
 * Ranked full-text search over the cases the user may see, with highlight ranges in the
 * content (the case list's text filter narrows; this ranks).
 */
export async function searchCases(
  ctx: AppContext,
  options: { user: SessionUser; q: string; limit: number },
): Promise<Array<CaseListItem & { highlights: Array<[number, number]> }>> {
  const { user } = options;
  const scope = caseListScope(user);
  if (!scope) throw new AppError('FORBIDDEN', 'Your role does not allow listing cases');
  const ids = await searchDocuments(ctx.db, ctx.dialect, { type: 'case', jurisdictionId: user.jurisdictionId, query: options.q, limit: TEXT_MATCH_LIMIT });
  if (ids.length === 0) return [];
  const now = nowIso();
  // The page's rows only, best first, the scope checked on each (ADR 0065): the search is of the
  // user's jurisdiction, so for a jurisdiction-wide reader every match is a row of the page.
  const best = await bestMatchesPage(ids, { limit: options.limit, everyMatchVisible: scope.kind === 'jurisdiction' }, (some) => casesAmong(ctx.db, { scope, ids: some }));
  const deadlines = await nextDeadlines(ctx.db, best.map((r) => r.id));
  return best.map((row) => ({
    ...presentCaseListItem(row, user, ctx.pii, deadlines.get(row.id) ?? null, now),
    highlights: highlightRanges(row.content, options.q),
  }));
}
