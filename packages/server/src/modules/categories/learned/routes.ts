import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../lib/app-context.js';
import { requireUser } from '../../../plugins/auth.js';
import { errorSchema } from '../../../plugins/schemas.js';
import { listCategoryModels, retrainCategoryModel } from './service.js';

const metricsSchema = z.object({
  examples: z.number().int(), labels: z.number().int().describe('categories seen in the examples'), heldOut: z.number().int(),
  accuracy: z.number().nullable().describe('top-1 accuracy of a probe trained without the held-out fifth, on that fifth'),
  macroF1: z.number().nullable(), trainMs: z.number(),
  correctionExamples: z.number().int().describe('examples whose category an operator corrected after intake (counted twice)'),
});
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema };

/** The learned category model (ADR 0045): its versions and an admin's "train now". */
export function registerCategoryModelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/admin/category-models',
    {
      schema: {
        tags: ['admin'], summary: 'Category model versions (诉求分类 suggestion) with their measured accuracy, newest first', security: [{ session: [] }],
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), version: z.number().int(), metrics: metricsSchema, trainedBy: z.string().nullable(), createdAt: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await listCategoryModels(ctx, { user: requireUser(request) }) }),
  );
  r.post(
    '/api/v1/admin/category-models/train',
    {
      schema: {
        tags: ['admin'],
        summary: 'Train a new category model version from closed categorised cases and operator corrections now (audited); 409 with too little history',
        security: [{ session: [] }],
        response: { 200: z.object({ version: z.number().int(), metrics: metricsSchema }), ...errors },
      },
    },
    async (request) => retrainCategoryModel(ctx, { user: requireUser(request), ip: request.ip }),
  );
}
