import { routerModelListSchema, routerModelTrainedSchema, VULNERABILITIES } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { listRouterModels, retrainRouter, suggestUnits } from './service.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema };

export function registerRoutingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/intake/suggest',
    {
      schema: {
        tags: ['triage'],
        summary: 'While the operator types: urgency/emergency detection, suggested vulnerability flags and the likeliest units',
        security: [{ session: [] }],
        body: z.object({ content: z.string().trim().min(1).max(4000) }),
        response: {
          200: z.object({
            urgency: z.object({
              level: z.enum(['normal', 'urgent', 'emergency']),
              utilitiesOutage: z.boolean(),
              redirect: z.object({ number: z.string(), reason: z.string(), category: z.string() }).optional(),
              matches: z.array(z.object({ rule: z.string(), category: z.string(), level: z.string(), span: z.tuple([z.number(), z.number()]), term: z.string() })),
            }),
            vulnerability: z
              .object({
                flags: z.array(z.enum(VULNERABILITIES)),
                matches: z.array(z.object({ flag: z.enum(VULNERABILITIES), span: z.tuple([z.number(), z.number()]), term: z.string() })),
              })
              .describe('suggested flags and the words behind them; only the flags the operator ticks are stored'),
            routing: z
              .object({
                source: z.enum(['model', 'keywords']),
                modelVersion: z.number().int().nullable(),
                suggestions: z.array(z.object({ unitId: z.string(), unitName: z.string().nullable(), probability: z.number() })),
              })
              .nullable()
              .describe('null when neither a trained model nor a matching keyword rule exists'),
            categories: z
              .array(z.object({ categoryId: z.string(), code: z.string(), name: z.string(), share: z.number(), matched: z.array(z.string()) }))
              .describe('likeliest categories (诉求分类); with a learned model (categorySource "model") share is its calibrated probability, with keywords the share of matched words'),
            categorySource: z.enum(['model', 'keywords']).describe('what ranked the categories: the jurisdiction\'s learned category model, or the categories\' keywords and names'),
            categoryModelVersion: z.number().int().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { urgency, vulnerability, routing, categories, categorySource, categoryModelVersion } = await suggestUnits(ctx, {
        user: requireUser(request), content: request.body.content,
      });
      return {
        urgency: { level: urgency.level, utilitiesOutage: urgency.utilitiesOutage, redirect: urgency.redirect, matches: urgency.matches.map((m) => ({ ...m, span: [m.span[0], m.span[1]] as [number, number] })) },
        vulnerability,
        routing,
        categories,
        categorySource,
        categoryModelVersion,
      };
    },
  );
  r.get(
    '/api/v1/admin/routing/models',
    {
      schema: {
        tags: ['admin'], summary: 'Routing model versions with their measured accuracy', security: [{ session: [] }],
        response: { 200: routerModelListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listRouterModels(ctx, { user: requireUser(request) }) }),
  );
  r.post(
    '/api/v1/admin/routing/train',
    {
      schema: {
        tags: ['admin'], summary: 'Train a new routing model version from closed cases and operator corrections now (audited)', security: [{ session: [] }],
        response: { 200: routerModelTrainedSchema, ...errors },
      },
    },
    async (request) => retrainRouter(ctx, { user: requireUser(request), ip: request.ip }),
  );
}
