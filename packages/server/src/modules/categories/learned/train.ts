import type { CategoryModelMetrics as ApiCategoryModelMetrics } from '@openline/core';
import type { AppContext } from '../../../lib/app-context.js';
import { trainAndStoreModel, type BaseModelMetrics } from '../../routing/model-store.js';
import { retrainAll } from '../../routing/schedule.js';
import { categoryExamples } from './examples.js';

/** Recent history: a category tree is edited, and old cases may sit under since-moved leaves. */
const MAX_CATEGORY_EXAMPLES = 50_000;

/** The shared API shape (core, ADR 0042): the base figures plus the corrections counted. */
export type CategoryModelMetrics = ApiCategoryModelMetrics & BaseModelMetrics;

/**
 * Trains a new category model version from the jurisdiction's categorised history (see
 * categoryExamples) and stores it with its held-out accuracy (see trainAndStoreModel); an
 * admin's retraining passes `audit`.
 */
export async function trainCategoryModel(
  ctx: AppContext,
  options: { jurisdictionId: string; trainedBy: string | null; audit?: { ip: string } | undefined },
): Promise<{ version: number; metrics: CategoryModelMetrics }> {
  const { examples, corrections } = await categoryExamples(ctx.db, options.jurisdictionId, MAX_CATEGORY_EXAMPLES);
  return trainAndStoreModel(ctx, 'category_models', {
    jurisdictionId: options.jurisdictionId, examples, trainedBy: options.trainedBy, extraMetrics: { correctionExamples: corrections },
    shortOf: (n, labels) => `${n} closed or corrected categorised cases over ${labels} categories`,
    audit: options.audit && { ip: options.audit.ip, action: 'category.train', targetType: 'category_model' },
  });
}

/** The worker's daily retraining of every jurisdiction's category model. */
export function retrainAllCategoryModels(ctx: AppContext, now: Date = new Date()) {
  return retrainAll(ctx, 'category_models', trainCategoryModel, now);
}
