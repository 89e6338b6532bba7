import { coHandlingInput, coHandlingViewSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { coHandlingOf, recordCoHandling } from './service.js';

const params = z.object({ id: z.string().uuid() });

/** Co-handling units (协办) record their part of a case (issue 12 §7). */
export function registerCoHandlingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/cases/:id/co-handling', {
    schema: {
      tags: ['cases'], security: [{ session: [] }], params,
      summary: "The case's co-handling units (协办) and what each recorded: progress notes and its share of the reply",
      response: { 200: coHandlingViewSchema, 401: errorSchema, 404: errorSchema },
    },
  }, async (request) => coHandlingOf(ctx, { user: requireUser(request), caseId: request.params.id }));

  r.post('/api/v1/cases/:id/co-handling', {
    schema: {
      tags: ['cases'], security: [{ session: [] }], params, body: coHandlingInput,
      summary: "A co-unit's handler records a progress note or the unit's share of the reply (told to the lead unit); audited, on the history",
      response: { 201: coHandlingViewSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
    },
  }, async (request, reply) => reply.status(201).send(await recordCoHandling(ctx, { user: requireUser(request), caseId: request.params.id, input: request.body, ip: request.ip })));
}
