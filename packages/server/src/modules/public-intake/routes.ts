import { publicIntakeFiguresSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { getPublicIntakeFigures } from './figures.js';

export function registerPublicIntakeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/admin/public-intake',
    {
      schema: {
        tags: ['admin'],
        security: [{ session: [] }],
        summary: 'Public intake: appeals accepted, processed and waiting (ADR 0032)',
        response: { 200: publicIntakeFiguresSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => getPublicIntakeFigures(ctx, { user: requireUser(request) }),
  );
}
