import type { BlockedNumber } from '@openline/core';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { showSenderPhone } from '../cases/caller.js';
import { sealParty } from './parties.js';

/**
 * Callers a phone system is told to reject (Zammad's blocked numbers). The number is sealed
 * with the callers' blind index, so a newCall is checked with one indexed look-up, and an admin
 * sees it masked only, through the callers' rule (ADR 0006): the admin typed it, on no tip line.
 */
export async function blockNumber(ctx: AppContext, o: { user: SessionUser; ip: string; number: string; note: string }): Promise<BlockedNumber> {
  assertRole(o.user, ['admin']);
  const sealed = sealParty(o.number, ctx.pii);
  if (!sealed) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'number', message: 'a withheld number cannot be blocked' }]);
  const id = newId();
  const at = nowIso();
  await inTransaction(ctx, async ({ db }) => {
    const taken = await db.selectFrom('blocked_numbers').select('id').where('jurisdiction_id', '=', o.user.jurisdictionId).where('number_bidx', '=', sealed.bidx).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', 'This number is already blocked', [{ path: 'number', message: 'taken' }]);
    await db.insertInto('blocked_numbers').values({
      id, jurisdiction_id: o.user.jurisdictionId, number_enc: sealed.enc, number_bidx: sealed.bidx, note: o.note, created_by: o.user.id, created_at: at,
    }).execute();
    await appendAudit(db, { jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'blocked_number.add', targetType: 'blocked_number', targetId: id, ip: o.ip });
  });
  return { id, number: showSenderPhone(sealed.enc, false, o.user, ctx.pii) ?? '', note: o.note, createdAt: at };
}

export async function listBlockedNumbers(ctx: AppContext, o: { user: SessionUser }): Promise<BlockedNumber[]> {
  assertRole(o.user, ['admin']);
  const rows = await ctx.db
    .selectFrom('blocked_numbers')
    .select(['id', 'number_enc', 'note', 'created_at'])
    .where('jurisdiction_id', '=', o.user.jurisdictionId)
    .orderBy('created_at', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ id: r.id, number: showSenderPhone(r.number_enc, false, o.user, ctx.pii) ?? '', note: r.note, createdAt: r.created_at }));
}

export async function unblockNumber(ctx: AppContext, o: { user: SessionUser; ip: string; id: string }): Promise<void> {
  assertRole(o.user, ['admin']);
  await inTransaction(ctx, async ({ db }) => {
    const r = await db.deleteFrom('blocked_numbers').where('id', '=', o.id).where('jurisdiction_id', '=', o.user.jurisdictionId).executeTakeFirst();
    if (r.numDeletedRows !== 1n) throw new AppError('NOT_FOUND', 'No such blocked number');
    await appendAudit(db, { jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'blocked_number.remove', targetType: 'blocked_number', targetId: o.id, ip: o.ip });
  });
}
