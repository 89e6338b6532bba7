import {
  inboundSmsResultSchema, normalizePhone, petitionFieldSchema, petitionMissingReply, petitionProblemSchema, smsAlternatives,
  type InboundSmsResult, type PetitionField, type SmsLineChoice,
} from '@openline/core';
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
import { sendIntakeReply, smsHeldText } from './replies.js';
import type { PetitionProblem } from '../../modules/petitions/fields.js';
import { takePetitionMessage } from '../../modules/petitions/intake.js';
import { petitionIncompleteText, smsNotAcceptedText } from '../../modules/petitions/replies.js';
import { findSmsAnswer, recordSmsDetail } from '../../modules/petitions/repository.js';
import { claimMessage, findLineOfMessage, listLines, recordOutcome, type SmsLine } from './repository.js';

export const inboundSmsInput = z.object({
  messageId: z.string().trim().min(1).max(200).describe('the gateway\'s own id; a repeated delivery of it is taken once'),
  from: z.string().trim().min(1).max(32),
  to: z.string().trim().min(1).max(32).describe('the published line the message was sent to'),
  text: z.string().trim().min(1).max(4000),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export type InboundSms = z.infer<typeof inboundSmsInput>;


export interface SmsLineRef {
  id: string;
  mode: string;
}

export type TakenMessage = UnattendedOutcome | { kind: 'incomplete'; missing: PetitionField[]; invalid: PetitionProblem[] };

/**
 * Takes one message through unattended intake, inside the caller's transaction: the contact (and
 * case), the reply in the outbox and the message's outcome are written together. Used for a new
 * message and for a held one an operator releases. The SMS-only petition line reads the message
 * first (modules/petitions): an incomplete petition waits instead of opening a case.
 */
export async function takeMessage(
  ctx: TxContext,
  o: {
    messageId: string; jurisdiction: Jurisdiction; line: SmsLineRef; fromE164: string; text: string; ip: string; publicBaseUrl?: string | undefined; petitionWindowHours: number;
  },
): Promise<TakenMessage> {
  const trx = ctx.db;
  const line = { id: o.line.id, mode: o.line.mode };
  let outcome: UnattendedOutcome;
  if (o.line.mode === 'sms_only') {
    const petition = await takePetitionMessage(ctx, {
      jurisdiction: o.jurisdiction, line, fromE164: o.fromE164, text: o.text, ip: o.ip, windowHours: o.petitionWindowHours, now: new Date(),
    });
    if (petition.kind === 'incomplete') {
      await enqueueMessage(trx, ctx.pii, {
        jurisdictionId: o.jurisdiction.id, caseId: null, channel: 'sms', recipient: o.fromE164, template: 'sms_petition_incomplete',
        body: petitionIncompleteText({ jurisdictionName: o.jurisdiction.name, missingReply: petitionMissingReply(petition.parsed), windowHours: o.petitionWindowHours }),
      });
      await recordOutcome(trx, { jurisdictionId: o.jurisdiction.id, messageId: o.messageId, outcome: 'incomplete', caseId: null });
      await recordSmsDetail(trx, { jurisdictionId: o.jurisdiction.id, messageId: o.messageId, detail: JSON.stringify({ missing: petition.missing, invalid: petition.invalid }) });
      return { kind: 'incomplete', missing: petition.missing, invalid: petition.invalid };
    }
    outcome = petition.outcome;
  } else {
    outcome = await takeUnattendedContact(ctx, { jurisdiction: o.jurisdiction, channel: 'sms', content: o.text, phoneE164: o.fromE164, line, ip: o.ip });
  }
  await sendIntakeReply(ctx, { ...o, outcome });
  await recordOutcome(trx, { jurisdictionId: o.jurisdiction.id, messageId: o.messageId, outcome: outcome.kind, caseId: outcome.kind === 'redirected' ? null : outcome.caseId });
  return outcome;
}


/**
 * One text message from the SMS gateway (already authenticated by the route). The `to` number
 * picks the line and so the jurisdiction; the message id is claimed in the same transaction as
 * the contact, the case and the reply in the outbox, so a retried delivery changes nothing and a
 * failed one leaves nothing half-written. A sender over their limit (ADR 0007) is held: the
 * message is stored sealed for an operator, and the sender told so at most once per window.
 */
export async function receiveInboundSms(
  ctx: AppContext,
  o: { message: InboundSms; ip: string; publicBaseUrl?: string | undefined; petitionWindowHours: number },
): Promise<InboundSmsResult> {
  const { message } = o;
  const key = lineNumberKey(message.to);
  const line = (await listLines(ctx.db)).find((l) => lineNumberKey(l.number) === key);
  if (!line) throw new AppError('UNKNOWN_LINE', 'No published line has this number', [{ path: 'to', message: 'unknown line' }]);
  const from = normalizePhone(message.from);
  if (!from.ok) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'from', message: 'invalid phone number' }]);
  const jurisdiction = await findJurisdiction(ctx.db, line.jurisdictionId);
  if (!jurisdiction) throw new AppError('NOT_CONFIGURED', 'The line has no jurisdiction');

  // A retried delivery is answered before it is counted against the sender.
  const known = await duplicateResult(ctx, jurisdiction.id, message.messageId);
  if (known) return known;
  const attempt = publicLimitsOn(ctx) ? await countAttempt(ctx, { scope: 'smsPerSender', key: from.e164 }) : undefined;
  const hold = attempt !== undefined && !attempt.allowed;
  const notify = hold ? await firstInWindow(ctx, attempt) : false;
  const claim = {
    messageId: message.messageId, jurisdictionId: jurisdiction.id, lineId: line.id,
    gatewayReceivedAt: message.receivedAt ? new Date(message.receivedAt).toISOString() : null, at: nowIso(),
  };

  // A line that reads no texts: the sender learns where to write instead; no contact, no case.
  // Over their limit, a sender is told at most once per window, like a held message.
  if (!line.acceptsSms) return refuseMessage(ctx, { claim, jurisdiction, line, fromE164: from.e164, reply: !hold || notify });

  const taken = await inTransaction(ctx, async (tx): Promise<InboundSmsResult | null> => {
    const trx = tx.db;
    if (hold) {
      const claimed = await claimMessage(trx, { ...claim, outcome: 'held', senderEnc: ctx.pii.encrypt(from.e164), textEnc: ctx.pii.encrypt(message.text) });
      if (claimed && notify) {
        await enqueueMessage(trx, ctx.pii, {
          jurisdictionId: jurisdiction.id, caseId: null, channel: 'sms', recipient: from.e164, protectedRecipient: line.mode === 'tip', template: 'sms_intake_held',
          body: smsHeldText({ jurisdictionName: jurisdiction.name, tip: line.mode === 'tip' }),
        });
      }
      return claimed ? { messageId: message.messageId, outcome: 'held', duplicate: false } : null;
    }
    if (!(await claimMessage(trx, { ...claim, outcome: 'pending' }))) return null;
    const result = await takeMessage(tx, {
      messageId: message.messageId, jurisdiction, line, fromE164: from.e164, text: message.text, ip: o.ip, publicBaseUrl: o.publicBaseUrl, petitionWindowHours: o.petitionWindowHours,
    });
    return presentTaken(message.messageId, result, line.mode);
  });
  if (taken) return taken;
  return settledEarlier(ctx, jurisdiction.id, message.messageId);
}

