import { supervisionNoticePageSchema, supervisionNoticeSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { registerSupervisionActRoutes } from './act-routes.js';
import { registerSupervisionQueueRoutes } from './queue-routes.js';
import { acknowledgeSupervisionNotice, listSupervisionNotices } from './service.js';


export function registerSupervisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerSupervisionActRoutes(app, ctx);
  registerSupervisionQueueRoutes(app, ctx);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/supervision/notices',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Supervision notices (督办单): all for supervisors, their units\' for handlers',
        security: [{ session: [] }],
        querystring: z.object({
          open: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: supervisionNoticePageSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => listSupervisionNotices(ctx, { user: requireUser(request), ...request.query }),
  );
  r.post(
    '/api/v1/supervision/notices/:id/acknowledge',
    {
      schema: {
        tags: ['supervision'],
        summary: 'Acknowledge a supervision notice',
        security: [{ session: [] }],
        params: z.object({ id: z.string().uuid() }),
        response: { 200: supervisionNoticeSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (request) => acknowledgeSupervisionNotice(ctx, { user: requireUser(request), noticeId: request.params.id, ip: request.ip }),
  );
}
