import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { callerHistorySchema, callLinkSchema, takenCallSchema } from '@openline/core';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { linkCall, takeCall } from './call-link.js';
import { callerHistoryByPhone } from './history.js';

const callParams = z.object({ id: z.string().uuid() });

/** Caller history and the screen-pop's call actions (issue 10 §2, ADR 0020). */
export function registerCallerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/callers/history',
    {
      schema: {
        tags: ['cases'],
        summary: 'A caller\'s history by phone number: open cases, latest contacts, frequent-caller and vulnerability flags, masked (operators, admins)',
        security: [{ session: [] }],
        querystring: z.object({ phone: z.string().trim().min(1).max(32).describe('the number in any usual spelling (138-1234-0000, +86…)') }),
        response: { 200: callerHistorySchema, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => callerHistoryByPhone(ctx, { user: requireUser(request), phone: request.query.phone }),
  );
  r.post(
    '/api/v1/calls/:id/take',
    {
      schema: {
        tags: ['channels'],
        summary: 'Take a ringing call into the new-case form: the caller\'s number in full (audited as a reveal), line and channel (hotline centre operators)',
        security: [{ session: [] }],
        params: callParams,
        response: {
          200: takenCallSchema,
          400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema,
        },
      },
    },
    async (request) => takeCall(ctx, { user: requireUser(request), callId: request.params.id, ip: request.ip }),
  );
  r.put(
    '/api/v1/calls/:id/case',
    {
      schema: {
        tags: ['channels'],
        summary: 'Record the case a call led to (hotline centre operators; the same case again is a no-op, another is 409)',
        security: [{ session: [] }],
        params: callParams,
        body: z.object({ caseId: z.string().uuid() }),
        response: { 200: callLinkSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (request) => linkCall(ctx, { user: requireUser(request), callId: request.params.id, caseId: request.body.caseId }),
  );
}
