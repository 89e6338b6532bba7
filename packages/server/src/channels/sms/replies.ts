import type { TxContext } from '../../lib/unit-of-work.js';
import type { Jurisdiction } from '../../modules/jurisdictions/repository.js';
import { enqueueMessage, OUTBOX_SECRET_PLACEHOLDER as CODE } from '../../modules/outbox/enqueue.js';
import type { UnattendedOutcome } from '../../modules/unattended-intake/service.js';

/**
 * The SMS answer to an inbound message, in Chinese and short (one or two SMS segments). A tip
 * line says 举报 and not 诉求; neither names the sender. The tracking code is not written into
 * the text: the outbox seals it and puts it in at delivery (OUTBOX_SECRET_PLACEHOLDER).
 */
export function smsReplyText(outcome: UnattendedOutcome, o: { jurisdictionName: string; tip: boolean; publicBaseUrl?: string | undefined }): string {
  const sign = o.tip ? `【${o.jurisdictionName}】` : `【${o.jurisdictionName}12345】`;
  const noun = o.tip ? '举报' : '诉求';
  const track = `查询码${CODE}，进度见 ${o.publicBaseUrl ?? ''}/track/${CODE}`;
  switch (outcome.kind) {
    case 'redirected':
      return `${sign}您反映的情况可能十分紧急，请立即拨打${outcome.redirectNumber}。短信渠道不能处理紧急求助。`;
    case 'attached':
      // Like a new appeal, without a case number: the case it joined may be someone else's.
      return `${sign}您的${noun}已受理，${track}`;
    case 'merged':
      return `${sign}您的${noun}已受理，工单号${outcome.caseNumber}。同一问题已在办理，将一并处理。${track}`;
    case 'opened':
      return `${sign}您的${noun}已受理，工单号${outcome.caseNumber}，${track}`;
  }
}

/** Sent at most once per window to a sender over their limit: nothing is lost, and nobody needs to send it again. */
export function smsHeldText(o: { jurisdictionName: string; tip: boolean }): string {
  const sign = o.tip ? `【${o.jurisdictionName}】` : `【${o.jurisdictionName}12345】`;
  return `${sign}您短时间内发来的短信较多，我们已全部收到并保存，工作人员将稍后逐条处理，请勿重复发送。紧急情况请直接拨打110、119或120。`;
}

/** The usual answer to a message that was taken: the case number (if the sender may know it) and the tracking code. */
export async function sendIntakeReply(
  ctx: TxContext,
  o: { jurisdiction: Pick<Jurisdiction, 'id' | 'name'>; line: { mode: string }; fromE164: string; outcome: UnattendedOutcome; publicBaseUrl?: string | undefined },
): Promise<void> {
  const { outcome } = o;
  await enqueueMessage(ctx.db, ctx.pii, {
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
}
