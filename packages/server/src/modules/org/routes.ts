import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { listVisibleOrgUnits } from './units.js';

export function registerOrgRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/org-units',
    {
      schema: {
        tags: ['org'],
        summary: 'Org units the signed-in user may see (whole jurisdiction, or their own subtree)',
        security: [{ session: [] }],
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), parentId: z.string().nullable(), name: z.string(), kind: z.string() })),
          }),
          401: errorSchema,
        },
      },
    },
    async (request) => ({ items: await listVisibleOrgUnits(ctx, { user: requireUser(request) }) }),
  );
}
