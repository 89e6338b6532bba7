import { redactPersonalData, type HeldSmsList, type HeldSmsProcessed } from '@openline/core';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../../modules/audit/repository.js';
import type { SessionUser } from '../../modules/auth/service.js';
import { showSenderPhone } from '../../modules/cases/caller.js';
import { findCaseById } from '../../modules/cases/repository.js';
import { findJurisdiction } from '../../modules/jurisdictions/repository.js';
import { findHeld, listHeld, settleHeld } from './repository.js';
import { takeMessage } from './service.js';

/** Operators take unattended intake's leftovers; admins oversee them. */
const ROLES = ['operator', 'admin'] as const;
const LIST_LIMIT = 200;


/** Messages held because their sender was over the limit (ADR 0007), oldest first. */
export async function listHeldSms(ctx: AppContext, options: { user: SessionUser }): Promise<HeldSmsList> {
  assertRole(options.user, ROLES);
  const rows = await listHeld(ctx.db, options.user.jurisdictionId, LIST_LIMIT);
  return {
    messages: rows.map((r) => ({
      messageId: r.messageId,
      line: { id: r.lineId, number: r.lineNumber, name: r.lineName },
      from: showSenderPhone(r.senderEnc, r.lineMode === 'tip', options.user, ctx.pii),
      text: redactPersonalData(ctx.pii.decrypt(r.textEnc), { smsOnlyLine: r.lineMode === 'sms_only' }).redacted,
      receivedAt: r.receivedAt,
    })),
  };
}

async function heldOrThrow(ctx: AppContext, user: SessionUser, messageId: string) {
  const row = await findHeld(ctx.db, user.jurisdictionId, messageId);
  if (!row) throw new AppError('NOT_FOUND', 'No held message has this id');
  return row;
}

/**
 * An operator releases a held message: it goes through unattended intake as if it had just
 * arrived (no limit this time: a person decided), and the sender gets the usual reply.
 */
export async function processHeldSms(
  ctx: AppContext,
  options: { user: SessionUser; messageId: string; ip: string; publicBaseUrl?: string | undefined; petitionWindowHours: number },
): Promise<HeldSmsProcessed> {
  assertRole(options.user, ROLES);
  const row = await heldOrThrow(ctx, options.user, options.messageId);
  const jurisdiction = await findJurisdiction(ctx.db, options.user.jurisdictionId);
  if (!jurisdiction) throw new AppError('NOT_CONFIGURED', 'The jurisdiction is missing');
  const fromE164 = ctx.pii.decrypt(row.senderEnc);
  const text = ctx.pii.decrypt(row.textEnc);
  // The settle, the case it opens and the audit entry commit together (one unit of work).
  const outcome = await inTransaction(ctx, async (tx) => {
    if (!(await settleHeld(tx.db, { jurisdictionId: jurisdiction.id, messageId: row.messageId, outcome: 'pending', userId: options.user.id, at: nowIso() }))) return null;
    const taken = await takeMessage(tx, {
      messageId: row.messageId, jurisdiction, line: { id: row.lineId, mode: row.lineMode }, fromE164, text, ip: options.ip, publicBaseUrl: options.publicBaseUrl,
      petitionWindowHours: options.petitionWindowHours,
    });
    await appendAudit(tx.db, {
      jurisdictionId: jurisdiction.id, actorUserId: options.user.id, action: 'sms.held_processed', targetType: 'inbound_sms', targetId: row.messageId, ip: options.ip,
      detail: { outcome: taken.kind },
    });
    return taken;
  });
  if (!outcome) throw new AppError('CONFLICT', 'Someone else settled this message just now');
  // Staff may see the case an attached message joined; only the sender's answer withholds it (ADR 0009).
  const caseNumber =
    outcome.kind === 'redirected' || outcome.kind === 'incomplete' ? null : outcome.kind === 'attached' ? ((await findCaseById(ctx.db, jurisdiction.id, outcome.caseId))?.case_number ?? null) : outcome.caseNumber;
  return { messageId: row.messageId, outcome: outcome.kind, caseNumber };
}

/** An operator sets a held message aside (abuse, a duplicate of what was taken); the reason is audited. */
export async function dismissHeldSms(ctx: AppContext, options: { user: SessionUser; messageId: string; reason: string; ip: string }): Promise<void> {
  assertRole(options.user, ROLES);
  const row = await heldOrThrow(ctx, options.user, options.messageId);
  await inTransaction(ctx, async (tx) => {
    const done = await settleHeld(tx.db, { jurisdictionId: options.user.jurisdictionId, messageId: row.messageId, outcome: 'dismissed', userId: options.user.id, at: nowIso() });
    if (!done) throw new AppError('CONFLICT', 'Someone else settled this message just now');
    await appendAudit(tx.db, {
      jurisdictionId: options.user.jurisdictionId, actorUserId: options.user.id, action: 'sms.held_dismissed', targetType: 'inbound_sms', targetId: row.messageId, ip: options.ip,
      detail: { reason: options.reason },
    });
  });
}
