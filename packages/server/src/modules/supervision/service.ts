import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { supervisesWholeJurisdiction } from '../cases/policy.js';
import { acknowledgeNotice, findNotice, listNotices, type NoticeRow } from './repository.js';

/** Admins and city-level supervisors see every notice; others, those addressed to their units. */
function noticeScope(user: SessionUser): string | null | false {
  if (user.roles.includes('admin') || supervisesWholeJurisdiction(user)) return null;
  if (user.roles.includes('handler') || user.roles.includes('supervisor')) return user.orgUnitPath;
  return false;
}

export type Notice = Omit<NoticeRow, 'unitPath'>;

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
  return { items: items.map(({ unitPath: _unitPath, ...notice }) => notice), total };
}

/** The unit (or a supervisor) confirms it has seen the notice; the first acknowledgement counts. */
export async function acknowledgeSupervisionNotice(
  ctx: AppContext,
  options: { user: SessionUser; noticeId: string; ip: string },
): Promise<Notice> {
  const scope = noticeScope(options.user);
  const notice = await findNotice(ctx.db, options.noticeId, options.user.jurisdictionId);
  const visible = notice && scope !== false && (scope === null || (notice.unitPath ?? '').startsWith(scope));
  if (!notice || !visible) throw new AppError('NOT_FOUND', 'No such supervision notice');
  await inTransaction(ctx, async ({ db }) => {
    await acknowledgeNotice(db, notice.id, options.user.id, nowIso());
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
  const { unitPath: _unitPath, ...rest } = found;
  return rest;
}
