import { fairnessReportSchema, monthSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { fairnessReport } from './service.js';

export function registerFairnessRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/stats/fairness',
    {
      schema: {
        tags: ['stats'],
        summary: 'Fairness report of a month (DESIGN §7): waits and priority by band, urgency and callers’ contact counts, and the priority check',
        security: [{ session: [] }],
        querystring: z.object({ month: monthSchema }),
        response: {
          200: fairnessReportSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => fairnessReport(ctx, { user: requireUser(request), ...request.query }),
  );
}