/** The webhook's answer for a message taken now (petition lines say what is missing, or the case number). */
function presentTaken(messageId: string, result: TakenMessage, mode: string): InboundSmsResult {
  if (result.kind === 'incomplete') return { messageId, outcome: 'incomplete', missing: result.missing, invalid: result.invalid, duplicate: false };
  if (mode === 'sms_only' && result.kind !== 'redirected' && result.kind !== 'attached') return { messageId, outcome: result.kind, caseNumber: result.caseNumber, duplicate: false };
  return { messageId, outcome: result.kind, duplicate: false };
}

async function refuseMessage(
  ctx: AppContext,
  o: { claim: Omit<Parameters<typeof claimMessage>[1], 'outcome'>; jurisdiction: Jurisdiction; line: SmsLine; fromE164: string; reply: boolean },
): Promise<InboundSmsResult> {
  const alternatives = smsAlternatives((await listLines(ctx.db)).filter((l) => l.jurisdictionId === o.jurisdiction.id).map(smsChoice));
  const claimed = await inTransaction(ctx, async (tx) => {
    if (!(await claimMessage(tx.db, { ...o.claim, outcome: 'not_accepted' }))) return false;
    if (!o.reply) return true;
    await enqueueMessage(tx.db, ctx.pii, {
      jurisdictionId: o.jurisdiction.id, caseId: null, channel: 'sms', recipient: o.fromE164, protectedRecipient: o.line.mode === 'tip', template: 'sms_not_accepted',
      body: smsNotAcceptedText({ jurisdictionName: o.jurisdiction.name, alternatives }),
    });
    return true;
  });
  return claimed ? { messageId: o.claim.messageId, outcome: 'not_accepted', duplicate: false } : settledEarlier(ctx, o.jurisdiction.id, o.claim.messageId);
}

const smsChoice = (l: SmsLine): SmsLineChoice => ({ name: l.name, number: l.number, mode: l.mode, isPublic: l.isPublic === 1, acceptsSms: l.acceptsSms === 1 });

async function settledEarlier(ctx: AppContext, jurisdictionId: string, messageId: string): Promise<InboundSmsResult> {
  const earlier = await duplicateResult(ctx, jurisdictionId, messageId);
  if (!earlier) throw new AppError('CONFLICT', 'This message is being taken by another delivery; retry later');
  return earlier;
}

/**
 * A retried delivery gets the answer the first one got: the petition's gaps as they were then, or
 * its case number. The `to` number names the line and so the jurisdiction the message was claimed in.
 */
async function duplicateResult(ctx: AppContext, jurisdictionId: string, messageId: string): Promise<InboundSmsResult | undefined> {
  const earlier = await findSmsAnswer(ctx.db, jurisdictionId, messageId);
  const outcome = inboundSmsResultSchema.shape.outcome.safeParse(earlier?.outcome);
  if (!earlier || !outcome.success) return undefined;
  if (outcome.data === 'incomplete') {
    const detail = earlier.detail ? smsDetailSchema.safeParse(JSON.parse(earlier.detail)) : undefined;
    return { messageId, outcome: 'incomplete', missing: detail?.success ? detail.data.missing : [], invalid: detail?.success ? detail.data.invalid : [], duplicate: true };
  }
  const line = await findLineOfMessage(ctx.db, jurisdictionId, messageId);
  if (line === 'sms_only' && earlier.caseNumber && (outcome.data === 'opened' || outcome.data === 'merged')) {
    return { messageId, outcome: outcome.data, caseNumber: earlier.caseNumber, duplicate: true };
  }
  return { messageId, outcome: outcome.data, duplicate: true };
}

const smsDetailSchema = z.object({ missing: z.array(petitionFieldSchema), invalid: z.array(petitionProblemSchema) });
