import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { publicLineSchema } from './presenter.js';
import { listPublicDirectory } from './service.js';

export function registerLineRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/public/lines',
    {
      schema: {
        tags: ['public'],
        summary: "Directory of the jurisdiction's published lines",
        response: { 200: z.object({ items: z.array(publicLineSchema) }) },
      },
    },
    async () => ({ items: await listPublicDirectory(ctx) }),
  );
}
