import { callerFlagListSchema, callerFlagSettingsSchema, callerFlagSettingsViewSchema, callerFlagViewSchema, flaggedCaseListSchema, raiseAbuseFlagInput, reviewCallerFlagInput } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { flaggedCaseQueue, listCallerFlags, raiseAbuseFlag, reviewCallerFlag } from './service.js';
import { getCallerFlagSettings, setCallerFlagSettings } from './settings.js';

const listQuery = z.object({
  status: z.enum(['active', 'cleared', 'unreviewed']).default('active'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
const tags = ['caller-flags'];
const security = [{ session: [] }];

/** Frequent and abusive callers (DESIGN §7, issue 12 §3, ADR 0036): flags, their review, the designated handler and their queue. */
export function registerCallerFlagRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/caller-flags', {
    schema: {
      tags, security, querystring: listQuery,
      summary: 'Flagged callers (numbers masked): active, cleared, or active and not yet reviewed (the review queue)',
      response: { 200: callerFlagListSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (request) => listCallerFlags(ctx, { user: requireUser(request), status: request.query.status, limit: request.query.limit }));

  r.post('/api/v1/caller-flags', {
    schema: {
      tags, security, body: raiseAbuseFlagInput,
      summary: 'Flag a caller for abuse, with a reason and a note (audited). The flag routes their calls to the designated handler; it never drops a contact',
      response: { 201: callerFlagViewSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema },
    },
  }, async (request, reply) => reply.status(201).send(await raiseAbuseFlag(ctx, { user: requireUser(request), ip: request.ip, input: request.body })));

  r.post('/api/v1/caller-flags/:id/review', {
    schema: {
      tags, security, params: z.object({ id: z.string().uuid() }), body: reviewCallerFlagInput,
      summary: 'A supervisor confirms or clears a flag, with a note (audited)',
      response: { 200: callerFlagViewSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
    },
  }, async (request) => reviewCallerFlag(ctx, { user: requireUser(request), ip: request.ip, id: request.params.id, input: request.body }));

  r.get('/api/v1/caller-flags/cases', {
    schema: {
      tags, security, querystring: listQuery.pick({ limit: true }),
      summary: "The designated handler's queue: open cases of flagged callers (they stay with their units and deadlines)",
      response: { 200: flaggedCaseListSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (request) => flaggedCaseQueue(ctx, { user: requireUser(request), limit: request.query.limit }));

  r.get('/api/v1/caller-flags/settings', {
    schema: {
      tags, security,
      summary: 'Who the designated handler (专席) is, and who may be',
      response: { 200: callerFlagSettingsViewSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (request) => getCallerFlagSettings(ctx, { user: requireUser(request) }));

  r.put('/api/v1/caller-flags/settings', {
    schema: {
      tags, security, body: callerFlagSettingsSchema,
      summary: 'Designate the handler who takes flagged callers (a centre operator) or nobody (audited)',
      response: { 200: callerFlagSettingsViewSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema },
    },
  }, async (request) => setCallerFlagSettings(ctx, { user: requireUser(request), ip: request.ip, settings: request.body }));
}
