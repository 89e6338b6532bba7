import { auditPageSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { assertRole } from '../../lib/access.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { listAudit } from './repository.js';

const isoInstant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'The audit log: sign-ins, reveals, permission changes, case actions (admin)',
        security: [{ session: [] }],
        querystring: z.object({
          action: z.string().trim().min(1).max(64).optional().describe('exact action, or a family ending in "." such as "case."'),
          actorUserId: z.string().uuid().optional(),
          targetId: z.string().min(1).max(64).optional(),
          from: isoInstant.optional(),
          to: isoInstant.optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: {
          200: auditPageSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      assertRole(user, ['admin']);
      const { page, pageSize, ...filters } = request.query;
      const { items, total } = await listAudit(ctx.db, {
        ...filters, jurisdictionId: user.jurisdictionId, limit: pageSize, offset: (page - 1) * pageSize,
      });
      return { items: items.map((i) => ({ ...i, detail: JSON.parse(i.detail) as Record<string, unknown> })), total };
    },
  );
}
