import { intakeSuggestionSchema, routerModelListSchema, routerModelTrainedSchema } from '@openline/core';
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
        response: { 200: intakeSuggestionSchema, ...errors },
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
