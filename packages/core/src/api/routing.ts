import { z } from 'zod';
import { categoryModelMetricsSchema } from './categories.js';

/* Unit suggestions (issue 4): the routing model's versions and the cold-start keyword rules (ADR 0042). */

/** What a routing model version records of itself: a category model's figures plus the open-case split. */
export const routerModelMetricsSchema = categoryModelMetricsSchema.extend({
  correctionExamples: z.number().int().describe('examples labelled by an operator correction of the model (open cases accepted by the chosen unit, closed cases it handled)'),
  openCorrectionExamples: z.number().int().describe('of those, cases still open'),
});
export type RouterModelMetrics = z.infer<typeof routerModelMetricsSchema>;

/** `GET /api/v1/admin/routing/models`. */
export const routerModelListSchema = z.object({
  items: z.array(z.object({
    id: z.string(), version: z.number().int(), metrics: routerModelMetricsSchema, trainedBy: z.string().nullable(), createdAt: z.string(),
    dispatches: z.number().int().describe('dispatches made while this version was current'),
    correctionRate: z.number().nullable().describe('share of those where the operator chose another unit than the top suggestion'),
  })),
});
export type RouterModelList = z.infer<typeof routerModelListSchema>;
export type RouterModelVersion = RouterModelList['items'][number];

/** `POST /api/v1/admin/routing/train`. */
export const routerModelTrainedSchema = z.object({ version: z.number().int(), metrics: routerModelMetricsSchema });
export type RouterModelTrained = z.infer<typeof routerModelTrainedSchema>;

/** `GET`/`PUT /api/v1/admin/routing/keywords`: units suggested by keywords until a model is trained. */
export const keywordRulesAnswerSchema = z.object({
  rules: z.array(z.object({ unitId: z.string(), keywords: z.array(z.string()).describe('2–20 characters each') })),
});
export type KeywordRulesAnswer = z.infer<typeof keywordRulesAnswerSchema>;
export type KeywordRule = KeywordRulesAnswer['rules'][number];
