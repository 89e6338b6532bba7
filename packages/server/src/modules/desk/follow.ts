import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import type { SessionUser } from '../auth/service.js';
import { canViewCase } from '../cases/policy.js';
import { findCaseForAccess } from '../cases/repository.js';
import { addFollower, isFollowing, removeFollower } from './repository.js';

/**
 * Following (关注) a case to be told of each step: a personal bookmark, so no case event and no
 * audit entry (it changes nothing anyone else sees). Only on a case one may see; setting the
 * state it already has changes nothing.
 */
export async function setFollowing(ctx: AppContext, options: { user: SessionUser; caseId: string; following: boolean }): Promise<{ following: boolean }> {
  const row = await findCaseForAccess(ctx.db, options.user.jurisdictionId, options.caseId);
  if (!row || !canViewCase(options.user, row)) throw new AppError('CASE_NOT_FOUND', 'No such case, or not visible to you');
  if (options.following) await addFollower(ctx.db, row.id, options.user.id, nowIso());
  else await removeFollower(ctx.db, row.id, options.user.id);
  return { following: options.following };
}

export async function getFollowing(ctx: AppContext, options: { user: SessionUser; caseId: string }): Promise<{ following: boolean }> {
  const row = await findCaseForAccess(ctx.db, options.user.jurisdictionId, options.caseId);
  if (!row || !canViewCase(options.user, row)) throw new AppError('CASE_NOT_FOUND', 'No such case, or not visible to you');
  return { following: await isFollowing(ctx.db, row.id, options.user.id) };
}
