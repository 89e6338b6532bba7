import { INSTRUCTION_TEXT_MAX, caseInstructionsSchema, deskSummarySchema, followSchema, instructionSchema, operatorQueueCountsSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { getFollowing, setFollowing } from './follow.js';
import { deskSummary, operatorQueueCounts } from './home.js';
import { answerInstruction, caseInstructions, giveInstruction } from './instructions.js';

const instructionText = z.object({ text: z.string().trim().min(2).max(INSTRUCTION_TEXT_MAX) });
const caseParams = z.object({ id: z.string().uuid() });

/** The official's desk and the operators' queues (issue 12 §2–3, ADR 0027). */
export function registerDeskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/desk',
    {
      schema: {
        tags: ['desk'],
        summary: "The signed-in user's own published lines and their instructions awaiting an answer (an official's home page)",
        security: [{ session: [] }],
        response: {
          200: deskSummarySchema,
          401: errorSchema,
        },
      },
    },
    async (request) => deskSummary(ctx, requireUser(request)),
  );

  r.get(
    '/api/v1/cases/queues',
    {
      schema: {
        tags: ['desk'],
        summary: 'How many cases wait in each operator queue (待派单, 被退回, 待回访); list them with GET /cases?queue=…&sort=queue',
        security: [{ session: [] }],
        response: { 200: operatorQueueCountsSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => operatorQueueCounts(ctx, requireUser(request)),
  );

  r.get(
    '/api/v1/cases/:id/instructions',
    {
      schema: {
        tags: ['desk'],
        summary: "A case's instructions (批示) and their answers, and whether you may instruct or answer",
        security: [{ session: [] }],
        params: caseParams,
        response: {
          200: caseInstructionsSchema,
          401: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (request) => caseInstructions(ctx, { user: requireUser(request), caseId: request.params.id }),
  );

  r.post(
    '/api/v1/cases/:id/instructions',
    {
      schema: {
        tags: ['desk'],
        summary: 'An official instructs the unit leading the case (批示); the unit must answer. Audited, on the case history',
        security: [{ session: [] }],
        params: caseParams,
        body: instructionText,
        response: { 201: instructionSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await giveInstruction(ctx, { user: requireUser(request), caseId: request.params.id, text: request.body.text, ip: request.ip })),
  );

  r.post(
    '/api/v1/cases/:id/instructions/:instructionId/answer',
    {
      schema: {
        tags: ['desk'],
        summary: "The lead unit's answer to an instruction (once). Audited, on the case history",
        security: [{ session: [] }],
        params: caseParams.extend({ instructionId: z.string().uuid() }),
        body: instructionText,
        response: { 200: instructionSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (request) =>
      answerInstruction(ctx, {
        user: requireUser(request), caseId: request.params.id, instructionId: request.params.instructionId, text: request.body.text, ip: request.ip,
      }),
  );

  r.get(
    '/api/v1/cases/:id/follow',
    {
      schema: {
        tags: ['desk'],
        summary: 'Whether you follow (关注) this case',
        security: [{ session: [] }],
        params: caseParams,
        response: { 200: followSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (request) => getFollowing(ctx, { user: requireUser(request), caseId: request.params.id }),
  );

  r.put(
    '/api/v1/cases/:id/follow',
    {
      schema: {
        tags: ['desk'],
        summary: 'Follow (关注) or stop following a case, to be told of each step',
        security: [{ session: [] }],
        params: caseParams,
        body: followSchema,
        response: { 200: followSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (request) => setFollowing(ctx, { user: requireUser(request), caseId: request.params.id, following: request.body.following }),
  );
}
