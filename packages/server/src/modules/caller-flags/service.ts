import {
  CASE_STATUSES, isOpenStatus, mayKnowProtectedCaller, normalizePhone,
  type CallerFlagList, type CallerFlagView, type FlaggedCaseList, type RaiseAbuseFlagInput, type ReviewCallerFlagInput,
} from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { showCaller, showSenderPhone } from '../cases/caller.js';
import { sealFreeText } from '../cases/free-text.js';
import { findRecipients } from '../notifications/repository.js';
import { notifyUsers } from '../notifications/fan-out.js';
import { mayRaiseAbuseFlag, mayReadCallerFlags, mayReviewCallerFlags } from './policy.js';
import { findFlag, flaggedOpenCases, insertFlagIfNone, listFlags, openCaseCounts, recordReview, type FlagRow } from './repository.js';
import { designatedHandler } from './settings.js';

const OPEN_STATUSES = CASE_STATUSES.filter(isOpenStatus);
const asIso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const SUMMARY_CHARS = 60;

function assertReader(user: SessionUser): void {
  if (!mayReadCallerFlags(user)) throw new AppError('FORBIDDEN', 'Caller flags are the hotline centre\'s');
}

/** Numbers leave through cases/caller.ts like every caller's (ADR 0006); tip lines never raise a flag, so none is a reporter's. */
function present(row: FlagRow, openCases: number, viewer: SessionUser, pii: AppContext['pii']): CallerFlagView {
  return {
    id: row.id,
    kind: row.kind === 'abuse' ? 'abuse' : 'frequent',
    status: row.status === 'cleared' ? 'cleared' : 'active',
    callerPhone: showSenderPhone(row.caller_phone_enc, false, viewer, pii) ?? '',
    reason: (row.reason as CallerFlagView['reason']) ?? null,
    note: row.note,
    contactsAtRaise: row.contacts_at_raise,
    raisedAt: asIso(row.raised_at),
    raisedByName: row.raised_by_name,
    reviewedAt: row.reviewed_at === null ? null : asIso(row.reviewed_at),
    reviewedByName: row.reviewed_by_name,
    reviewDecision: row.review_decision === 'confirm' || row.review_decision === 'clear' ? row.review_decision : null,
    reviewNote: row.review_note,
    openCases,
  };
}

/** The flag list: `unreviewed` is the supervisors' review queue. Numbers masked; notes redacted. */
export async function listCallerFlags(ctx: AppContext, o: { user: SessionUser; status: 'active' | 'cleared' | 'unreviewed'; limit: number }): Promise<CallerFlagList> {
  assertReader(o.user);
  const rows = await listFlags(ctx.db, { jurisdictionId: o.user.jurisdictionId, status: o.status, limit: o.limit });
  const counts = await openCaseCounts(ctx.db, {
    jurisdictionId: o.user.jurisdictionId, bidxs: [...new Set(rows.map((r) => r.caller_phone_bidx))], openStatuses: OPEN_STATUSES,
    includeProtected: mayKnowProtectedCaller(o.user),
  });
  return { items: rows.map((r) => present(r, counts.get(r.caller_phone_bidx) ?? 0, o.user, ctx.pii)) };
}

/** Who hears of a new flag: the designated handler, whose calls it changes, and the centre's supervisors, who review it. */
export async function flagAudience(ctx: Pick<AppContext, 'db'>, jurisdictionId: string): Promise<string[]> {
  const supervisors = (await findRecipients(ctx.db, { role: 'supervisor', jurisdictionId })).filter((u) => u.orgUnitKind === 'centre' || u.orgUnitPath.split('/').filter(Boolean).length <= 1);
  const designated = await designatedHandler(ctx.db, jurisdictionId);
  return [...new Set([...(designated ? [designated] : []), ...supervisors.map((u) => u.id)])];
}

/**
 * Staff flag a caller for abuse (骚扰, 辱骂, 威胁…) with a reason and a note, audited. The note is
 * staff's account of a person, so it is sealed with a redacted copy like a citizen's words.
 * A number already flagged for abuse keeps its flag (409): review that one instead.
 */
