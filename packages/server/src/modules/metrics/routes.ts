import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { metricsAccess } from './access.js';
import type { Metrics } from './registry.js';

export const METRICS_PATH = '/metrics';

/** Where the built console's hashed files are served (plugins/web.ts). */
const STATIC_ASSETS = '/assets/';

/**
 * GET /metrics (Prometheus text format) and the request-latency hook. Outside /api/, so the
 * session and API-token plugin never sees it: a staff session or an integration's token
 * is no metrics credential.
 */
export function registerMetricsRoutes(app: FastifyInstance, options: { metrics: Metrics; token: string | undefined }): void {
  const { metrics, token } = options;
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, never the URL: ids and tracking codes would make a series each. The
    // console's hashed files are a route each (the static plugin registers files one by one):
    // one series for all of them, not 13 buckets per file of the build.
    const pattern = request.routeOptions.url ?? 'unmatched';
    const route = pattern.startsWith(STATIC_ASSETS) ? `${STATIC_ASSETS}*` : pattern;
    metrics.observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    METRICS_PATH,
    {
      schema: {
        tags: ['ops'],
        summary: 'Prometheus metrics: bearer METRICS_TOKEN, or from this host only when none is set (ADR 0034)',
        response: { 200: z.string().describe('Prometheus text exposition format 0.0.4') },
      },
    },
    async (request, reply) => {
      const access = metricsAccess({ peerAddress: request.socket.remoteAddress, headers: request.headers }, token);
      if (access === 'token-required') throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <METRICS_TOKEN>');
      if (access === 'loopback-only') throw new AppError('FORBIDDEN', 'Metrics are served to this host only; set METRICS_TOKEN to scrape from elsewhere');
      const body = await metrics.scrape();
      return reply.type(metrics.contentType).header('cache-control', 'no-store').send(body);
    },
  );
}
