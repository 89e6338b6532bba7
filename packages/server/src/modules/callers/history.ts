import {
  capCount, HISTORY_COUNT_CAP, HISTORY_LIMITS, historyWindowStart, isAbuseReason, isCallerFlagKind, isCaseStatus, isFrequentByCount, isOpenStatus, isVulnerability, mayKnowProtectedCaller,
  normalizePhone, normalizeVulnerabilities, type CallerHistory, type CallerViewer,
} from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { showCaller } from '../cases/caller.js';
import { canRecordIntake } from '../cases/policy.js';
import { readHistoryRows, type HistoryCase, type HistoryLimits, type HistoryScope } from './history-repository.js';

export type { CallerHistory };

/** Characters of a case's (already redacted) text shown as its summary. */
const SUMMARY_CHARS = 60;
const LIMITS: HistoryLimits = { ...HISTORY_LIMITS, counts: HISTORY_COUNT_CAP };

/**
 * A caller's history as this viewer may see it: open and recent cases, latest contacts, how
 * often they got in touch and called in 30 days, the frequent-caller and vulnerability flags;
 * the number and name masked. A tip-line reporter's records count only for a viewer who may
 * know them (ADR 0006); `lineId` narrows it to one line's records.
 */
export async function readCallerHistory(
  ctx: AppContext,
  o: { jurisdictionId: string; bidx: string; viewer: CallerViewer; lineId?: string; now?: Date; ringingSince?: string },
): Promise<CallerHistory> {
  const scope: HistoryScope = { jurisdictionId: o.jurisdictionId, bidx: o.bidx, includeProtected: mayKnowProtectedCaller(o.viewer), ...(o.lineId ? { lineId: o.lineId } : {}) };
  const since = historyWindowStart(o.now ?? new Date());
  // A ringing call is not counted in its own history: a first-time caller read "called once".
  const h = await readHistoryRows(ctx.db, ctx.dialect, scope, { since, limits: LIMITS, ...(o.ringingSince ? { callsBefore: o.ringingSince } : {}) });
  const present = (c: HistoryCase) => ({
    caseId: c.id,
    caseNumber: c.case_number,
    status: isCaseStatus(c.status) ? c.status : 'received',
    type: c.type,
    summary: c.content.slice(0, SUMMARY_CHARS),
    lineName: c.line_name,
    createdAt: c.created_at,
  });
  const name = h.named
    ? showCaller({ caller_protected: h.named.caller_protected, caller_name_enc: h.named.caller_name_enc, caller_phone_enc: null, address_enc: null, caller_id_number_enc: null }, o.viewer, ctx.pii).callerName
    : null;
  const contacts = capCount(h.contactsRead, LIMITS.counts);
  const calls = capCount(h.calls.calls, LIMITS.counts);
  const open = h.cases.filter((c) => isCaseStatus(c.status) && isOpenStatus(c.status));
  return {
    callerName: name,
    openCases: open.map(present),
    closedCases: h.cases.filter((c) => !open.includes(c)).map(present),
    recentContacts: h.contacts.map((k) => ({
      contactId: k.id, caseId: k.case_id, caseNumber: k.case_number, channel: k.channel, outcome: k.outcome, receivedAt: k.received_at,
    })),
    contactsLast30Days: contacts.count,
    contactsCapped: contacts.capped,
    callsLast30Days: calls.count,
    callsCapped: calls.capped,
    unansweredCallsLast30Days: h.calls.unanswered,
    // The cap is far above the rule's threshold (core HISTORY_COUNT_CAP): a capped count is frequent.
    frequentCaller: isFrequentByCount(contacts.count),
    vulnerabilities: normalizeVulnerabilities(h.vulnerabilities.map((f) => f.flag).filter(isVulnerability)),
    flags: h.flags.flatMap((f) => (isCallerFlagKind(f.kind) ? [{ kind: f.kind, reason: isAbuseReason(f.reason) ? f.reason : null }] : [])),
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