export async function raiseAbuseFlag(ctx: AppContext, o: { user: SessionUser; ip: string; input: RaiseAbuseFlagInput }): Promise<CallerFlagView> {
  if (!mayRaiseAbuseFlag(o.user)) throw new AppError('FORBIDDEN', 'Only the hotline centre\'s operators and supervisors flag callers');
  const phone = normalizePhone(o.input.phone);
  if (!phone.ok) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'phone', message: 'invalid phone number' }]);
  const { jurisdictionId } = o.user;
  const note = sealFreeText(ctx.pii, o.input.note);
  const id = newId();
  const at = nowIso();
  await inTransaction(ctx, async (tx) => {
    const inserted = await insertFlagIfNone(tx.db, {
      id, jurisdiction_id: jurisdictionId, caller_phone_bidx: ctx.pii.blindIndex(phone.e164), caller_phone_enc: ctx.pii.encrypt(phone.e164),
      kind: 'abuse', status: 'active', reason: o.input.reason, note: note.content, note_enc: note.content_enc, contacts_at_raise: null,
      raised_by_user_id: o.user.id, raised_at: at, reviewed_by_user_id: null, reviewed_at: null, review_decision: null, review_note: null, cleared_at: null,
    });
    if (!inserted) throw new AppError('CONFLICT', 'This number is already flagged for abuse', [{ path: 'phone', message: 'an abuse flag is in force: review it instead' }]);
    await appendAudit(tx.db, { jurisdictionId, actorUserId: o.user.id, action: 'caller_flag.raised', targetType: 'caller_flag', targetId: id, ip: o.ip, detail: { kind: 'abuse', reason: o.input.reason } });
    await notifyUsers(tx.db, { jurisdictionId, kind: 'caller_flagged', userIds: (await flagAudience(tx, jurisdictionId)).filter((u) => u !== o.user.id), at });
  });
  const row = await findFlag(ctx.db, jurisdictionId, id);
  if (!row) throw new Error('the flag just written is gone');
  return present(row, 0, o.user, ctx.pii);
}

/** A supervisor confirms a flag (it stays, now reviewed) or clears it (calls ring for everyone again), with a note; audited. */
export async function reviewCallerFlag(ctx: AppContext, o: { user: SessionUser; ip: string; id: string; input: ReviewCallerFlagInput }): Promise<CallerFlagView> {
  if (!mayReviewCallerFlags(o.user)) throw new AppError('FORBIDDEN', 'Only a supervisor of the hotline reviews caller flags');
  const { jurisdictionId } = o.user;
  const flag = await findFlag(ctx.db, jurisdictionId, o.id);
  if (!flag) throw new AppError('NOT_FOUND', 'No such caller flag');
  await inTransaction(ctx, async (tx) => {
    const done = await recordReview(tx.db, { id: o.id, userId: o.user.id, decision: o.input.decision, note: o.input.note, at: nowIso() });
    if (!done) throw new AppError('CONFLICT', 'This flag was already cleared');
    await appendAudit(tx.db, {
      jurisdictionId, actorUserId: o.user.id, action: o.input.decision === 'clear' ? 'caller_flag.cleared' : 'caller_flag.confirmed',
      targetType: 'caller_flag', targetId: o.id, ip: o.ip, detail: { kind: flag.kind },
    });
  });
  const row = await findFlag(ctx.db, jurisdictionId, o.id);
  if (!row) throw new Error('the flag just reviewed is gone');
  return present(row, 0, o.user, ctx.pii);
}

/**
 * The designated handler's queue: open cases of callers with a flag in force. The cases stay
 * where routing put them (lead unit, deadline, priority); this is where the person who takes
 * these callers sees everything they have open. A protected reporter's case is listed only for
 * whom may know them (ADR 0006).
 */
export async function flaggedCaseQueue(ctx: AppContext, o: { user: SessionUser; limit: number }): Promise<FlaggedCaseList> {
  assertReader(o.user);
  const rows = await flaggedOpenCases(ctx.db, { jurisdictionId: o.user.jurisdictionId, openStatuses: OPEN_STATUSES, includeProtected: mayKnowProtectedCaller(o.user), limit: o.limit });
  return {
    items: rows.map((r) => ({
        caseId: r.id, caseNumber: r.case_number, status: r.status, type: r.type, summary: r.content.slice(0, SUMMARY_CHARS),
        callerPhone: showCaller({ caller_protected: r.caller_protected, caller_name_enc: null, caller_phone_enc: r.caller_phone_enc, address_enc: null, caller_id_number_enc: null }, o.user, ctx.pii).callerPhone,
      createdAt: asIso(r.created_at),
    })),
  };
}

