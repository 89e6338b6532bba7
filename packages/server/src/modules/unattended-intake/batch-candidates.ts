import { isOpenStatus, type CaseStatus } from '@openline/core';
import type { TxContext } from '../../lib/unit-of-work.js';
import { listCasesOpenedHere, type OpenedHere } from '../cases/opened-here.js';
import {
  AUTO_CANDIDATE_STATUSES, findAutoCandidates, prepareAutoSearch, scoreAutoCandidates,
  type AutoCandidateRows, type AutoCandidateSearch, type AutoSearch, type DuplicateCandidate,
} from '../intake-check/candidates.js';
import { findCandidateRowsOfMany, newestFirst, type OrderedRow } from '../intake-check/repository.js';

/** Where a drainer batch's appeals find their candidates (fileUnattendedContact's `findCandidates`). */
export type CandidateFinder = (ctx: TxContext, search: AutoCandidateSearch) => Promise<DuplicateCandidate[]>;

/**
 * The candidates of a whole batch of appeals, read in one statement on PostgreSQL before the first
 * is filed (ADR 0080): one round trip a batch instead of one an appeal. Filed one after another, a
 * later appeal must also find the cases the earlier ones opened, which that read could not see:
 * they are added from what openCase noted in this unit of work, with the look-ups' own filters
 * (jurisdiction, open status, window), order (newest first) and limits. So each appeal's candidates
 * are what its own look-ups would have read at its turn, as long as nothing else in the unit of
 * work changes a case the look-ups read between the batch's read and that turn (filing does not:
 * an attach or a merge changes no status, content, place or caller of an existing case).
 *
 * A search the batch did not read for (or read for already) is looked up alone, as before.
 */
export async function readBatchCandidates(ctx: TxContext, searches: readonly AutoCandidateSearch[]): Promise<CandidateFinder> {
  const opened = listCasesOpenedHere(ctx.db);
  if (!opened) return findAutoCandidates;
  const openedBefore = opened.length;
  const prepared = searches.map((s) => prepareAutoSearch(ctx.pii, s));
  const withLookUps = prepared.flatMap((p) => (p ? [p] : []));
  const rows = await findCandidateRowsOfMany(ctx.db, withLookUps, AUTO_CANDIDATE_STATUSES);
  const read = new Map<string, Array<{ search: AutoSearch | null; rows: AutoCandidateRows }>>();
  let next = 0;
  searches.forEach((search, i) => {
    const p = prepared[i] ?? null;
    const found = p ? rows[next++] : undefined;
    const key = searchKey(search);
    read.set(key, [...(read.get(key) ?? []), { search: p, rows: found ?? { callerRows: [], placeRows: [] } }]);
  });
  return async (tx, search) => {
    const entry = read.get(searchKey(search))?.shift();
    if (!entry) return findAutoCandidates(tx, search);
    if (!entry.search) return [];
    return scoreAutoCandidates(tx, entry.search, withCasesOpenedSince(entry.search, entry.rows, opened.slice(openedBefore)));
  };
}

function searchKey(s: AutoCandidateSearch): string {
  return JSON.stringify([s.jurisdictionId, s.jurisdictionName, s.content, s.phoneE164 ?? null, s.address ?? null, s.now.toISOString(), s.placeFromText === true]);
}

/** The rows read for `s`, with the cases opened since that read that its look-ups would have found. */
function withCasesOpenedSince(s: AutoSearch, rows: AutoCandidateRows, opened: readonly OpenedHere[]): AutoCandidateRows {
  const inScope = opened.filter((o) => o.jurisdictionId === s.jurisdictionId && isOpenStatus(o.row.status as CaseStatus));
  const { caller, place } = s;
  const callerRows = caller
    ? newestUpTo(rows.callerRows, inScope.filter((o) => o.row.caller_phone_bidx === caller.phoneBidx && o.row.created_at >= caller.since).map((o) => o.row), caller.limit)
    : rows.callerRows;
  // A case with two of the keys comes twice, as from the place index.
  const placeRows = place
    ? newestUpTo(rows.placeRows, inScope.flatMap((o) => (o.row.at >= place.since ? o.placeKeys.filter((k) => place.placeBidxs.includes(k)).map(() => o.row) : [])), place.limit)
    : rows.placeRows;
  return { callerRows, placeRows };
}

function newestUpTo(read: readonly OrderedRow[], added: readonly OrderedRow[], limit: number): OrderedRow[] {
  if (added.length === 0) return [...read];
  return [...added, ...read].sort(newestFirst).slice(0, limit);
}
