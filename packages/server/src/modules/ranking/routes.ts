import { RANKING_KINDS, monthSchema, rankingAnswerSchema, rankingWeightsViewSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { presentRanking } from './presenter.js';
import { unitRanking } from './service.js';
import { getRankingSettings, setRankingSettings } from './settings.js';

export function registerRankingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
  r.get(
    '/api/v1/stats/ranking',
    {
      schema: {
        tags: ['stats'],
        summary: 'Units ranked by the composite score of the month, with the month before (ADR 0014)',
        security: [{ session: [] }],
        querystring: z.object({ month: monthSchema, kind: z.enum(RANKING_KINDS).default('all') }),
        response: {
          200: rankingAnswerSchema,
          ...errors,
        },
      },
    },
    async (request) => presentRanking(await unitRanking(ctx, { user: requireUser(request), ...request.query })),
  );
  const secured = { tags: ['admin'], security: [{ session: [] }] };
  r.get('/api/v1/admin/ranking-weights', { schema: { ...secured, summary: 'The ranking weights and minimum volume of the jurisdiction', response: { 200: rankingWeightsViewSchema, ...errors } } }, async (request) =>
    getRankingSettings(ctx, { user: requireUser(request) }),
  );
  r.put(
    '/api/v1/admin/ranking-weights',
    {
      schema: {
        ...secured,
        summary: 'Replace the ranking weights (non-negative, not all 0) and minimum volume; audited',
        // Validated in the service, so errors carry the field paths under `settings`.
        body: z.object({ settings: z.unknown() }),
        response: { 200: rankingWeightsViewSchema, ...errors },
      },
    },
    async (request) => setRankingSettings(ctx, { user: requireUser(request), ip: request.ip, settings: request.body.settings }),
  );
}
