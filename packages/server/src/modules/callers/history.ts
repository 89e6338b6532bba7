import {
  CASE_STATUSES, CASE_TYPES, CHANNELS, historyWindowStart, isCaseStatus, isFrequentByCount, isOpenStatus, isVulnerability,
  mayKnowProtectedCaller, normalizePhone, normalizeVulnerabilities, VULNERABILITIES, type CallerViewer,
} from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { showCaller } from '../cases/caller.js';
import { canRecordIntake } from '../cases/policy.js';
import { countCallsSince, countContactsSince, historyCases, historyContacts, vulnerabilityRows, type HistoryScope } from './history-repository.js';

export const MAX_OPEN_CASES = 10;
export const MAX_CLOSED_CASES = 5;
export const MAX_CONTACTS = 10;
/** Characters of a case's (already redacted) text shown as its summary. */
const SUMMARY_CHARS = 60;

const historyCase = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  type: z.enum(CASE_TYPES).or(z.string()),
  summary: z.string().describe('the start of the redacted appeal text'),
  lineName: z.string().nullable(),
  createdAt: z.string(),
});

export const callerHistorySchema = z.object({
  callerName: z.string().nullable().describe('the name on their latest case, masked'),
  openCases: z.array(historyCase).describe(`open cases, newest first (at most ${MAX_OPEN_CASES})`),
  closedCases: z.array(historyCase).describe(`latest finished cases (at most ${MAX_CLOSED_CASES})`),
  recentContacts: z.array(z.object({
    contactId: z.string(),
    caseId: z.string().nullable(),
    caseNumber: z.string().nullable(),
    channel: z.enum(CHANNELS).or(z.string()),
    outcome: z.string(),
    receivedAt: z.string(),
  })).describe(`latest contacts, newest first (at most ${MAX_CONTACTS})`),
  contactsLast30Days: z.number().int(),
  callsLast30Days: z.number().int(),
  unansweredCallsLast30Days: z.number().int(),
  frequentCaller: z.boolean().describe('more than 5 contacts in 30 days (DESIGN §7)'),
  vulnerabilities: z.array(z.enum(VULNERABILITIES)).describe('flags confirmed on any of their cases'),
});
export type CallerHistory = z.infer<typeof callerHistorySchema>;

const asIso = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));

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
  const [cases, contacts, contactCount, calls] = await Promise.all([
    historyCases(ctx.db, scope),
    historyContacts(ctx.db, scope, MAX_CONTACTS),
    countContactsSince(ctx.db, scope, since),
    countCallsSince(ctx.db, scope, since),
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
    openCases: open.slice(0, MAX_OPEN_CASES).map(present),
    closedCases: closed.slice(0, MAX_CLOSED_CASES).map(present),
    recentContacts: contacts.map((k) => ({
      contactId: k.id, caseId: k.case_id, caseNumber: k.case_number, channel: k.channel, outcome: k.outcome, receivedAt: asIso(k.received_at),
    })),
    contactsLast30Days: contactCount,
    callsLast30Days: calls.calls,
    unansweredCallsLast30Days: calls.unanswered,
    frequentCaller: isFrequentByCount(contactCount),
    vulnerabilities: normalizeVulnerabilities(flags.map((f) => f.flag).filter(isVulnerability)),
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
