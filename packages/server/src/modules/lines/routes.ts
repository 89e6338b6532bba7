import { adminLineListSchema, adminLineSchema, lineInputSchema, publicLineListSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema, patchBody } from '../../plugins/schemas.js';
import { addLine, changeLine, listLinesForAdmin } from './admin.js';
import { listPublicDirectory } from './service.js';

export function registerLineRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/public/lines',
    {
      schema: {
        tags: ['public'],
        summary: "Directory of the jurisdiction's published lines",
        response: { 200: publicLineListSchema },
      },
    },
    async () => ({ items: await listPublicDirectory(ctx) }),
  );

  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
  r.get(
    '/api/v1/admin/lines',
    { schema: { tags: ['admin'], summary: 'All lines, internal ones included (admin)', security: [{ session: [] }], response: { 200: adminLineListSchema, ...errors } } },
    async (request) => ({ items: await listLinesForAdmin(ctx, { user: requireUser(request) }) }),
  );
  r.post(
    '/api/v1/admin/lines',
    { schema: { tags: ['admin'], summary: 'Publish or register a line (admin; audited)', security: [{ session: [] }], body: lineInputSchema, response: { 201: adminLineSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await addLine(ctx, { user: requireUser(request), ip: request.ip, input: request.body })),
  );
  r.patch(
    '/api/v1/admin/lines/:id',
    {
      schema: {
        tags: ['admin'], summary: 'Change a line (admin; audited)', security: [{ session: [] }],
        params: z.object({ id: z.string().uuid() }), body: patchBody(lineInputSchema.partial()), response: { 200: adminLineSchema, ...errors },
      },
    },
    async (request) => changeLine(ctx, { user: requireUser(request), ip: request.ip, lineId: request.params.id, input: request.body }),
  );
}
