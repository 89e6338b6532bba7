import { normalizePhone } from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { findJurisdiction } from '../../modules/jurisdictions/repository.js';
import { enqueueMessage } from '../../modules/outbox/enqueue.js';
import { takeUnattendedContact, type UnattendedOutcome } from '../../modules/unattended-intake/service.js';
import { lineNumberKey } from './line-number.js';
import { smsReplyText } from './replies.js';
import { claimMessage, findMessage, listLines, recordOutcome } from './repository.js';

export const inboundSmsInput = z.object({
  messageId: z.string().trim().min(1).max(200).describe('the gateway\'s own id; a repeated delivery of it is taken once'),
  from: z.string().trim().min(1).max(32),
  to: z.string().trim().min(1).max(32).describe('the published line the message was sent to'),
  text: z.string().trim().min(1).max(4000),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export type InboundSms = z.infer<typeof inboundSmsInput>;

export const inboundSmsResult = z.object({
  messageId: z.string(),
  outcome: z.enum(['redirected', 'attached', 'merged', 'opened']),
  duplicate: z.boolean().describe('true: this message id was taken before; nothing new was written or sent'),
});
export type InboundSmsResult = z.infer<typeof inboundSmsResult>;

/**
 * One text message from the SMS gateway (already authenticated by the route). The `to` number
 * picks the line and so the jurisdiction; the message id is claimed in the same transaction as
 * the contact, the case and the reply in the outbox, so a retried delivery changes nothing and a
 * failed one leaves nothing half-written.
 */
export async function receiveInboundSms(ctx: AppContext, o: { message: InboundSms; ip: string; publicBaseUrl?: string | undefined }): Promise<InboundSmsResult> {
  const { message } = o;
  const key = lineNumberKey(message.to);
  const line = (await listLines(ctx.db)).find((l) => lineNumberKey(l.number) === key);
  if (!line) throw new AppError('UNKNOWN_LINE', 'No published line has this number', [{ path: 'to', message: 'unknown line' }]);
  const from = normalizePhone(message.from);
  if (!from.ok) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'from', message: 'invalid phone number' }]);
  const jurisdiction = await findJurisdiction(ctx.db, line.jurisdictionId);
  if (!jurisdiction) throw new AppError('NOT_CONFIGURED', 'The line has no jurisdiction');
  const tip = line.mode === 'tip';

  const taken = await ctx.db.transaction().execute(async (trx): Promise<UnattendedOutcome | null> => {
    const claimed = await claimMessage(trx, {
      messageId: message.messageId, jurisdictionId: jurisdiction.id, lineId: line.id,
      gatewayReceivedAt: message.receivedAt ? new Date(message.receivedAt).toISOString() : null, at: nowIso(),
    });
    if (!claimed) return null;
    const outcome = await takeUnattendedContact(ctx, trx, {
      jurisdiction, channel: 'sms', content: message.text, phoneE164: from.e164, line: { id: line.id, mode: line.mode }, ip: o.ip,
    });
    await enqueueMessage(trx, ctx.pii, {
      jurisdictionId: jurisdiction.id,
      caseId: outcome.kind === 'redirected' ? null : outcome.caseId,
      channel: 'sms',
      recipient: from.e164,
      protectedRecipient: tip,
      template: `sms_intake_${outcome.kind}`,
      body: smsReplyText(outcome, { jurisdictionName: jurisdiction.name, tip, publicBaseUrl: o.publicBaseUrl }),
      // The tracking code is sealed in the outbox; staff see ****** in its place.
      ...('trackingCode' in outcome ? { secret: outcome.trackingCode } : {}),
    });
    await recordOutcome(trx, message.messageId, outcome.kind, outcome.kind === 'redirected' ? null : outcome.caseId);
    return outcome;
  });
  if (taken) return { messageId: message.messageId, outcome: taken.kind, duplicate: false };
  const earlier = await findMessage(ctx.db, message.messageId);
  const outcome = inboundSmsResult.shape.outcome.safeParse(earlier?.outcome);
  if (!outcome.success) throw new AppError('CONFLICT', 'This message is being taken by another delivery; retry later');
  return { messageId: message.messageId, outcome: outcome.data, duplicate: true };
}
