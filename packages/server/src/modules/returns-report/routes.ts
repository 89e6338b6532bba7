import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { returnsReport } from './service.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const count = z.number().int().min(0);

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
          200: z.object({
            from: z.string(),
            to: z.string(),
            items: z.array(
              z.object({
                unitId: z.string(),
                unitName: z.string(),
                dispatched: count,
                returns: count,
                returnRate: z.number().min(0).max(1).nullable().describe('退单率 returns / dispatched'),
                arbitrations: count.describe('arbitrations in the period ruling on a return by this unit'),
                returningUnitRight: count.describe('…sent to another unit: the return was justified'),
                returningUnitWrong: count.describe('…sent back to this unit'),
              }),
            ),
          }),
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => returnsReport(ctx, { user: requireUser(request), ...request.query }),
  );
}
