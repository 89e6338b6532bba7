import type { Transaction } from 'kysely';
import type { PiiCipher } from '../../crypto/pii.js';
import type { CaseRow, DB } from '../../db/schema.js';
import { enqueueMessage } from '../outbox/enqueue.js';

const SMS_REPLY_CHARS = 120;

/**
 * Messages a transition causes, queued in its transaction (DESIGN §4: the citizen is notified
 * of the reply; the unit learns of work sent to it). Wording is the hotline's, in Chinese, as
 * residents receive it.
 */
export async function notifyForTransition(
  trx: Transaction<DB>,
  pii: PiiCipher,
  options: {
    row: CaseRow;
    action: string;
    toStatus: string;
    leadUnitId: string | null;
    replyText: string | null;
    /** Working days a unit just asked for (extension_request). */
    extensionDays?: number | null;
    jurisdictionName: string;
  },
): Promise<void> {
  const { row } = options;
  const base = { jurisdictionId: row.jurisdiction_id, caseId: row.id };

  if (options.toStatus === 'dispatched' && options.leadUnitId) {
    await enqueueMessage(trx, pii, {
      ...base,
      channel: 'staff',
      recipient: `unit:${options.leadUnitId}`,
      template: 'case_dispatched',
      body: `新工单 ${row.case_number} 已派至本单位，请在时限内受理或退回。`,
    });
  }
  // Supervisors rule on extensions: without this they learned of a request only by opening the case (issue 12 §1).
  if (options.action === 'extension_request' && options.extensionDays) {
    await enqueueMessage(trx, pii, {
      ...base,
      channel: 'staff',
      recipient: `role:supervisor:${row.jurisdiction_id}`,
      template: 'extension_requested',
      body: `工单 ${row.case_number} 的承办单位申请延期 ${options.extensionDays} 个工作日，请审批。`,
    });
  }
  // The unit that loses a re-dispatched case is told it no longer holds it.
  if (options.action === 'redispatch' && row.lead_unit_id && row.lead_unit_id !== options.leadUnitId) {
    await enqueueMessage(trx, pii, {
      ...base,
      channel: 'staff',
      recipient: `unit:${row.lead_unit_id}`,
      template: 'case_redispatched',
      body: `工单 ${row.case_number} 已由督办员改派至其他单位，本单位无需继续办理。`,
    });
  }
  if (options.action === 'reply' && options.replyText) {
    // Everyone whose appeal was merged into this case hears the reply too (DESIGN §4: 并单 joins
    // the handling, not the answer), each under their own case number; one SMS per phone.
    const told = new Set<string>();
    for (const recipient of [row, ...(await mergedChildren(trx, row))]) {
      if (!recipient.caller_phone_enc || !recipient.caller_phone_bidx || told.has(recipient.caller_phone_bidx)) continue;
      told.add(recipient.caller_phone_bidx);
      await enqueueMessage(trx, pii, replySms(pii, recipient, row.id, options.replyText, options.jurisdictionName));
    }
  }
}

/** Children share the parent's jurisdiction: named, the read stays in one partition (ADR 0033). */
function mergedChildren(trx: Transaction<DB>, parent: CaseRow): Promise<CaseRow[]> {
  return trx
    .selectFrom('cases')
    .selectAll()
    .where('jurisdiction_id', '=', parent.jurisdiction_id)
    .where('parent_id', '=', parent.id)
    .where('status', '=', 'merged')
    .orderBy('created_at')
    .execute();
}

/** The reply SMS to one caller, under their own case number; linked to the case that was handled. */
function replySms(pii: PiiCipher, recipient: CaseRow, handledCaseId: string, replyText: string, jurisdictionName: string) {
  const chars = Array.from(replyText);
  const tip = recipient.caller_protected === 1;
  const text = chars.length > SMS_REPLY_CHARS ? `${chars.slice(0, SMS_REPLY_CHARS).join('')}…` : replyText;
  return {
    jurisdictionId: recipient.jurisdiction_id,
    caseId: handledCaseId,
    channel: 'sms' as const,
    recipient: pii.decrypt(recipient.caller_phone_enc ?? ''),
    protectedRecipient: tip,
    template: 'case_replied',
    // A tip reporter hears from the tip line, not the 12345 hotline (as channels/sms/replies.ts).
    body: tip
      ? `【${jurisdictionName}】您的举报（编号${recipient.case_number}）已答复：${text}`
      : `【${jurisdictionName}12345】您的诉求（工单号${recipient.case_number}）已答复：${text}`,
  };
}
