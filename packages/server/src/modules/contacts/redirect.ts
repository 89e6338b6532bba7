import { CHANNELS, REDIRECT_NUMBERS, normalizePhone } from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
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
  const e164 = phone?.ok ? phone.e164 : null;
  const contactId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertContact(trx, {
      id: contactId,
      jurisdiction_id: user.jurisdictionId,
      case_id: null,
      channel: input.channel,
      line_id: input.lineId ?? null,
      caller_name_enc: null,
      caller_phone_enc: e164 ? ctx.pii.encrypt(e164) : null,
      caller_phone_bidx: e164 ? ctx.pii.blindIndex(e164) : null,
      content: input.content,
      outcome: `redirected_${input.redirectNumber}`,
      received_at: nowIso(),
    });
    await appendAudit(trx, {
      jurisdictionId: user.jurisdictionId, actorUserId: user.id, action: 'contact.emergency_redirect', targetType: 'contact', targetId: contactId,
      ip: options.ip, detail: { redirectNumber: input.redirectNumber, category: input.category },
    });
  });
  return { contactId, redirectNumber: input.redirectNumber };
}
