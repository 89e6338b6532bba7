import { FIGURES_GROUPINGS, figuresAnswerSchema, unitFiguresAnswerSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { figures } from './figures-service.js';
import { day } from './schemas.js';
import { unitFigures } from './service.js';

// The per-unit list of the first slice (ADR 0012), kept as it was; it gained the later figures.
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
        response: { 200: unitFiguresAnswerSchema, ...errors },
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
          categoryId: z.string().uuid().optional().describe('a category and its subtree; with by=category, its children are the items'),
        }),
        response: {
          200: figuresAnswerSchema,
          ...errors,
          404: errorSchema,
        },
      },
    },
    async (request) => figures(ctx, { user: requireUser(request), ...request.query }),
  );
}
