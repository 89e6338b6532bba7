// The caller history as it was before issue 10 §2's round-trip work (commit b786f31): six to
// seven queries, three in a row, each built and compiled by Kysely on every call. Kept only so
// bench:caller-history can time before and after side by side on the same data and load. Its
// counts are exact (every contact and call of 30 days read); they are shown as the API shows them
// since (core HISTORY_COUNT_CAP), so the answers compare; its unanswered calls are of all calls.
import type { Kysely } from 'kysely';
import {
  capCount, HISTORY_COUNT_CAP, HISTORY_LIMITS, historyWindowStart, isAbuseReason, isCallerFlagKind, isCaseStatus, isFrequentByCount, isOpenStatus, isVulnerability, mayKnowProtectedCaller,
  normalizeVulnerabilities, type CallerHistory, type CallerViewer,
} from '@openline/core';
import type { DB } from '../../packages/server/src/db/schema.js';
import type { AppContext } from '../../packages/server/src/lib/app-context.js';
import { showCaller } from '../../packages/server/src/modules/cases/caller.js';
import { activeFlagsOf } from '../../packages/server/src/modules/caller-flags/repository.js';

const SUMMARY_CHARS = 60;
const asIso = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));

/** Which of a caller's records a viewer may be shown (ADR 0006, ADR 0020). */
interface HistoryScope {
  jurisdictionId: string;
  bidx: string;
  /** Tip-line cases and contacts count only for a viewer who may know reporters. */
  includeProtected: boolean;
  /** Only what came in on this line (a direct line's owner sees the caller's history with their line). */
  lineId?: string;
}

/** Read at most this many of a caller's cases: a caller with hundreds still answers at once. */
const HISTORY_CASE_LIMIT = 50;

/**
 * The caller's latest cases, newest first: those they opened and those they contacted again
 * about (as cases/phone-repository.ts finds them), each side read newest first through its
 * blind-index range (cases_caller_bidx_created, contacts_caller_bidx_received) and cut at the
 * limit, so a caller with thousands of cases costs what one with fifty does. Never by
 * decrypting rows.
 */
async function historyCases(db: Kysely<DB>, s: HistoryScope) {
  const base = () => {
    let q = db
      .selectFrom('cases')
      .leftJoin('lines', 'lines.id', 'cases.line_id')
      .select([
        'cases.id', 'cases.case_number', 'cases.status', 'cases.type', 'cases.content', 'cases.created_at', 'cases.line_id',
        'cases.caller_protected', 'cases.caller_name_enc', 'cases.caller_phone_bidx', 'lines.name as line_name',
      ])
      .where('cases.jurisdiction_id', '=', s.jurisdictionId);
    if (!s.includeProtected) q = q.where('cases.caller_protected', '=', 0);
    if (s.lineId !== undefined) q = q.where('cases.line_id', '=', s.lineId);
    return q;
  };
  const opened = base().where('cases.caller_phone_bidx', '=', s.bidx).orderBy('cases.created_at', 'desc').limit(HISTORY_CASE_LIMIT).execute();
  const recentlyContacted = contactsOf(db, s)
    .select('contacts.case_id')
    .where('contacts.case_id', 'is not', null)
    .orderBy('contacts.received_at', 'desc')
    .limit(HISTORY_CASE_LIMIT)
    .execute();
  const contactedIds = [...new Set((await recentlyContacted).map((r) => r.case_id).filter((id): id is string => id !== null))];
  const contacted = contactedIds.length > 0 ? await base().where('cases.id', 'in', contactedIds).execute() : [];
  const byId = new Map([...(await opened), ...contacted].map((c) => [c.id, c]));
  const time = (v: unknown): number => new Date(v as string).getTime();
  return [...byId.values()].sort((a, b) => time(b.created_at) - time(a.created_at)).slice(0, HISTORY_CASE_LIMIT);
}

/** The contacts filter shared by the list and the count: the caller's, visible to this viewer. */
function contactsOf(db: Kysely<DB>, s: HistoryScope) {
  let q = db
    .selectFrom('contacts')
    .leftJoin('cases', 'cases.id', 'contacts.case_id')
    .leftJoin('lines', 'lines.id', 'contacts.line_id')
    .where('contacts.caller_phone_bidx', '=', s.bidx)
    .where('contacts.jurisdiction_id', '=', s.jurisdictionId);
  if (!s.includeProtected) {
    q = q
      .where((eb) => eb.or([eb('lines.mode', 'is', null), eb('lines.mode', '!=', 'tip')]))
      .where((eb) => eb.or([eb('cases.caller_protected', 'is', null), eb('cases.caller_protected', '=', 0)]));
  }
  if (s.lineId !== undefined) q = q.where('contacts.line_id', '=', s.lineId);
  return q;
}

/** The caller's latest contacts, newest first (index contacts_caller_bidx_received). */
function historyContacts(db: Kysely<DB>, s: HistoryScope, limit: number) {
  return contactsOf(db, s)
    .select(['contacts.id', 'contacts.case_id', 'cases.case_number', 'contacts.channel', 'contacts.outcome', 'contacts.received_at'])
    .orderBy('contacts.received_at', 'desc')
    .limit(limit)
    .execute();
}

