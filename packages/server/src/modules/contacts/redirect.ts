import { CHANNELS, REDIRECT_NUMBERS, normalizePhone } from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { assertReferences } from '../../lib/references.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { freeTextColumns, sealContactText } from '../cases/free-text.js';
import { insertContact } from '../cases/repository.js';

export const emergencyRedirectInput = z.object({
  channel: z.enum(CHANNELS),
  callerPhone: z.string().trim().refine((v) => normalizePhone(v).ok, { message: 'invalid phone number' }).optional(),
  content: z.string().trim().min(1).max(4000),
  redirectNumber: z.enum(REDIRECT_NUMBERS),
  category: z.string().trim().min(1).max(64).describe('the urgency lexicon category that fired, or the operator\'s own'),
  lineId: z.string().uuid().optional(),
});
export type EmergencyRedirectInput = z.infer<typeof emergencyRedirectInput>;

/**
 * An emergency is not a work order (DESIGN §3): the operator tells the caller to ring
 * 110/119/120 and records that here. The contact is kept (who, when, what, where sent) so
 * redirects are counted and auditable, but no case is opened and no department is involved.
 */
export async function recordEmergencyRedirect(
  ctx: AppContext,
  options: { user: SessionUser; ip: string; input: EmergencyRedirectInput },
): Promise<{ contactId: string; redirectNumber: string }> {
  const { user, input } = options;
  assertRole(user, ['operator', 'admin']);
  const phone = input.callerPhone ? normalizePhone(input.callerPhone) : null;
  if (phone && !phone.ok) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'callerPhone', message: 'invalid phone number' }]);
  await assertReferences(ctx.db, user.jurisdictionId, [{ kind: 'line', path: 'lineId', id: input.lineId }]);
  const contactId = await recordRedirectedContact(ctx, {
    jurisdictionId: user.jurisdictionId, actorUserId: user.id, ip: options.ip, channel: input.channel,
    callerPhone: phone?.ok ? phone.e164 : null, content: input.content, redirectNumber: input.redirectNumber,
    category: input.category, lineId: input.lineId,
  });
  return { contactId, redirectNumber: input.redirectNumber };
}

/**
 * The redirected contact and its audit entry, in one unit of work (joining the caller's);
 * shared by staff and unattended intake.
 */
export async function recordRedirectedContact(
  ctx: AppContext,
  r: {
    jurisdictionId: string; actorUserId: string | null; ip: string; channel: EmergencyRedirectInput['channel'];
    callerPhone: string | null; content: string; redirectNumber: string; category: string; lineId?: string | undefined;
  },
): Promise<string> {
  const contactId = newId();
  await inTransaction(ctx, async ({ db: trx }) => {
    await insertContact(trx, {
      id: contactId,
      jurisdiction_id: r.jurisdictionId,
      case_id: null,
      channel: r.channel,
      line_id: r.lineId ?? null,
      caller_name_enc: null,
      caller_phone_enc: r.callerPhone ? ctx.pii.encrypt(r.callerPhone) : null,
      caller_phone_bidx: r.callerPhone ? ctx.pii.blindIndex(r.callerPhone) : null,
      ...freeTextColumns(await sealContactText(trx, ctx.pii, r.content, r.lineId)),
      outcome: `redirected_${r.redirectNumber}`,
      received_at: nowIso(),
    });
    await appendAudit(trx, {
      jurisdictionId: r.jurisdictionId, actorUserId: r.actorUserId, action: 'contact.emergency_redirect', targetType: 'contact', targetId: contactId,
      ip: r.ip, detail: { redirectNumber: r.redirectNumber, category: r.category },
    });
  });
  return contactId;
}
