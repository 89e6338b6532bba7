import { CASE_STATUSES, publicAppealInput } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { errorSchema } from '../../plugins/schemas.js';
import { submitPublicAppeal, trackAppeal } from './service.js';

export function registerAppealRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/public/appeals',
    {
      schema: {
        tags: ['public'],
        summary: 'Submit an appeal (no login); returns the case number and a private tracking code',
        body: publicAppealInput,
        response: {
          201: z.object({ caseNumber: z.string(), trackingCode: z.string() }),
          400: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const opened = await submitPublicAppeal(ctx, request.body);
      return reply.status(201).send({ caseNumber: opened.caseNumber, trackingCode: opened.trackingCode });
    },
  );

  r.get(
    '/api/v1/public/appeals/:trackingCode',
    {
      schema: {
        tags: ['public'],
        summary: 'Follow an appeal by its tracking code',
        params: z.object({ trackingCode: z.string().min(1).max(64) }),
        response: {
          200: z.object({ caseNumber: z.string(), status: z.enum(CASE_STATUSES), createdAt: z.string() }),
          404: errorSchema,
        },
      },
    },
    async (request, reply) => {
      // A tracking code is a secret: keep it out of shared caches.
      reply.header('cache-control', 'no-store');
      return trackAppeal(ctx, request.params.trackingCode);
    },
  );
}
