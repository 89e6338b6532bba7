import { apiTokenListSchema, issuedApiTokenSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { issueApiToken, listApiTokens, revokeApiToken } from './service.js';

export function registerTokenRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secured = { tags: ['admin'], security: [{ session: [] }] };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
  r.get(
    '/api/v1/admin/api-tokens',
    {
      schema: {
        ...secured, summary: 'API tokens for integrations (admin)',
        response: { 200: apiTokenListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listApiTokens(ctx, { user: requireUser(request) }) }),
  );
  r.post(
    '/api/v1/admin/api-tokens',
    {
      schema: {
        ...secured, summary: 'Issue a token acting as a staff account; the token is shown only in this response (audited)',
        body: z.object({ userId: z.string().uuid(), name: z.string().trim().min(1).max(100) }),
        response: { 201: issuedApiTokenSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(await issueApiToken(ctx, { user: requireUser(request), ip: request.ip, ...request.body }));
    },
  );
  r.post(
    '/api/v1/admin/api-tokens/:id/revoke',
    { schema: { ...secured, summary: 'Revoke a token (audited)', params: z.object({ id: z.string().uuid() }), response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await revokeApiToken(ctx, { user: requireUser(request), ip: request.ip, tokenId: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
