import { addedOrgUnitSchema, orgUnitAliasesSchema, orgUnitListSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { ORG_UNIT_KINDS } from './service.js';
import { addOrgUnit, aliasesSchema, changeOrgUnitAliases, listVisibleOrgUnits } from './units.js';

export function registerOrgRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/org-units',
    {
      schema: {
        tags: ['org'],
        summary: 'Org units the signed-in user may see (whole jurisdiction, or their own subtree)',
        security: [{ session: [] }],
        response: {
          200: orgUnitListSchema,
          401: errorSchema,
        },
      },
    },
    async (request) => ({ items: await listVisibleOrgUnits(ctx, { user: requireUser(request) }) }),
  );

  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/admin/org-units',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add a unit to the org tree (admin; audited)',
        security: [{ session: [] }],
        body: z.object({ parentId: z.string().uuid(), name: z.string().trim().min(1).max(100), kind: z.enum(ORG_UNIT_KINDS) }),
        response: {
          201: addedOrgUnitSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await addOrgUnit(ctx, { user: requireUser(request), ip: request.ip, input: request.body })),
  );

  app.withTypeProvider<ZodTypeProvider>().put(
    '/api/v1/admin/org-units/:id/aliases',
    {
      schema: {
        tags: ['admin'],
        summary: "Set a unit's short names (住建局, 城管), matched on the SMS petition line (admin; audited)",
        security: [{ session: [] }],
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ aliases: aliasesSchema }),
        response: { 200: orgUnitAliasesSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => changeOrgUnitAliases(ctx, { user: requireUser(request), ip: request.ip, unitId: request.params.id, aliases: request.body.aliases }),
  );
}
