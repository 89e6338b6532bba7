import { heldSmsListSchema, heldSmsProcessedSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { dismissHeldSms, listHeldSms, processHeldSms } from './held.js';

const params = z.object({ messageId: z.string().min(1).max(200) });

/** Text messages held because their sender was over the limit (ADR 0007): operators process or dismiss each. */
export function registerHeldSmsRoutes(app: FastifyInstance, ctx: AppContext, options: { publicBaseUrl?: string | undefined; petitionWindowHours: number }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secured = { tags: ['channels'], security: [{ session: [] }] };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
  r.get(
    '/api/v1/sms/held',
    { schema: { ...secured, summary: 'SMS held because the sender was over the limit, oldest first', response: { 200: heldSmsListSchema, ...errors } } },
    async (request) => listHeldSms(ctx, { user: requireUser(request) }),
  );
  r.post(
    '/api/v1/sms/held/:messageId/process',
    {
      schema: {
        ...secured,
        summary: 'Take a held message through intake now (the sender gets the usual reply; audited)',
        params,
        response: { 200: heldSmsProcessedSchema, ...errors },
      },
    },
    async (request) => processHeldSms(ctx, { user: requireUser(request), messageId: request.params.messageId, ip: request.ip, publicBaseUrl: options.publicBaseUrl, petitionWindowHours: options.petitionWindowHours }),
  );
  r.post(
    '/api/v1/sms/held/:messageId/dismiss',
    {
      schema: {
        ...secured,
        summary: 'Set a held message aside with a reason (audited); nothing is sent',
        params,
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await dismissHeldSms(ctx, { user: requireUser(request), messageId: request.params.messageId, reason: request.body.reason, ip: request.ip });
      return reply.status(204).send(null);
    },
  );
}
