import { CHANNELS, normalizePhone, type CaseStatus } from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import type { SessionUser } from '../auth/service.js';
import { recomputeCasePriority } from '../priority/recompute.js';
import { caseStateOf } from './case-state.js';
import { canRecordIntake, canViewCase } from './policy.js';
import { findCaseForAccess, insertContact, insertEvent } from './repository.js';

export const repeatContactInput = z.object({
  channel: z.enum(CHANNELS),
  callerPhone: z.string().trim().refine((v) => normalizePhone(v).ok, { message: 'invalid phone number' }),
  callerName: z.string().trim().min(1).max(50).optional(),
  content: z.string().trim().min(1).max(4000),
});
export type RepeatContactInput = z.infer<typeof repeatContactInput>;

/**
 * A repeat contact about an open case attaches to it instead of opening a new work order
 * (DESIGN §7); the caller hears the case's status. The case's status and priority do not
 * change: how often someone calls is recorded, never rewarded.
 */
export async function attachRepeatContact(
  ctx: AppContext,
  options: { user: SessionUser; caseId: string; input: RepeatContactInput },
): Promise<{ contactId: string; caseNumber: string; status: CaseStatus }> {
  const { user, input } = options;
  if (!canRecordIntake(user)) throw new AppError('FORBIDDEN', 'Only operators record contacts');
  const phone = normalizePhone(input.callerPhone);
  if (!phone.ok) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'callerPhone', message: 'invalid phone number' }]);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findCaseForAccess(trx, options.caseId);
    if (!row || !canViewCase(user, row)) throw new AppError('CASE_NOT_FOUND', 'No such case, or not visible to you');
    const at = nowIso();
    const contactId = newId();
    await insertContact(trx, {
      id: contactId,
      jurisdiction_id: row.jurisdiction_id,
      case_id: row.id,
      channel: input.channel,
      line_id: null,
      caller_name_enc: input.callerName ? ctx.pii.encrypt(input.callerName) : null,
      caller_phone_enc: ctx.pii.encrypt(phone.e164),
      caller_phone_bidx: ctx.pii.blindIndex(phone.e164),
      content: input.content,
      outcome: 'attached',
      received_at: at,
    });
    await insertEvent(trx, {
      caseId: row.id, type: 'contact_attached', actorKind: 'staff', actorUserId: user.id, fromStatus: null, toStatus: null,
      payload: { contactId, channel: input.channel }, createdAt: at,
    });
    // A new caller on the case may raise its priority; the same caller again cannot (distinct keys).
    await recomputeCasePriority(trx, row.id);
    if (row.parent_id) await recomputeCasePriority(trx, row.parent_id);
    return { contactId, caseNumber: row.case_number, status: caseStateOf(row).status };
  });
}
