import { normalizePhone } from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import { findJurisdiction, type Jurisdiction } from '../../modules/jurisdictions/repository.js';
import { countAttempt, firstInWindow, publicLimitsOn } from '../../modules/limits/service.js';
import { enqueueMessage } from '../../modules/outbox/enqueue.js';
import { takeUnattendedContact, type UnattendedOutcome } from '../../modules/unattended-intake/service.js';
import { lineNumberKey } from './line-number.js';
import { smsHeldText, smsReplyText } from './replies.js';
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
  outcome: z
    .enum(['redirected', 'attached', 'merged', 'opened', 'held', 'dismissed'])
    .describe('held: the sender was over their limit; the message is kept for an operator (never dropped). dismissed: an operator set a held message aside'),
  duplicate: z.boolean().describe('true: this message id was taken before; nothing new was written or sent'),
});
export type InboundSmsResult = z.infer<typeof inboundSmsResult>;

export interface SmsLineRef {
  id: string;
  mode: string;
}

/**
 * Takes one message through unattended intake, inside the caller's transaction: the contact (and
 * case), the reply in the outbox and the message's outcome are written together. Used for a new
 * message and for a held one an operator releases.
 */
export async function takeMessage(
  ctx: TxContext,
  o: { messageId: string; jurisdiction: Jurisdiction; line: SmsLineRef; fromE164: string; text: string; ip: string; publicBaseUrl?: string | undefined },
): Promise<UnattendedOutcome> {
  const trx = ctx.db;
  const outcome = await takeUnattendedContact(ctx, {
    jurisdiction: o.jurisdiction, channel: 'sms', content: o.text, phoneE164: o.fromE164, line: { id: o.line.id, mode: o.line.mode }, ip: o.ip,
  });
  await enqueueMessage(trx, ctx.pii, {
    jurisdictionId: o.jurisdiction.id,
    caseId: outcome.kind === 'redirected' ? null : outcome.caseId,
    channel: 'sms',
    recipient: o.fromE164,
    // A tip reporter's number never shows on the outbox page (ADR 0006).
    protectedRecipient: o.line.mode === 'tip',
    template: `sms_intake_${outcome.kind}`,
    body: smsReplyText(outcome, { jurisdictionName: o.jurisdiction.name, tip: o.line.mode === 'tip', publicBaseUrl: o.publicBaseUrl }),
    // The tracking code is sealed in the outbox; staff see ****** in its place.
    ...('trackingCode' in outcome ? { secret: outcome.trackingCode } : {}),
  });
  await recordOutcome(trx, o.messageId, outcome.kind, outcome.kind === 'redirected' ? null : outcome.caseId);
  return outcome;
}

/**
 * One text message from the SMS gateway (already authenticated by the route). The `to` number
 * picks the line and so the jurisdiction; the message id is claimed in the same transaction as
 * the contact, the case and the reply in the outbox, so a retried delivery changes nothing and a
 * failed one leaves nothing half-written. A sender over their limit (ADR 0007) is held: the
 * message is stored sealed for an operator, and the sender told so at most once per window.
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

  // A retried delivery is answered before it is counted against the sender.
  const known = await duplicateResult(ctx, message.messageId);
  if (known) return known;
  const attempt = publicLimitsOn(ctx) ? await countAttempt(ctx, { scope: 'smsPerSender', key: from.e164 }) : undefined;
  const hold = attempt !== undefined && !attempt.allowed;
  const notify = hold ? await firstInWindow(ctx, attempt) : false;
  const claim = {
    messageId: message.messageId, jurisdictionId: jurisdiction.id, lineId: line.id,
    gatewayReceivedAt: message.receivedAt ? new Date(message.receivedAt).toISOString() : null, at: nowIso(),
  };

  const taken = await inTransaction(ctx, async (tx): Promise<InboundSmsResult['outcome'] | null> => {
    const trx = tx.db;
    if (hold) {
      const claimed = await claimMessage(trx, { ...claim, outcome: 'held', senderEnc: ctx.pii.encrypt(from.e164), textEnc: ctx.pii.encrypt(message.text) });
      if (claimed && notify) {
        await enqueueMessage(trx, ctx.pii, {
          jurisdictionId: jurisdiction.id, caseId: null, channel: 'sms', recipient: from.e164, protectedRecipient: line.mode === 'tip', template: 'sms_intake_held',
          body: smsHeldText({ jurisdictionName: jurisdiction.name, tip: line.mode === 'tip' }),
        });
      }
      return claimed ? 'held' : null;
    }
    if (!(await claimMessage(trx, { ...claim, outcome: 'pending' }))) return null;
    return (await takeMessage(tx, { messageId: message.messageId, jurisdiction, line, fromE164: from.e164, text: message.text, ip: o.ip, publicBaseUrl: o.publicBaseUrl })).kind;
  });
  if (taken) return { messageId: message.messageId, outcome: taken, duplicate: false };
  const earlier = await duplicateResult(ctx, message.messageId);
  if (!earlier) throw new AppError('CONFLICT', 'This message is being taken by another delivery; retry later');
  return earlier;
}

async function duplicateResult(ctx: AppContext, messageId: string): Promise<InboundSmsResult | undefined> {
  const earlier = await findMessage(ctx.db, messageId);
  const outcome = inboundSmsResult.shape.outcome.safeParse(earlier?.outcome);
  return outcome.success ? { messageId, outcome: outcome.data, duplicate: true } : undefined;
}
