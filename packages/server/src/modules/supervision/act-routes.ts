import { ORDER_STATUSES, caseDetailSchema, supervisionOrderPageSchema, supervisionOrderSchema, orderAnswerInput, orderCloseInput, orderInput, urgeInput } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { getCaseDetail } from '../cases/detail.js';
import { issueSupervisionOrder, urgeCase } from './case-acts.js';
import { answerSupervisionOrder, closeSupervisionOrder, listSupervisionOrders, oneOrder } from './orders.js';


const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** 催办 and 督办 on a case, and the order's answer and closing (issue 12 §1, ADR 0024). */
export function registerSupervisionActRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secured = { tags: ['supervision'], security: [{ session: [] }] };
  r.post(
    '/api/v1/cases/:id/urge',
    {
      schema: {
        ...secured,
        summary: 'Urge the lead unit (催办): a case event and a staff message; supervisors, while a unit holds the case',
        params: z.object({ id: z.string().uuid() }),
        body: urgeInput,
        response: { 200: caseDetailSchema, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await urgeCase(ctx, { user, caseId: request.params.id, note: request.body.note, ip: request.ip });
      return getCaseDetail(ctx, { user, caseId: request.params.id, justActed: true });
    },
  );
  r.post(
    '/api/v1/cases/:id/supervision-orders',
    {
      schema: {
        ...secured,
        summary: 'Issue a supervision order (督办单) to the lead unit, with its own reply deadline; one live order per case',
        params: z.object({ id: z.string().uuid() }),
        body: orderInput,
        response: { 201: supervisionOrderSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { orderId } = await issueSupervisionOrder(ctx, { user, caseId: request.params.id, input: request.body, ip: request.ip });
      return reply.status(201).send(await oneOrder(ctx, user, orderId));
    },
  );
  r.get(
    '/api/v1/supervision/orders',
    {
      schema: {
        ...secured,
        summary: 'Supervision orders: all for city-level supervisors, their units\' for handlers and other supervisors; open first',
        querystring: z.object({
          status: z.enum(ORDER_STATUSES).optional(),
          caseId: z.string().uuid().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: supervisionOrderPageSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => listSupervisionOrders(ctx, { user: requireUser(request), ...request.query }),
  );
  r.post(
    '/api/v1/supervision/orders/:id/answer',
    {
      schema: {
        ...secured,
        summary: 'The addressed unit answers a supervision order',
        params: z.object({ id: z.string().uuid() }),
        body: orderAnswerInput,
        response: { 200: supervisionOrderSchema, ...errors },
      },
    },
    async (request) => answerSupervisionOrder(ctx, { user: requireUser(request), orderId: request.params.id, text: request.body.text, ip: request.ip }),
  );
  r.post(
    '/api/v1/supervision/orders/:id/close',
    {
      schema: {
        ...secured,
        summary: 'A supervisor accepts the answer and closes the supervision order',
        params: z.object({ id: z.string().uuid() }),
        body: orderCloseInput,
        response: { 200: supervisionOrderSchema, ...errors },
      },
    },
    async (request) => closeSupervisionOrder(ctx, { user: requireUser(request), orderId: request.params.id, note: request.body.note, ip: request.ip }),
  );
}
