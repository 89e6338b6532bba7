import { createdJurisdictionSchema, jurisdictionListSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { createJurisdiction, listAllJurisdictions, newJurisdictionSchema } from './service.js';

/** The platform's own screens: jurisdictions (a province's cities). Platform admins only. */
export function registerJurisdictionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema };
  r.get(
    '/api/v1/platform/jurisdictions',
    {
      schema: {
        tags: ['platform'], summary: 'Every jurisdiction on the platform (platform admin)', security: [{ session: [] }],
        response: { 200: jurisdictionListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listAllJurisdictions(ctx, { user: requireUser(request) }) }),
  );
  r.post(
    '/api/v1/platform/jurisdictions',
    {
      schema: {
        tags: ['platform'], summary: 'Set up a jurisdiction: its root unit and optionally its first admin (platform admin; audited)',
        security: [{ session: [] }], body: newJurisdictionSchema, response: { 201: createdJurisdictionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createJurisdiction(ctx, { actor: { kind: 'user', user: requireUser(request), ip: request.ip }, input: request.body })),
  );
}
