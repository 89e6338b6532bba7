import { ESCALATION_TIERS, type EscalationTier } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { actsForUnit, supervisionScope as noticeScope } from './access.js';
import { acknowledgeNotice, findNotice, listNotices, type NoticeRow } from './repository.js';

export type Notice = Omit<NoticeRow, 'unitPath' | 'tier'> & { tier: EscalationTier; canAcknowledge: boolean };

/** The stored tier number as core's name (1 unit, 2 leadership, 3 city office); the 签收 button follows actsForUnit. */
function present(user: SessionUser, { unitPath, tier, ...row }: NoticeRow): Notice {
  return {
    ...row,
    tier: ESCALATION_TIERS[Math.min(Math.max(tier, 1), 3) - 1] ?? 'unit',
    canAcknowledge: row.acknowledgedAt === null && actsForUnit(user, unitPath),
  };
}

export async function listSupervisionNotices(
  ctx: AppContext,
  options: { user: SessionUser; open: boolean | undefined; page: number; pageSize: number },
): Promise<{ items: Notice[]; total: number }> {
  const scope = noticeScope(options.user);
  if (scope === false) throw new AppError('FORBIDDEN', 'Your role does not receive supervision notices');
  const { items, total } = await listNotices(ctx.db, {
    jurisdictionId: options.user.jurisdictionId,
    unitPath: scope,
    open: options.open,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
  return { items: items.map((row) => present(options.user, row)), total };
}

/**
 * The addressed unit confirms it has seen the notice (签收); the first acknowledgement counts.
 * Those who see the notice without acting for the unit (the city office) get 403 NOT_ADDRESSED_UNIT.
 */
export async function acknowledgeSupervisionNotice(
  ctx: AppContext,
  options: { user: SessionUser; noticeId: string; ip: string },
): Promise<Notice> {
  const scope = noticeScope(options.user);
  const notice = await findNotice(ctx.db, options.noticeId, options.user.jurisdictionId);
  const visible = notice && scope !== false && (scope === null || (notice.unitPath ?? '').startsWith(scope));
  if (!notice || !visible) throw new AppError('NOT_FOUND', 'No such supervision notice');
  if (!actsForUnit(options.user, notice.unitPath)) throw new AppError('NOT_ADDRESSED_UNIT', 'Only the unit the notice is addressed to signs for it');
  await inTransaction(ctx, async ({ db }) => {
    await acknowledgeNotice(db, { jurisdictionId: options.user.jurisdictionId, id: notice.id, userId: options.user.id, at: nowIso() });
    await appendAudit(db, {
      jurisdictionId: options.user.jurisdictionId,
      actorUserId: options.user.id,
      action: 'supervision.acknowledge',
      targetType: 'supervision_notice',
      targetId: notice.id,
      ip: options.ip,
    });
  });
  const { items } = await listNotices(ctx.db, {
    jurisdictionId: options.user.jurisdictionId, unitPath: null, open: undefined, limit: 1, offset: 0, id: notice.id,
  });
  const [found] = items;
  if (!found) throw new AppError('NOT_FOUND', 'No such supervision notice');
  return present(options.user, found);
}
