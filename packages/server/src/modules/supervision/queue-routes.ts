import { escalationSettingsViewSchema, extensionRequestPageSchema, supervisorQueuesSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { getEscalationSettings, setEscalationSettings } from './escalation-settings.js';
import { listExtensionRequests, supervisorQueues } from './queues.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };

/** The supervisor's queues with counts, the extension queue, and the escalation tier delays. */
export function registerSupervisionQueueRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secured = { tags: ['supervision'], security: [{ session: [] }] };
  r.get(
    '/api/v1/supervision/queues',
    {
      schema: {
        ...secured,
        summary: "What waits for the supervisor: extensions to rule on, arbitrations, overdue cases (by unit), notices and orders awaiting the unit's reply",
        response: {
          200: supervisorQueuesSchema,
          ...errors,
        },
      },
    },
    async (request) => supervisorQueues(ctx, { user: requireUser(request) }),
  );
  r.get(
    '/api/v1/supervision/extensions',
    {
      schema: {
        ...secured,
        summary: 'Extension requests awaiting a ruling, oldest first (rule with POST /cases/:id/extension/approve|reject)',
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: extensionRequestPageSchema,
          ...errors,
        },
      },
    },
    async (request) => listExtensionRequests(ctx, { user: requireUser(request), ...request.query }),
  );
  const admin = { tags: ['admin'], security: [{ session: [] }] };
  r.get(
    '/api/v1/admin/escalation-tiers',
    { schema: { ...admin, summary: 'How long an overdue deadline waits before its leadership, then the city office, is told', response: { 200: escalationSettingsViewSchema, ...errors } } },
    async (request) => getEscalationSettings(ctx, { user: requireUser(request) }),
  );
  r.put(
    '/api/v1/admin/escalation-tiers',
    {
      schema: {
        ...admin,
        summary: 'Replace the escalation tier delays; audited',
        // Validated in the service, so errors carry the field paths under `settings`.
        body: z.object({ settings: z.unknown() }),
        response: { 200: escalationSettingsViewSchema, ...errors },
      },
    },
    async (request) => setEscalationSettings(ctx, { user: requireUser(request), ip: request.ip, settings: request.body.settings }),
  );
}
