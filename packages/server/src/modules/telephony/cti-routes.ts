import { CALL_EVENTS, ctiAnswerSchema } from '@openline/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { createGroupCommit } from '../../lib/group-commit.js';
import { nowIso } from '../../lib/ids.js';
import { parseFormBody, readCtiEvent } from './cti-input.js';
import { receiveCtiEvents, type CtiDelivery, type CtiResult } from './cti-service.js';
import { createCtiTokenResolver } from './tokens.js';

export const CTI_PATH = '/api/v1/cti/:token';
/** The most events one transaction takes: enough to amortise the fsync, small enough to keep each batch short. */
const MAX_BATCH = 256;
/**
 * Batches in flight at once on PostgreSQL (the pool has 10 connections; the rest of the app needs
 * some). Two, not four, since a batch is a few statements (ADR 0057): fewer, larger batches cost
 * less CPU per event (one commit and one set of statements for more events) at no latency cost in
 * the bench (docs/benchmarks.md).
 */
const PG_CONCURRENT_BATCHES = 2;

const INVALID_TOKEN = 'Invalid token, please contact your admin!';

/** Zammad's error body, `{"error": "…"}`: this route only, because bridges written for Zammad read it (ADR 0017). */
export const ctiErrorSchema = z.object({ error: z.string() });

/** The parameters as documented (the route reads its body itself: JSON or form, in Zammad's error format). */
const documentedBody = z.object({
  event: z.enum(CALL_EVENTS),
  direction: z.enum(['in', 'out']),
  from: z.string().max(64).optional().describe('the caller; `anonymous` when withheld'),
  to: z.string().max(64).optional().describe('the number called: a published line is matched by normalised number'),
  call_id: z.string().max(200).optional().describe('the phone system\'s call id (also accepted as callId); with the event, the idempotency key'),
  callId: z.string().max(200).optional(),
  user: z.union([z.string(), z.array(z.string())]).optional().describe('name, comma list, JSON array, or user[] in a form'),
  queue: z.string().max(200).optional(),
  cause: z.string().max(100).optional().describe('hangup cause: Zammad (normalClearing, busy, cancel, noAnswer, …) or FreeSWITCH (NORMAL_CLEARING, USER_BUSY, …)'),
  answeringNumber: z.string().max(64).optional(),
  voicemail: z.string().max(1000).optional().describe('not Zammad\'s: the voicemail link when the PBX took a message (also read as recording_url); shown on the callback task'),
  recording_url: z.string().max(1000).optional(),
});

/**
 * The phone system's webhook (Zammad's generic CTI, issue 10 §1). In a scope of its own: it
 * takes form bodies as well as JSON, authenticates by the token in its path (never a cookie, so
 * the CSRF rule skips it), and answers every refusal as Zammad does, `{"error": "…"}`.
 */
export function registerCtiRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Per app: events are group-committed (ADR 0023), each request answered once its batch is durable.
  const resolveToken = createCtiTokenResolver(ctx);
  const commits = createGroupCommit<CtiDelivery, CtiResult>((items) => receiveCtiEvents(ctx, items), {
    maxBatch: MAX_BATCH, concurrency: ctx.dialect === 'postgres' ? PG_CONCURRENT_BATCHES : 1,
  });
  app.addHook('onClose', () => commits.drain());
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
      try {
        done(null, parseFormBody(body));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error instanceof AppError ? error.status : (error.statusCode ?? 500);
      if (status >= 500) {
        request.log.error({ err: error }, 'unhandled error');
        return reply.status(500).send({ error: 'Internal server error' });
      }
      if (error instanceof AppError && error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(status).send({ error: error.message });
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      CTI_PATH,
      {
        schema: {
          tags: ['channels'],
          summary: 'A call event from the phone system (Zammad generic CTI; JSON or form; idempotent, order-tolerant)',
          description:
            'Body application/json or application/x-www-form-urlencoded with Zammad\'s parameters. Answers `{}`, or ' +
            '`{"action":"reject","reason":"busy"}` for a blocked caller\'s newCall, or `{"action":"forward","destination":"<number>"}` for a ' +
            'newCall outside the line\'s hours when the line has an after-hours desk (our extension, ADR 0022). Unlike the rest of the API, refusals are ' +
            'Zammad\'s `{"error": "…"}`: 401 unknown or revoked token, 422 invalid direction, event or field, 429 over the per-token limit (ADR 0017).',
          params: z.object({ token: z.string().max(200) }),
          body: documentedBody,
          response: {
            200: ctiAnswerSchema,
            400: ctiErrorSchema, 401: ctiErrorSchema, 422: ctiErrorSchema, 429: ctiErrorSchema,
          },
        },
        // The body is read below, so its refusals come in Zammad's words and status (422).
        validatorCompiler: () => (data) => ({ value: data }),
        // The handler answers only CtiAnswer or the error body, typed: checking each answer against
        // its schema again was ~2 % of the webhook's CPU per event (issue 10 §6, ADR 0058).
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      async (request, reply) => {
        // Arrival time: the format carries none, and a batch may commit a few ms later.
        const at = nowIso();
        const caller = await resolveToken(String((request.params as { token?: unknown }).token ?? ''));
        if (!caller) return reply.status(401).send({ error: INVALID_TOKEN });
        const read = readCtiEvent(request.body);
        if (!read.ok) return reply.status(422).send({ error: read.error });
        // Revocation and the per-token limit are decided in the batch's transaction.
        const result = await commits.submit({ caller, event: read.event, at });
        if (result.kind === 'revoked') return reply.status(401).send({ error: INVALID_TOKEN });
        if (result.kind === 'limited') throw new AppError('TOO_MANY_REQUESTS', 'Too many call events for this token; try again later', undefined, result.retryAfterSeconds);
        return result.answer;
      },
    );
  });
}
