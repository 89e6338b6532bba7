import { emergencyRedirectRecordedSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { emergencyRedirectInput, recordEmergencyRedirect } from './redirect.js';

export function registerContactRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/contacts/emergency-redirect',
    {
      schema: {
        tags: ['triage'],
        summary: 'Record that an emergency caller was sent to 110/119/120 (a contact, never a case)',
        security: [{ session: [] }],
        body: emergencyRedirectInput,
        response: { 201: emergencyRedirectRecordedSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await recordEmergencyRedirect(ctx, { user: requireUser(request), ip: request.ip, input: request.body })),
  );
}
