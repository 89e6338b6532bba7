import { articleListSchema, articleSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema, patchBody } from '../../plugins/schemas.js';
import { articleInputSchema, createArticle, editArticle, listAllArticles, searchArticles } from './service.js';

export function registerKnowledgeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
  r.get(
    '/api/v1/kb/articles',
    {
      schema: {
        tags: ['knowledge'],
        summary: 'Knowledge articles valid now, best match first (any staff; for answering during a call)',
        security: [{ session: [] }],
        querystring: z.object({ q: z.string().trim().min(1).max(100).optional(), limit: z.coerce.number().int().min(1).max(50).default(10) }),
        response: { 200: articleListSchema, ...errors },
      },
    },
    async (request) => ({ items: await searchArticles(ctx, { user: requireUser(request), query: request.query.q, limit: request.query.limit }) }),
  );
  r.get(
    '/api/v1/admin/kb/articles',
    { schema: { tags: ['admin'], summary: 'All knowledge articles, expired ones included (admin)', security: [{ session: [] }], response: { 200: articleListSchema, ...errors } } },
    async (request) => ({ items: await listAllArticles(ctx, { user: requireUser(request) }) }),
  );
  r.post(
    '/api/v1/admin/kb/articles',
    { schema: { tags: ['admin'], summary: 'Write a knowledge article (admin; audited)', security: [{ session: [] }], body: articleInputSchema, response: { 201: articleSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await createArticle(ctx, { user: requireUser(request), ip: request.ip, input: request.body })),
  );
  r.patch(
    '/api/v1/admin/kb/articles/:id',
    {
      schema: {
        tags: ['admin'], summary: 'Edit a knowledge article (admin; audited)', security: [{ session: [] }],
        params: z.object({ id: z.string().uuid() }),
        body: patchBody(z.object({
          question: z.string().trim().min(2).max(500).optional(),
          answer: z.string().trim().min(2).max(10_000).optional(),
          tags: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
          validFrom: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()).nullable().optional(),
          validTo: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()).nullable().optional(),
          ownerUnitId: z.string().uuid().nullable().optional(),
        })),
        response: { 200: articleSchema, ...errors },
      },
    },
    async (request) => editArticle(ctx, { user: requireUser(request), ip: request.ip, articleId: request.params.id, input: request.body }),
  );
}
