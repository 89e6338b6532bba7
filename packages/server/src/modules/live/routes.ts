import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { liveBus } from './bus.js';
import type { SessionUser } from '../auth/service.js';
import { DEFAULT_LIVE_OPTIONS, LiveHub, type LiveHubOptions, type LiveReplay } from './hub.js';

export const LIVE_PATH = '/api/v1/live';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's open live streams (ADR 0020). */
    liveHub: LiveHub;
  }
}

/**
 * `GET /api/v1/live`: the signed-in person's server-sent events (ADR 0020). Each event's type is
 * its SSE `event:` name and its data one JSON line; `ready` comes first, a comment heartbeat
 * keeps the line open.
 */
/** What a person's new stream replays first (the ringing calls of their desk, callers/ringing.ts); the app wires it in. */
export type LiveReplayFor = (user: SessionUser) => LiveReplay;

export function registerLiveRoutes(app: FastifyInstance, options: Partial<LiveHubOptions> = {}, replayFor?: LiveReplayFor): void {
  const hub = new LiveHub(liveBus(), { ...DEFAULT_LIVE_OPTIONS, ...options });
  app.decorate('liveHub', hub);
  // Before the server stops accepting: open streams would otherwise hold app.close() forever.
  app.addHook('preClose', async () => hub.closeAll());
  app.withTypeProvider<ZodTypeProvider>().get(
    LIVE_PATH,
    {
      schema: {
        tags: ['live'],
        summary: 'Live events for the signed-in person (text/event-stream: call.offered, notification, …); after ready, the calls now ringing on their desk',
        description: 'Server-sent events. First `event: ready`; then events addressed to this person, each `event: <type>` with one JSON `data:` line; ' +
          `a comment heartbeat every ${Math.round((options.heartbeatMs ?? DEFAULT_LIVE_OPTIONS.heartbeatMs) / 1000)} s. A person may hold ` +
          `${options.maxStreamsPerUser ?? DEFAULT_LIVE_OPTIONS.maxStreamsPerUser} streams; one more closes the oldest. Streams end after a while and the browser reconnects.`,
        security: [{ session: [] }],
        response: { 200: z.string().describe('text/event-stream'), 401: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      // Streams are for people at a screen. An integration's API token acts as an account but is
      // not that person, and must not receive what is addressed to them (a tip-line caller, ADR 0006).
      if (user.viaApiToken) throw new AppError('FORBIDDEN', 'Live events are for people signed in, not API tokens');
      // The stream outlives this handler: Fastify must not send a reply of its own.
      reply.hijack();
      hub.open(user.id, reply.raw, { 'x-request-id': request.id }, replayFor?.(user));
    },
  );
}
