import { completedPetitionSchema, petitionDetailSchema, petitionListSchema, petitionStatusSchema, revealedPetitionSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { completePendingPetition, completePetitionInput, getPendingPetition, listPendingPetitions, revealPendingPetition } from './service.js';

const params = z.object({ id: z.string().uuid() });

/** The SMS petition line's incomplete petitions (issue 11 §1, ADR 0029): operators see, reveal and complete them. */
export function registerPetitionRoutes(app: FastifyInstance, ctx: AppContext, options: { publicBaseUrl?: string | undefined }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secured = { tags: ['channels'], security: [{ session: [] }] };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
  r.get(
    '/api/v1/petitions',
    {
      schema: {
        ...secured,
        summary: 'Petitions from the SMS petition line that lack a field or a valid ID number (masked); pending ones oldest first',
        querystring: z.object({ status: petitionStatusSchema.default('pending') }),
        response: { 200: petitionListSchema, ...errors },
      },
    },
    async (request) => listPendingPetitions(ctx, { user: requireUser(request), status: request.query.status }),
  );
  r.get(
    '/api/v1/petitions/:id',
    { schema: { ...secured, summary: 'One pending petition, masked and redacted', params, response: { 200: petitionDetailSchema, ...errors } } },
    async (request) => getPendingPetition(ctx, { user: requireUser(request), id: request.params.id }),
  );
  r.post(
    '/api/v1/petitions/:id/reveal',
    {
      schema: {
        ...secured,
        summary: "The petition's sealed fields and messages in full (audited with the reason)",
        params,
        body: z.object({ reason: z.string().trim().min(2).max(200) }),
        response: { 200: revealedPetitionSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return revealPendingPetition(ctx, { user: requireUser(request), id: request.params.id, reason: request.body.reason, ip: request.ip });
    },
  );
  r.post(
    '/api/v1/petitions/:id/complete',
    {
      schema: {
        ...secured,
        summary: 'Fill the missing fields heard on the phone: the case opens through unattended intake and the sender gets its number (audited)',
        description: 'Given fields replace what the messages said. Every field must end up present and the ID number valid, or VALIDATION_FAILED names each gap.',
        params,
        body: completePetitionInput,
        response: { 200: completedPetitionSchema, ...errors },
      },
    },
    async (request) => completePendingPetition(ctx, { user: requireUser(request), id: request.params.id, input: request.body, ip: request.ip, publicBaseUrl: options.publicBaseUrl }),
  );
}
