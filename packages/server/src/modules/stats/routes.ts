import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { unitFigures } from './service.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const count = z.number().int().min(0);
const ratio = z.number().min(0).max(1).nullable().describe('null when the denominator is 0');

const unitFiguresSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  dispatched: count,
  returns: count,
  returnRate: ratio.describe('退单率 returns / dispatched; null when nothing was dispatched'),
  responseDue: count,
  respondedOnTime: count,
  responseRate: ratio.describe('响应率 respondedOnTime / responseDue'),
  visits: count,
  solved: count,
  resolutionRate: ratio.describe('解决率 solved / visits'),
  satisfied: count.describe('satisfied plus basically satisfied visits'),
  satisfactionRate: ratio.describe('满意率 satisfied / visits'),
  overdue: count,
});

export function registerStatsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/stats/units',
    {
      schema: {
        tags: ['stats'],
        summary: 'Accountability figures per unit over local days from..to (inclusive); ADR 0012',
        security: [{ session: [] }],
        querystring: z.object({ from: day, to: day }),
        response: {
          200: z.object({ from: z.string(), to: z.string(), items: z.array(unitFiguresSchema) }),
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => unitFigures(ctx, { user: requireUser(request), ...request.query }),
  );
}
