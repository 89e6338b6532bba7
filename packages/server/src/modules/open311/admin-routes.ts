import { categoryAttributeListSchema, issuedOpen311KeySchema, issueTokenInput, OPEN311_DATATYPES, open311KeyListSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { categoryAttributes, setCategoryAttributes } from './catalogue.js';
import { issueOpen311Key, listOpen311Keys, revokeOpen311Key } from './keys.js';

/** As the admin page edits it; checked by core's attributeListSchema in the service (its rules span fields). */
const attributeSchema = z.object({
  code: z.string().max(40),
  description: z.string().max(200),
  datatype: z.enum(OPEN311_DATATYPES),
  required: z.boolean(),
  datatypeDescription: z.string().max(200).nullable().optional(),
  values: z.array(z.object({ key: z.string().max(40), name: z.string().max(100) })).max(50).optional(),
});

/** Open311 keys per client application (issue 11 §3) and the questions categories ask (ADR 0031). */
export function registerOpen311AdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secured = { tags: ['admin'], security: [{ session: [] }] };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
  const idParams = z.object({ id: z.string().uuid() });

  r.get('/api/v1/admin/open311/keys', { schema: { ...secured, summary: 'Open311 API keys of client applications (admin)', response: { 200: open311KeyListSchema, ...errors } } }, async (request) => ({
    items: await listOpen311Keys(ctx, { user: requireUser(request) }),
  }));
  r.post(
    '/api/v1/admin/open311/keys',
    {
      schema: {
        ...secured, summary: 'Issue an Open311 API key for one client application; shown only in this response (audited)',
        body: issueTokenInput,
        response: { 201: issuedOpen311KeySchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(await issueOpen311Key(ctx, { user: requireUser(request), ip: request.ip, name: request.body.name }));
    },
  );
  r.delete('/api/v1/admin/open311/keys/:id', { schema: { ...secured, summary: 'Revoke an Open311 API key (audited; at once, in every process)', params: idParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await revokeOpen311Key(ctx, { user: requireUser(request), ip: request.ip, keyId: request.params.id });
    return reply.status(204).send(null);
  });

  r.get('/api/v1/admin/categories/:id/attributes', {
    schema: { ...secured, summary: 'The questions a category asks Open311 reporters (service definition attributes)', params: idParams, response: { 200: categoryAttributeListSchema, ...errors } },
  }, async (request) => categoryAttributes(ctx, { user: requireUser(request), categoryId: request.params.id }));
  r.put('/api/v1/admin/categories/:id/attributes', {
    schema: {
      ...secured, summary: 'Replace the questions a category asks Open311 reporters (audited)', params: idParams,
      body: z.object({ attributes: z.array(attributeSchema).max(20) }), response: { 200: categoryAttributeListSchema, ...errors },
    },
  }, async (request) => setCategoryAttributes(ctx, { user: requireUser(request), ip: request.ip, categoryId: request.params.id, attributes: request.body.attributes }));
}
