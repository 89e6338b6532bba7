import { mayKnowProtectedCaller, normalizePhone, popAudience, type CallLink, type TakenCall } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { assertReferences } from '../../lib/references.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { canRecordIntake } from '../cases/policy.js';
import { callInJurisdiction, linkCallToCase } from './call-repository.js';

type CallRow = NonNullable<Awaited<ReturnType<typeof callInJurisdiction>>>;

/**
 * Who may take a call into a case: someone who records intake and who would have seen it ring.
 * Calls ringing at the centre (staffed and tip lines, direct lines without an owner, numbers of
 * no line) are the centre's operators'; only they may know a tip reporter (ADR 0006). A direct
 * line's owner sees their pop-up but records no cases, so nobody else takes those.
 */
function mayTake(user: SessionUser, call: CallRow): boolean {
  if (!canRecordIntake(user) || call.direction !== 'in') return false;
  const audience = call.line_mode === null ? { kind: 'centre_operators' as const } : popAudience({ mode: call.line_mode, ownerUserId: call.owner_user_id });
  return audience.kind === 'centre_operators' && mayKnowProtectedCaller(user);
}

async function findCall(ctx: AppContext, user: SessionUser, callId: string): Promise<CallRow> {
  const call = await callInJurisdiction(ctx.db, user.jurisdictionId, callId);
  // Another jurisdiction's call, or one this person would not have seen ring, is not theirs to name.
  if (!call) throw new AppError('NOT_FOUND', 'No such call');
  if (!mayTake(user, call)) throw new AppError('FORBIDDEN', 'Only the hotline centre\'s operators take calls into cases');
  return call;
}

/**
 * An operator answers a ringing call on screen: the new-case form needs the number in full.
 * Opening a caller's number is a reveal, so it is audited like the case page's (`pii.reveal`).
 */
export async function takeCall(ctx: AppContext, o: { user: SessionUser; callId: string; ip?: string }): Promise<TakenCall> {
  const call = await findCall(ctx, o.user, o.callId);
  const number = call.caller_enc ? ctx.pii.decrypt(call.caller_enc) : null;
  if (number !== null) {
    await appendAudit(ctx.db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'pii.reveal', targetType: 'call', targetId: call.id,
      ...(o.ip ? { ip: o.ip } : {}), detail: { reason: 'answering the call' },
    });
  }
  return {
    callId: call.id,
    callerPhone: number !== null && normalizePhone(number).ok ? number : null,
    lineId: call.line_id,
    channel: 'phone',
    caseId: call.case_id,
  };
}

/**
 * The case a call led to, on the call record (issue 10 §1: "the case or contact it led to").
 * Setting the same case again changes nothing; a call already linked to another case is 409.
 */
export async function linkCall(ctx: AppContext, o: { user: SessionUser; callId: string; caseId: string }): Promise<CallLink> {
  const call = await findCall(ctx, o.user, o.callId);
  await assertReferences(ctx.db, o.user.jurisdictionId, [{ kind: 'case', path: 'caseId', id: o.caseId }]);
  if (call.case_id === o.caseId) return { callId: call.id, caseId: o.caseId };
  await inTransaction(ctx, async (tx) => {
    const linked = await linkCallToCase(tx.db, { jurisdictionId: o.user.jurisdictionId, callId: call.id, caseId: o.caseId, at: nowIso() });
    if (!linked) throw new AppError('CONFLICT', 'This call is already linked to another case', [{ path: 'caseId', message: 'the call already led to another case' }]);
    await appendAudit(tx.db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'call.link', targetType: 'call', targetId: call.id, detail: { caseId: o.caseId },
    });
  });
  return { callId: call.id, caseId: o.caseId };
}
