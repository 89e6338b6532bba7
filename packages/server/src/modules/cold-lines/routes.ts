import { coldLineSettingListSchema, coldLineSettingSchema, coldThresholdsSchema, lineCallFigureListSchema, publicAnswerRatesSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { day } from '../stats/schemas.js';
import { lineCallFigures } from './figures.js';
import { listColdLineSettings, publicAnswerRates, setLineThresholds } from './service.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema } as const;
const lineParams = z.object({ id: z.string().uuid() });
/** The 24-h figures move with every call; a minute of staleness is nothing to a public table. */
const PUBLIC_CACHE = 'public, max-age=60';

export function registerColdLineRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/public/lines/answer-rates',
    {
      schema: {
        tags: ['public'],
        summary: 'Every published line with its 接通率 over the rolling 24 h and the month so far (no login; tip lines null)',
        response: { 200: publicAnswerRatesSchema, 429: errorSchema.describe('TOO_MANY_REQUESTS: over the limit per address') },
      },
    },
    async (request, reply) => {
      const result = await publicAnswerRates(ctx, { ip: request.ip });
      reply.header('cache-control', PUBLIC_CACHE);
      return result;
    },
  );

  r.get(
    '/api/v1/stats/line-calls',
    {
      schema: {
        tags: ['stats'],
        summary: 'Calls per line per local day or month over from..to (offered, answered, missed, within 15 s, callbacks within 1 h, 接通率); ADR 0021',
        security: [{ session: [] }],
        querystring: z.object({ from: day, to: day, by: z.enum(['day', 'month']).default('day'), lineId: z.string().uuid().optional() }),
        response: { 200: lineCallFigureListSchema, ...errors },
      },
    },
    async (request) => lineCallFigures(ctx, { user: requireUser(request), ...request.query }),
  );

  r.get(
    '/api/v1/admin/cold-lines',
    {
      schema: {
        tags: ['admin'], summary: "Every line's cold-line thresholds and its rolling 24 h (admin)", security: [{ session: [] }],
        response: { 200: coldLineSettingListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listColdLineSettings(ctx, { user: requireUser(request) }) }),
  );
  r.put(
    '/api/v1/admin/lines/:id/cold-thresholds',
    {
      schema: {
        tags: ['admin'], summary: "Set a line's own cold-line thresholds (admin; audited)", security: [{ session: [] }],
        params: lineParams, body: coldThresholdsSchema, response: { 200: coldLineSettingSchema, ...errors },
      },
    },
    async (request) => setLineThresholds(ctx, { user: requireUser(request), ip: request.ip, lineId: request.params.id, thresholds: request.body }),
  );
  r.delete(
    '/api/v1/admin/lines/:id/cold-thresholds',
    {
      schema: {
        tags: ['admin'], summary: 'Return a line to the GB/T 33358-2016 thresholds (admin; audited)', security: [{ session: [] }],
        params: lineParams, response: { 200: coldLineSettingSchema, ...errors },
      },
    },
    async (request) => setLineThresholds(ctx, { user: requireUser(request), ip: request.ip, lineId: request.params.id, thresholds: null }),
  );
}
