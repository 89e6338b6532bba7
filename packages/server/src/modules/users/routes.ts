import { ROLES, staffAccountListSchema, staffAccountSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema, patchBody } from '../../plugins/schemas.js';
import { createStaff, listStaff, updateStaff } from './service.js';

const password = z.string().min(10).max(256).describe('at least 10 characters');
const roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/admin/users',
    { schema: { tags: ['admin'], summary: 'Staff accounts (admin)', security: [{ session: [] }], response: { 200: staffAccountListSchema, ...errors } } },
    async (request) => ({ items: await listStaff(ctx, { user: requireUser(request) }) }),
  );
  r.post(
    '/api/v1/admin/users',
    {
      schema: {
        tags: ['admin'], summary: 'Create a staff account (admin; audited)', security: [{ session: [] }],
        body: z.object({
          username: z.string().trim().regex(/^[a-z0-9._-]{3,32}$/, 'lower-case letters, digits, . _ -; 3–32 characters'),
          displayName: z.string().trim().min(1).max(50),
          password,
          roles,
          orgUnitId: z.string().uuid(),
        }),
        response: { 201: staffAccountSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createStaff(ctx, { user: requireUser(request), ip: request.ip, input: request.body })),
  );
  r.patch(
    '/api/v1/admin/users/:id',
    {
      schema: {
        tags: ['admin'], summary: 'Change a staff account: name, roles, unit, status, password (admin; audited)', security: [{ session: [] }],
        params: z.object({ id: z.string().uuid() }),
        body: patchBody(z.object({
          displayName: z.string().trim().min(1).max(50).optional(),
          roles: roles.optional(),
          orgUnitId: z.string().uuid().optional(),
          status: z.enum(['active', 'disabled']).optional(),
          password: password.optional(),
        })),
        response: { 200: staffAccountSchema, ...errors },
      },
    },
    async (request) => updateStaff(ctx, { user: requireUser(request), ip: request.ip, userId: request.params.id, input: request.body }),
  );
}
