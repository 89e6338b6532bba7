import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { listModels } from './repository.js';
import { suggestForIntake, type IntakeSuggestions } from './suggest.js';
import { trainJurisdictionRouter, type ModelMetrics } from './train.js';

export async function suggestUnits(ctx: AppContext, options: { user: SessionUser; content: string }): Promise<IntakeSuggestions> {
  assertRole(options.user, ['operator', 'admin']);
  return suggestForIntake(ctx, options);
}

export async function retrainRouter(ctx: AppContext, options: { user: SessionUser; ip: string }): Promise<{ version: number; metrics: ModelMetrics }> {
  assertRole(options.user, ['admin']);
  return trainJurisdictionRouter(ctx, { jurisdictionId: options.user.jurisdictionId, trainedBy: options.user.id, audit: { ip: options.ip } });
}

export async function listRouterModels(ctx: AppContext, options: { user: SessionUser }) {
  assertRole(options.user, ['admin']);
  const rows = await listModels(ctx.db, options.user.jurisdictionId);
  return rows.map(({ dispatches, corrections, ...r }) => {
    const n = Number(dispatches ?? 0);
    const c = Number(corrections ?? 0);
    // Versions trained before corrections were learnt from lack the counts: they used none.
    const stored = JSON.parse(r.metrics) as Omit<ModelMetrics, 'correctionExamples' | 'openCorrectionExamples'> & Partial<ModelMetrics>;
    const metrics: ModelMetrics = { ...stored, correctionExamples: stored.correctionExamples ?? 0, openCorrectionExamples: stored.openCorrectionExamples ?? 0 };
    return { ...r, metrics, dispatches: n, correctionRate: n > 0 ? c / n : null };
  });
}
