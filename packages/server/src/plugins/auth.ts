import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '@openline/core';
import { AppError } from '../errors.js';
import type { AppContext } from '../lib/app-context.js';
import { resolveSession, type SessionUser } from '../modules/auth/service.js';
import { resolveApiToken } from '../modules/tokens/service.js';

export const SESSION_COOKIE = 'openline_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionToken: string | null;
  }
}

/** Resolves the session cookie once per API request; routes then ask for what they need. */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);
  // Callback-style: a request with neither credential (every public appeal of a surge) passes
  // without a promise or a microtask turn (issue 13 §1).
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.url.startsWith('/api/')) return done();
    // Integrations send a bearer token; browsers send the session cookie.
    const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ? undefined : request.cookies[SESSION_COOKIE];
    if (!bearer && !token) return done();
    authenticate(ctx, request, { bearer, token }).then(() => done(), done);
  });
}

async function authenticate(ctx: AppContext, request: FastifyRequest, o: { bearer: string | undefined; token: string | undefined }): Promise<void> {
  if (o.bearer) {
    request.user = await resolveApiToken(ctx, o.bearer);
    if (!request.user) throw new AppError('UNAUTHENTICATED', 'Unknown or revoked API token');
    return;
  }
  if (!o.token) return;
  // A read may be authorised from the session cache (PostgreSQL, ADR 0078); a write never is.
  request.user = await resolveSession(ctx, o.token, { forRead: request.method === 'GET' || request.method === 'HEAD' });
  request.sessionToken = request.user ? o.token : null;
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return request.user;
}

export function requireRole(request: FastifyRequest, roles: readonly Role[]): SessionUser {
  const user = requireUser(request);
  if (!user.roles.some((r) => roles.includes(r))) {
    throw new AppError('FORBIDDEN', 'Your role does not allow this');
  }
  return user;
}
