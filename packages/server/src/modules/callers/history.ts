import {
  HISTORY_LIMITS, historyWindowStart, isAbuseReason, isCallerFlagKind, isCaseStatus, isFrequentByCount, isOpenStatus, isVulnerability, mayKnowProtectedCaller, normalizePhone,
  normalizeVulnerabilities, type CallerHistory, type CallerViewer,
} from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { showCaller } from '../cases/caller.js';
import { canRecordIntake } from '../cases/policy.js';
import { readHistoryRows, type HistoryScope } from './history-repository.js';

export type { CallerHistory };

/** Characters of a case's (already redacted) text shown as its summary. */
const SUMMARY_CHARS = 60;

/**
 * A caller's history as this viewer may see it: open and recent cases, latest contacts, how
 * often they got in touch and called in 30 days, the frequent-caller and vulnerability flags;
 * the number and name masked. A tip-line reporter's records count only for a viewer who may
 * know them (ADR 0006); `lineId` narrows it to one line's records.
 */
export async function readCallerHistory(
  ctx: AppContext,
  o: { jurisdictionId: string; bidx: string; viewer: CallerViewer; lineId?: string; now?: Date },
): Promise<CallerHistory> {
  const scope: HistoryScope = { jurisdictionId: o.jurisdictionId, bidx: o.bidx, includeProtected: mayKnowProtectedCaller(o.viewer), ...(o.lineId ? { lineId: o.lineId } : {}) };
  const since = historyWindowStart(o.now ?? new Date());
  const { cases, vulnerabilities: flags, contacts, contactCount, calls, flags: callerFlags } = await readHistoryRows(ctx.db, ctx.dialect, scope, { since, contactLimit: HISTORY_LIMITS.contacts });
  const present = (c: (typeof cases)[number]) => ({
    caseId: c.id,
    caseNumber: c.case_number,
    status: isCaseStatus(c.status) ? c.status : 'received',
    type: c.type,
    summary: c.content.slice(0, SUMMARY_CHARS),
    lineName: c.line_name,
    createdAt: c.created_at,
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
      contactId: k.id, caseId: k.case_id, caseNumber: k.case_number, channel: k.channel, outcome: k.outcome, receivedAt: k.received_at,
    })),
    contactsLast30Days: contactCount,
    callsLast30Days: calls.calls,
    unansweredCallsLast30Days: calls.unanswered,
    frequentCaller: isFrequentByCount(contactCount),
    vulnerabilities: normalizeVulnerabilities(flags.map((f) => f.flag).filter(isVulnerability)),
    flags: callerFlags.flatMap((f) => (isCallerFlagKind(f.kind) ? [{ kind: f.kind, reason: isAbuseReason(f.reason) ? f.reason : null }] : [])),
  };
}

/** `GET /callers/history?phone=`: an operator types a number and sees the caller at once (issue 10 §2, issue 12 §3). */
export async function callerHistoryByPhone(ctx: AppContext, o: { user: SessionUser; phone: string; now?: Date }): Promise<CallerHistory> {
  if (!canRecordIntake(o.user)) throw new AppError('FORBIDDEN', 'Only operators look up callers');
  const phone = normalizePhone(o.phone);
  if (!phone.ok) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'phone', message: 'invalid phone number' }]);
  // The number is not echoed back: the operator typed it, and for a viewer who may not know a tip
  // reporter even the masked number next to an empty history must say nothing (ADR 0006).
  return readCallerHistory(ctx, { jurisdictionId: o.user.jurisdictionId, bidx: ctx.pii.blindIndex(phone.e164), viewer: o.user });
}
