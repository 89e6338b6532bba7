import { categoryModelListSchema, categoryModelTrainedSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../lib/app-context.js';
import { requireUser } from '../../../plugins/auth.js';
import { errorSchema } from '../../../plugins/schemas.js';
import { listCategoryModels, retrainCategoryModel } from './service.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema };

/** The learned category model (ADR 0045): its versions and an admin's "train now". */
export function registerCategoryModelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/admin/category-models',
    {
      schema: {
        tags: ['admin'], summary: 'Category model versions (诉求分类 suggestion) with their measured accuracy, newest first', security: [{ session: [] }],
        response: { 200: categoryModelListSchema, ...errors },
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
        response: { 200: categoryModelTrainedSchema, ...errors },
      },
    },
    async (request) => retrainCategoryModel(ctx, { user: requireUser(request), ip: request.ip }),
  );
}
