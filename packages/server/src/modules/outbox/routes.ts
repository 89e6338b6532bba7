import { outboxPageSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { listOutbox } from './service.js';

export function registerOutboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/admin/outbox',
    {
      schema: {
        tags: ['admin'],
        summary: 'Messages to citizens and staff, newest first (admin)',
        security: [{ session: [] }],
        querystring: z.object({
          status: z.enum(['pending', 'sending', 'sent', 'failed']).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: outboxPageSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => listOutbox(ctx, { user: requireUser(request), ...request.query }),
  );
}
