import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { trainJurisdictionRouter, type ModelMetrics } from './train.js';

/**
 * The worker's daily retraining: one new version per jurisdiction with enough history.
 * Training is CPU-bound (seconds for tens of thousands of cases), which is one more reason to
 * run the worker as its own process (WORKER=0 on the web processes) in a large deployment.
 */
export async function retrainAllRouters(ctx: AppContext): Promise<Array<{ jurisdiction: string; version: number; metrics: ModelMetrics }>> {
  const jurisdictions = await ctx.db.selectFrom('jurisdictions').select(['id', 'code']).execute();
  const out: Array<{ jurisdiction: string; version: number; metrics: ModelMetrics }> = [];
  for (const j of jurisdictions) {
    try {
      const result = await trainJurisdictionRouter(ctx, { jurisdictionId: j.id, trainedBy: null });
      out.push({ jurisdiction: j.code, ...result });
    } catch (err) {
      // Too little history is normal for a new jurisdiction: it simply gets no model yet.
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    }
  }
  return out;
}
