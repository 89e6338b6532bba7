import { returnsReportSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { returnsReport } from './service.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export function registerReturnsReportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/stats/returns',
    {
      schema: {
        tags: ['stats'],
        summary: 'Push-back (退单) report per unit over local days from..to: returns, arbitrations, who arbitration found right',
        security: [{ session: [] }],
        querystring: z.object({ from: day, to: day }),
        response: {
          200: returnsReportSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => returnsReport(ctx, { user: requireUser(request), ...request.query }),
  );
}
