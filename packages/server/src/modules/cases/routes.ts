import { staffIntakeInput } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { caseListItemSchema } from './presenter.js';
import { recordIntake } from './intake.js';
import { listCases } from './service.js';

export function registerCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Operator intake: record a call or message as a new case',
        security: [{ session: [] }],
        body: staffIntakeInput,
        response: {
          201: z.object({ id: z.string(), caseNumber: z.string() }),
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      return reply.status(201).send(await recordIntake(ctx, { user, input: request.body }));
    },
  );

  r.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases the signed-in user may see, newest first',
        security: [{ session: [] }],
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(caseListItemSchema),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return listCases(ctx, { user, page: request.query.page, pageSize: request.query.pageSize });
    },
  );
}
