import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { figures, FIGURES_GROUPINGS } from './figures-service.js';
import { day, figuresItemSchema, figuresSchema } from './schemas.js';
import { unitFigures } from './service.js';

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

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema } as const;
const key = z.string().min(1).max(100);

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
        response: { 200: z.object({ from: z.string(), to: z.string(), items: z.array(unitFiguresSchema) }), ...errors },
      },
    },
    async (request) => unitFigures(ctx, { user: requireUser(request), ...request.query }),
  );

  r.get(
    '/api/v1/stats/figures',
    {
      schema: {
        tags: ['stats'],
        summary: 'Figures over local days from..to (inclusive, at most 366), filtered and grouped; ADR 0012, 0013',
        security: [{ session: [] }],
        querystring: z.object({
          from: day,
          to: day,
          by: z.enum(FIGURES_GROUPINGS),
          unitId: key.optional(),
          subtree: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
          lineId: key.optional(),
          type: key.optional(),
          channel: key.optional(),
        }),
        response: {
          200: z.object({ from: z.string(), to: z.string(), by: z.enum(FIGURES_GROUPINGS), total: figuresSchema, items: z.array(figuresItemSchema) }),
          ...errors,
          404: errorSchema,
        },
      },
    },
    async (request) => figures(ctx, { user: requireUser(request), ...request.query }),
  );
}
