import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { findLatestModelRow, type ModelTable } from './model-store.js';
import { trainJurisdictionRouter, type ModelMetrics } from './train.js';

/** A model younger than this is kept: restarts must not retrain (training is seconds of CPU). */
const RETRAIN_AFTER_MS = 23 * 3_600_000;

type Trainer<M> = (ctx: AppContext, options: { jurisdictionId: string; trainedBy: null }) => Promise<{ version: number; metrics: M }>;

/**
 * The worker's daily retraining of one kind of model: a new version per jurisdiction with
 * enough history. Training is CPU-bound (seconds for tens of thousands of cases), which is one
 * more reason to run the worker as its own process (WORKER=0 on the web processes) in a large
 * deployment.
 */
export async function retrainAll<M>(
  ctx: AppContext,
  table: ModelTable,
  train: Trainer<M>,
  now: Date = new Date(),
): Promise<Array<{ jurisdiction: string; version: number; metrics: M }>> {
  const jurisdictions = await ctx.db.selectFrom('jurisdictions').select(['id', 'code']).execute();
  const out: Array<{ jurisdiction: string; version: number; metrics: M }> = [];
  for (const j of jurisdictions) {
    const latest = await findLatestModelRow(ctx.db, table, j.id);
    if (latest && now.getTime() - Date.parse(latest.created_at) < RETRAIN_AFTER_MS) continue;
    try {
      const result = await train(ctx, { jurisdictionId: j.id, trainedBy: null });
      out.push({ jurisdiction: j.code, ...result });
    } catch (err) {
      // Too little history is normal for a new jurisdiction: it simply gets no model yet.
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    }
  }
  return out;
}

/** The unit router's daily retraining. */
export function retrainAllRouters(ctx: AppContext, now: Date = new Date()): Promise<Array<{ jurisdiction: string; version: number; metrics: ModelMetrics }>> {
  return retrainAll(ctx, 'routing_models', trainJurisdictionRouter, now);
}
