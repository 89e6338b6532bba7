import { CALLBACK_ATTEMPT_RESULTS, callbackCallerSchema, callbackDetailSchema, callbackQueueSchema, callbackSettingsSchema, myLineListSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireRole, requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { listMyLines } from './my-lines.js';
import { closeCallbackAsCase, getCallbackTask, listCallbackTasks, recordCallbackAttempt, revealCallbackCaller } from './service.js';
import { getCallbackSettings, setCallbackSettings } from './settings.js';

const idParams = z.object({ id: z.string().uuid() });
const refusals = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const tags = ['callbacks'];
const security = [{ session: [] }];

/** Callback tasks 回电任务, the official's own lines, and a line's after-hours settings (issue 10 §5, ADR 0022). */
export function registerCallbackRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/callbacks',
    {
      schema: {
        tags, security,
        summary: 'The callback queue: tasks of the lines one owns, of one\'s unit (their staff), or that one supervises; with counts',
        querystring: z.object({
          status: z.enum(['open', 'closed']).optional(),
          lineId: z.string().uuid().optional(),
          overdue: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: callbackQueueSchema, ...refusals },
      },
    },
    async (request) => listCallbackTasks(ctx, { user: requireUser(request), ...request.query }),
  );
  r.get(
    '/api/v1/callbacks/:id',
    { schema: { tags, security, summary: 'A callback task with its calls and tries', params: idParams, response: { 200: callbackDetailSchema, ...refusals } } },
    async (request) => getCallbackTask(ctx, { user: requireUser(request), id: request.params.id }),
  );
  r.post(
    '/api/v1/callbacks/:id/attempts',
    {
      schema: {
        tags, security,
        summary: 'Record a try to ring the caller back; reached closes the task, the last failed try closes it as not reached',
        params: idParams,
        body: z.object({ result: z.enum(CALLBACK_ATTEMPT_RESULTS), note: z.string().trim().max(500).optional() }),
        response: { 200: callbackDetailSchema, 409: errorSchema, ...refusals },
      },
    },
    async (request) => recordCallbackAttempt(ctx, { user: requireUser(request), id: request.params.id, ...request.body, ip: request.ip }),
  );
  r.post(
    '/api/v1/callbacks/:id/case',
    {
      schema: {
        tags, security,
        summary: 'Close the task: the callback became a case (its calls are linked to the case)',
        params: idParams,
        body: z.object({ caseId: z.string().uuid() }),
        response: { 200: callbackDetailSchema, 409: errorSchema, ...refusals },
      },
    },
    async (request) => closeCallbackAsCase(ctx, { user: requireUser(request), id: request.params.id, caseId: request.body.caseId, ip: request.ip }),
  );
  r.post(
    '/api/v1/callbacks/:id/reveal',
    {
      schema: {
        tags, security,
        summary: 'The caller\'s number in full, to ring them back (audited)',
        params: idParams,
        body: z.object({}).optional(),
        response: { 200: callbackCallerSchema, ...refusals },
      },
    },
    async (request) => revealCallbackCaller(ctx, { user: requireUser(request), id: request.params.id, ip: request.ip }),
  );
  r.get(
    '/api/v1/me/lines',
    {
      schema: {
        tags, security,
        summary: 'The signed-in official\'s own lines: calls today and over 24 h, missed calls, open callbacks, answer rate',
        response: { 200: myLineListSchema, 401: errorSchema },
      },
    },
    async (request) => listMyLines(ctx, { user: requireUser(request) }),
  );
  r.get(
    '/api/v1/admin/lines/:id/callback-settings',
    { schema: { tags, security, summary: 'A line\'s after-hours desk and callback rules', params: idParams, response: { 200: callbackSettingsSchema, ...refusals } } },
    async (request) => getCallbackSettings(ctx, { user: requireRole(request, ['admin']), lineId: request.params.id }),
  );
  r.put(
    '/api/v1/admin/lines/:id/callback-settings',
    {
      schema: {
        tags, security,
        summary: 'Set a line\'s after-hours desk (newCall forward) and callback rules (audited)',
        params: idParams,
        body: callbackSettingsSchema,
        response: { 200: callbackSettingsSchema, ...refusals },
      },
    },
    async (request) => setCallbackSettings(ctx, { user: requireRole(request, ['admin']), lineId: request.params.id, settings: request.body, ip: request.ip }),
  );
}
