import { sessionAnswerSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { SESSION_COOKIE, requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { presentUser } from './presenter.js';
import { logIn, logOut } from './service.js';

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Staff sign-in; sets an httpOnly session cookie',
        body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: sessionAnswerSchema, 400: errorSchema, 401: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const { token, expiresAt, user } = await logIn(ctx, { ...request.body, ip: request.ip });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: 'auto',
        path: '/',
        expires: expiresAt,
      });
      return { user: presentUser(user) };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Sign out', security: [{ session: [] }], response: { 204: z.null(), 401: errorSchema } },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await logOut(ctx, { token: request.sessionToken ?? '', user, ip: request.ip });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        security: [{ session: [] }],
        response: { 200: sessionAnswerSchema, 401: errorSchema },
      },
    },
    async (request) => ({ user: presentUser(requireUser(request)) }),
  );
}
