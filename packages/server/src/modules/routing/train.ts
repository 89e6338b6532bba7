import type { RouterModelMetrics } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { labelledExamples } from './examples.js';
import { trainAndStoreModel, type BaseModelMetrics } from './model-store.js';

/** Recent history is what the departments do now; older decisions may describe a reorganised city. */
const MAX_EXAMPLES = 50_000;

/** The shared API shape (core, ADR 0042): corrections are open cases and confirmed closed ones. */
export type ModelMetrics = RouterModelMetrics & BaseModelMetrics;

/**
 * Trains a new router version from the jurisdiction's closed cases and accepted operator
 * corrections (see labelledExamples) and stores it with its held-out accuracy (see
 * trainAndStoreModel); an admin's retraining passes `audit`.
 */
export async function trainJurisdictionRouter(
  ctx: AppContext,
  options: { jurisdictionId: string; trainedBy: string | null; audit?: { ip: string } | undefined },
): Promise<{ version: number; metrics: ModelMetrics }> {
  const { examples, corrections, openCorrections } = await labelledExamples(ctx.db, options.jurisdictionId, MAX_EXAMPLES);
  return trainAndStoreModel(ctx, 'routing_models', {
    jurisdictionId: options.jurisdictionId, examples, trainedBy: options.trainedBy,
    extraMetrics: { correctionExamples: corrections, openCorrectionExamples: openCorrections },
    shortOf: (n, labels) => `${n} closed or corrected cases over ${labels} units`,
    audit: options.audit && { ip: options.audit.ip, action: 'routing.train', targetType: 'routing_model' },
  });
}
