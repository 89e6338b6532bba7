import { ACTION_SCHEMAS, appealReceiptSchema, publicAppealInput, trackedAppealSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { errorSchema } from '../../plugins/schemas.js';
import { prepareSubmission } from '../public-intake/accept.js';
import { rateAppeal, trackAppeal } from './service.js';

const tooMany = errorSchema.describe('TOO_MANY_REQUESTS: over the limit per address (or phone number); Retry-After says how many seconds to wait');
const codeParams = z.object({ trackingCode: z.string().min(1).max(64) });

export function registerAppealRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/public/appeals/:trackingCode/rating',
    {
      schema: {
        tags: ['public'],
        summary: 'The citizen rates how the appeal was handled (return visit by the citizen)',
        params: codeParams,
        body: ACTION_SCHEMAS.visit,
        response: { 200: trackedAppealSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema, 429: tooMany },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return rateAppeal(ctx, { code: request.params.trackingCode, rating: request.body, ip: request.ip });
    },
  );

  r.post(
    '/api/v1/public/appeals',
    {
      schema: {
        tags: ['public'],
        summary: 'Submit an appeal (no login): answered with a private tracking code once the appeal is on disk',
        description:
          'The appeal is accepted durably (group commit, ADR 0032) and processed behind the answer: duplicates, attaching to ' +
          'an open case, merging, routing and priority. The tracking page shows it as received at once, and the case number once ' +
          'it is processed (none when it was added to an open case with this phone number).',
        body: publicAppealInput,
        response: {
          201: appealReceiptSchema,
          400: errorSchema,
          409: errorSchema.describe('CATEGORY_RETIRED'),
          422: errorSchema.describe('EMERGENCY_REDIRECT: call the number in details[0].message now; no case was opened'),
          429: tooMany,
          503: errorSchema.describe('NOT_CONFIGURED'),
        },
      },
    },
    async (request, reply) => {
      const accepted = await app.publicIntake.submit(prepareSubmission(request.body, request.ip));
      if (!accepted.ok) throw accepted.error;
      return reply.status(201).send({ outcome: 'received' as const, trackingCode: accepted.trackingCode });
    },
  );

  r.get(
    '/api/v1/public/appeals/:trackingCode',
    {
      schema: {
        tags: ['public'],
        summary: 'Follow an appeal by its tracking code',
        params: codeParams,
        response: {
          200: trackedAppealSchema,
          404: errorSchema,
          429: tooMany,
        },
      },
    },
    async (request, reply) => {
      // A tracking code is a secret: keep it out of shared caches.
      reply.header('cache-control', 'no-store');
      return trackAppeal(ctx, { code: request.params.trackingCode, ip: request.ip });
    },
  );
}
