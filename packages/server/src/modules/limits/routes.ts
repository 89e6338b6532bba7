import { rateLimitsAnswerSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { getRateLimits, setRateLimits } from './admin.js';

export function registerRateLimitRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secured = { tags: ['admin'], security: [{ session: [] }] };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
  r.get('/api/v1/admin/rate-limits', { schema: { ...secured, summary: 'Rate limits (sign-in, public form, tracking, SMS) and refusal counts', response: { 200: rateLimitsAnswerSchema, ...errors } } }, async (request) =>
    getRateLimits(ctx, { user: requireUser(request) }),
  );
  r.put(
    '/api/v1/admin/rate-limits',
    {
      schema: {
        ...secured,
        summary: 'Replace the rate limits (validated; audited; shared by every server process at once)',
        // Validated in the service, so errors carry the field paths under `limits`.
        body: z.object({ limits: z.unknown() }),
        response: { 200: rateLimitsAnswerSchema, ...errors },
      },
    },
    async (request) => setRateLimits(ctx, { user: requireUser(request), ip: request.ip, limits: request.body.limits }),
  );
}
