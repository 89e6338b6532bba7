import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { getPublicIntakeFigures } from './figures.js';

const figuresSchema = z.object({
  accepted: z.number().int().describe('public web appeals accepted (durably) since the start'),
  processed: z.number().int().describe('accepted and turned into cases'),
  backlog: z.number().int().describe('accepted, waiting to be processed (failed ones included)'),
  failed: z.number().int().describe('of the backlog: failed every attempt, not retried by themselves'),
  oldestAcceptedAt: z.string().nullable(),
  lagSeconds: z.number().int().describe('age of the oldest waiting appeal'),
  processedLastHour: z.number().int(),
});

export function registerPublicIntakeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/admin/public-intake',
    {
      schema: {
        tags: ['admin'],
        security: [{ session: [] }],
        summary: 'Public intake: appeals accepted, processed and waiting (ADR 0032)',
        response: { 200: figuresSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => getPublicIntakeFigures(ctx, { user: requireUser(request) }),
  );
}
