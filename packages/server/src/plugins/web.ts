import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../errors.js';

/** packages/web/dist, seen from both src/plugins (tests) and dist/plugins (built server). */
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * The built console is served by the same process as the API, so one port and one origin serve
 * everything (no CORS to configure). Unknown non-API paths get index.html: the console routes
 * on the client.
 */
export async function registerWeb(app: FastifyInstance, webDist: string | undefined): Promise<void> {
  const root = path.resolve(webDist ?? DEFAULT_WEB_DIST);
  const built = existsSync(path.join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      setHeaders: (res, file) => {
        // Hashed asset names never change content, so they may be cached for a year.
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.log.warn({ root }, 'web console not built: run `npm run build` to serve it');
  }

  app.setNotFoundHandler((request, reply) => {
    const apiPath = /^\/(api|openapi\.json|healthz|docs)(\/|$|\?)/.test(request.url);
    // A missing file (a stale hashed asset after a deploy) must be a 404, not the HTML page: a
    // browser handed HTML for a script reports a confusing MIME error instead of "not found".
    const filePath = /^\/assets\/|\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '');
    if (apiPath || filePath || request.method !== 'GET' || !built) {
      return reply.status(404).send(errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
