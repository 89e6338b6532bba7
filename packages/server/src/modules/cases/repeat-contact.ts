import { CHANNELS, normalizePhone, type CaseStatus, type Channel, type EventPayload } from '@openline/core';
import { z } from 'zod';
import type { CaseRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import type { SessionUser } from '../auth/service.js';
import { recomputeCasePriority } from '../priority/recompute.js';
import { caseStateOf } from './case-state.js';
import { freeTextColumns, sealContactText } from './free-text.js';
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
  return inTransaction(ctx, async (tx) => {
    const row = await findCaseForAccess(tx.db, user.jurisdictionId, options.caseId);
    if (!row || !canViewCase(user, row)) throw new AppError('CASE_NOT_FOUND', 'No such case, or not visible to you');
    const contactId = await attachContactIn(tx, {
      row, channel: input.channel, lineId: null, callerName: input.callerName, callerPhone: phone.e164, content: input.content,
      actor: { kind: 'staff', userId: user.id },
    });
    return { contactId, caseNumber: row.case_number, status: caseStateOf(row).status };
  });
}

/**
 * Writes the attached contact and its `contact_attached` event in the caller's unit of work. Used
 * by operators and by unattended intake (actor `system`, whose `detail` — rule and score — goes
 * into the event so staff see that no person decided it).
 */
export async function attachContactIn(
  ctx: TxContext,
  c: {
    row: Pick<CaseRow, 'id' | 'jurisdiction_id' | 'parent_id'>;
    channel: Channel;
    lineId: string | null;
    callerName?: string | undefined;
    /** E.164, already validated. */
    callerPhone: string;
    content: string;
    /** The sender's own tracking code (hash), when nobody answered: the case may be someone else's. */
    trackingCodeHash?: string | undefined;
    actor: { kind: 'staff'; userId: string } | { kind: 'system'; detail: EventPayload };
  },
): Promise<string> {
  const trx = ctx.db;
  const at = nowIso();
  const contactId = newId();
  await insertContact(trx, {
    id: contactId,
    jurisdiction_id: c.row.jurisdiction_id,
    case_id: c.row.id,
    channel: c.channel,
    line_id: c.lineId,
    caller_name_enc: c.callerName ? ctx.pii.encrypt(c.callerName) : null,
    caller_phone_enc: ctx.pii.encrypt(c.callerPhone),
    caller_phone_bidx: ctx.pii.blindIndex(c.callerPhone),
    ...freeTextColumns(await sealContactText(trx, ctx.pii, c.content, c.lineId)),
    ...(c.trackingCodeHash ? { tracking_code_hash: c.trackingCodeHash } : {}),
    outcome: 'attached',
    received_at: at,
  });
  await insertEvent(trx, {
    caseId: c.row.id,
    jurisdictionId: c.row.jurisdiction_id,
    type: 'contact_attached',
    actorKind: c.actor.kind,
    actorUserId: c.actor.kind === 'staff' ? c.actor.userId : null,
    fromStatus: null,
    toStatus: null,
    payload: { contactId, channel: c.channel, ...(c.actor.kind === 'system' ? c.actor.detail : {}) },
    createdAt: at,
  });
  // A new caller on the case may raise its priority; the same caller again cannot (distinct keys).
  await recomputeCasePriority(trx, { jurisdictionId: c.row.jurisdiction_id, caseId: c.row.id });
  if (c.row.parent_id) await recomputeCasePriority(trx, { jurisdictionId: c.row.jurisdiction_id, caseId: c.row.parent_id });
  return contactId;
}