/** How many times the caller got in touch since `since`. */
async function countContactsSince(db: Kysely<DB>, s: HistoryScope, since: string): Promise<number> {
  const row = await contactsOf(db, s)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('contacts.received_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The caller's calls since `since`, and how many of them ended without a person answering (call_records_caller_idx). */
async function countCallsSince(db: Kysely<DB>, s: HistoryScope, since: string): Promise<{ calls: number; unanswered: number }> {
  let q = db
    .selectFrom('call_records')
    .leftJoin('lines', 'lines.id', 'call_records.line_id')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('calls'),
      eb.fn.sum<string | number | null>(eb.case().when(eb.and([eb('call_records.outcome', 'is not', null), eb('call_records.outcome', '!=', 'answered')])).then(1).else(0).end()).as('unanswered'),
    ])
    .where('call_records.caller_bidx', '=', s.bidx)
    .where('call_records.offered_at', '>=', since)
    .where('call_records.jurisdiction_id', '=', s.jurisdictionId)
    .where('call_records.direction', '=', 'in');
  if (!s.includeProtected) q = q.where((eb) => eb.or([eb('lines.mode', 'is', null), eb('lines.mode', '!=', 'tip')]));
  if (s.lineId !== undefined) q = q.where('call_records.line_id', '=', s.lineId);
  const row = await q.executeTakeFirst();
  return { calls: Number(row?.calls ?? 0), unanswered: Number(row?.unanswered ?? 0) };
}

/** The confirmed vulnerability flags of these cases. */
function vulnerabilityRows(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('case_vulnerabilities').select(['case_id', 'flag']).where('case_id', 'in', caseIds).execute();
}

export async function readCallerHistoryBefore(
  ctx: AppContext,
  o: { jurisdictionId: string; bidx: string; viewer: CallerViewer; lineId?: string; now?: Date },
): Promise<CallerHistory> {
  const scope: HistoryScope = { jurisdictionId: o.jurisdictionId, bidx: o.bidx, includeProtected: mayKnowProtectedCaller(o.viewer), ...(o.lineId ? { lineId: o.lineId } : {}) };
  const since = historyWindowStart(o.now ?? new Date());
  const [cases, contacts, contactCount, calls, callerFlags] = await Promise.all([
    historyCases(ctx.db, scope),
    historyContacts(ctx.db, scope, HISTORY_LIMITS.contacts),
    countContactsSince(ctx.db, scope, since),
    countCallsSince(ctx.db, scope, since),
    activeFlagsOf(ctx.db, o.jurisdictionId, o.bidx),
  ]);
  const flags = await vulnerabilityRows(ctx.db, cases.map((c) => c.id));
  const present = (c: (typeof cases)[number]) => ({
    caseId: c.id,
    caseNumber: c.case_number,
    status: isCaseStatus(c.status) ? c.status : 'received',
    type: c.type,
    summary: c.content.slice(0, SUMMARY_CHARS),
    lineName: c.line_name,
    createdAt: asIso(c.created_at),
  });
  // The name they gave on their own latest case (not on a neighbour's case they called about).
  const named = cases.find((c) => c.caller_phone_bidx === o.bidx && c.caller_name_enc !== null);
  const name = named
    ? showCaller({ caller_protected: named.caller_protected, caller_name_enc: named.caller_name_enc, caller_phone_enc: null, address_enc: null, caller_id_number_enc: null }, o.viewer, ctx.pii).callerName
    : null;
  const open = cases.filter((c) => isCaseStatus(c.status) && isOpenStatus(c.status));
  const closed = cases.filter((c) => !open.includes(c));
  return {
    callerName: name,
    openCases: open.slice(0, HISTORY_LIMITS.openCases).map(present),
    closedCases: closed.slice(0, HISTORY_LIMITS.closedCases).map(present),
    recentContacts: contacts.map((k) => ({
      contactId: k.id, caseId: k.case_id, caseNumber: k.case_number, channel: k.channel, outcome: k.outcome, receivedAt: asIso(k.received_at),
    })),
    contactsLast30Days: capCount(contactCount, HISTORY_COUNT_CAP).count,
    contactsCapped: capCount(contactCount, HISTORY_COUNT_CAP).capped,
    callsLast30Days: capCount(calls.calls, HISTORY_COUNT_CAP).count,
    callsCapped: capCount(calls.calls, HISTORY_COUNT_CAP).capped,
    unansweredCallsLast30Days: calls.unanswered,
    frequentCaller: isFrequentByCount(contactCount),
    vulnerabilities: normalizeVulnerabilities(flags.map((f) => f.flag).filter(isVulnerability)),
    flags: callerFlags.flatMap((f) => (isCallerFlagKind(f.kind) ? [{ kind: f.kind, reason: isAbuseReason(f.reason) ? f.reason : null }] : [])),
  };
}

