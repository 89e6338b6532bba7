import { assertRole } from '../../../lib/access.js';
import type { AppContext } from '../../../lib/app-context.js';
import type { SessionUser } from '../../auth/service.js';
import { listVersions } from './repository.js';
import { trainCategoryModel, type CategoryModelMetrics } from './train.js';

/** An admin's "train now": a new version at once instead of at the worker's next daily run. */
export async function retrainCategoryModel(ctx: AppContext, options: { user: SessionUser; ip: string }) {
  assertRole(options.user, ['admin']);
  return trainCategoryModel(ctx, { jurisdictionId: options.user.jurisdictionId, trainedBy: options.user.id, audit: { ip: options.ip } });
}

/** The last 20 versions with their held-out figures, for the admin to see whether it is improving. */
export async function listCategoryModels(ctx: AppContext, options: { user: SessionUser }) {
  assertRole(options.user, ['admin']);
  const rows = await listVersions(ctx.db, options.user.jurisdictionId, 20);
  return rows.map((r) => ({ ...r, metrics: JSON.parse(r.metrics) as CategoryModelMetrics }));
}
