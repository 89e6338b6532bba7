import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notificationListSchema, unreadCountSchema } from '@openline/core';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { listNotifications, readAllNotifications, readNotification } from './service.js';

export function registerNotificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "The signed-in user's notifications, newest first, and how many are unread",
        security: [{ session: [] }],
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          unread: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
        }),
        response: { 200: notificationListSchema, ...errors },
      },
    },
    async (request) => listNotifications(ctx, { user: requireUser(request), limit: request.query.limit, unreadOnly: request.query.unread }),
  );
  r.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'], summary: 'Mark one of your notifications read', security: [{ session: [] }],
        params: z.object({ id: z.string().uuid() }),
        response: { 200: unreadCountSchema, ...errors },
      },
    },
    async (request) => readNotification(ctx, { user: requireUser(request), id: request.params.id }),
  );
  r.post(
    '/api/v1/notifications/read-all',
    { schema: { tags: ['notifications'], summary: 'Mark all your notifications read', security: [{ session: [] }], response: { 200: unreadCountSchema, ...errors } } },
    async (request) => readAllNotifications(ctx, { user: requireUser(request) }),
  );
}
