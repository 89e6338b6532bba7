import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from './auth.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The phone system's webhook authenticates by the token in its path and ignores cookies, so a
 * forged cross-site request gains nothing from the victim's session; PBX bridges post forms.
 */
const TOKEN_IN_PATH = '/api/v1/cti/';
/**
 * A file upload cannot be JSON. An HTML form can post multipart cross-site, but it cannot add a
 * header: a custom header forces a CORS preflight, which we never grant (ADR 0035).
 */
export const UPLOAD_HEADER = 'x-openline-upload';

/**
 * CSRF defence for cookie-authenticated writes. The session cookie is SameSite=Lax; on top of
 * that a write must be JSON (a cross-site HTML form cannot send application/json without a
 * CORS preflight, which we never grant) and, when the browser states an Origin, it must be ours.
 */
export function registerCsrfGuard(app: FastifyInstance): void {
  // Callback-style (no promise per request, issue 13 §1); a thrown AppError is handed to done.
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      checkCsrf(request);
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  });
}

function checkCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/') || request.url.startsWith(TOKEN_IN_PATH)) return;
  if (!request.cookies[SESSION_COOKIE]) return;
  const type = request.headers['content-type'] ?? '';
  const upload = type.toLowerCase().startsWith('multipart/form-data') && request.headers[UPLOAD_HEADER] === '1';
  if (!type.toLowerCase().startsWith('application/json') && !upload) {
    throw new AppError('CSRF_REJECTED', 'Signed-in writes must be sent as application/json');
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new AppError('CSRF_REJECTED', 'Malformed Origin header');
    }
    if (host !== request.headers.host) {
      throw new AppError('CSRF_REJECTED', 'Cross-site request refused');
    }
  } else if (origin === 'null') {
    throw new AppError('CSRF_REJECTED', 'Cross-site request refused');
  }
}
