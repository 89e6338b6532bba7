import { intakeCheckResultSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { checkIntake, intakeCheckInput } from './service.js';

export function registerIntakeCheckRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/intake/check',
    {
      schema: {
        tags: ['cases'],
        summary: 'Repeat and same-incident candidates for a contact being taken (operators, admins; writes nothing)',
        security: [{ session: [] }],
        body: intakeCheckInput,
        response: { 200: intakeCheckResultSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => checkIntake(ctx, { user: requireUser(request), input: request.body }),
  );
}
