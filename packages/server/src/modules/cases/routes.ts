import {
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  FIGURE_FACTS,
  OPERATOR_QUEUES,
  PRIORITY_BAND_CODES,
  URGENCIES,
  caseDetailSchema,
  caseListPageSchema,
  caseSearchResultSchema,
  createdCaseSchema,
  repeatContactReceiptSchema,
  revealedCallerSchema,
  staffIntakeInput,
} from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { getCaseDetail, revealCaller } from './detail.js';
import { recordIntake } from './intake.js';
import { attachRepeatContact, repeatContactInput } from './repeat-contact.js';
import { listCases, searchCases } from './service.js';
import { registerCaseVulnerabilityRoutes } from './vulnerability-routes.js';

/** Any ISO-8601 instant, normalised to the stored UTC form so text comparison is correct. */
const isoInstant = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());

const localDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** "true"/"false" in a query string; absent means "do not filter". */
const booleanQuery = z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true'));

/** The case list's filters; its exports take the same ones (modules/exports). */
export const caseFilterQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(CASE_STATUSES)).optional())
    .describe('comma-separated status codes'),
  unitId: z.string().uuid().optional().describe('lead unit, including its children'),
  overdue: booleanQuery.describe('only cases with a running deadline already passed'),
  awaitingArbitration: booleanQuery,
  q: z.string().trim().min(1).max(100).optional().describe('text in the content or case number'),
  from: isoInstant.optional().describe('created at or after'),
  to: isoInstant.optional().describe('created before'),
  lineId: z.string().uuid().optional().describe('came in on this published line'),
  type: z.enum(CASE_TYPES).optional(),
  channel: z.enum(CHANNELS).optional(),
  fact: z
    .enum(FIGURE_FACTS)
    .optional()
    .describe('drill-down from a figure: cases with this fact on a local day in factFrom..factTo (ADR 0019)'),
  factFrom: localDay.optional().describe('first local day of the figure’s period; required with fact'),
  factTo: localDay.optional().describe('last local day (inclusive); required with fact'),
  factUnitId: z.string().uuid().optional().describe('the unit the fact counted for (not the lead unit now)'),
  factSubtree: booleanQuery.describe('with factUnitId: its child units too'),
  phone: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .optional()
    .describe('the caller’s number in any usual spelling: cases they opened or contacted again about; never a tip-line reporter’s for a viewer who may not know them'),
  categoryId: z.string().uuid().optional().describe('诉求分类, including its sub-categories'),
  urgency: z.enum(URGENCIES).optional(),
  priorityBand: z.enum(PRIORITY_BAND_CODES).optional().describe('P0 (≥ 400) … P4 (< 20), the fairness report’s bands'),
  callerName: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .describe('the caller’s exact full name (blind index, ADR 0027): cases they opened; never a tip-line reporter’s for a viewer who may not know them'),
  ownLines: booleanQuery.describe('only cases that came in on published lines the signed-in user owns'),
  followed: booleanQuery.describe('only cases the signed-in user follows (关注)'),
  openInstruction: booleanQuery.describe('true: cases with an instruction (批示) not yet answered; false: none open'),
  queue: z.enum(OPERATOR_QUEUES).optional().describe('an operator queue: 待派单, 被退回 (operators may re-dispatch), 待回访'),
});

export function registerCaseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerCaseVulnerabilityRoutes(app, ctx);

  r.post(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Operator intake: record a call or message as a new case',
        security: [{ session: [] }],
        body: staffIntakeInput,
        response: {
          201: createdCaseSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      return reply.status(201).send(await recordIntake(ctx, { user, input: request.body }));
    },
  );

  r.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases the signed-in user may see, newest first',
        security: [{ session: [] }],
        querystring: caseFilterQuery.extend({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
          sort: z.enum(['created', 'deadline', 'priority', 'queue']).default('created').describe('queue: priority, then nearest deadline, then oldest'),
        }),
        response: {
          200: caseListPageSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { status, ...rest } = request.query;
      return listCases(ctx, { user, query: { ...rest, statuses: status } });
    },
  );

  const caseParams = z.object({ id: z.string().uuid() });

  r.get(
    '/api/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case with its timeline; personal data masked',
        security: [{ session: [] }],
        params: caseParams,
        response: { 200: caseDetailSchema, 401: errorSchema, 404: errorSchema },
      },
    },
    async (request) => getCaseDetail(ctx, { user: requireUser(request), caseId: request.params.id }),
  );

  r.post(
    '/api/v1/cases/:id/reveal',
    {
      schema: {
        tags: ['cases'],
        summary: "Reveal the caller's full identity (permission needed; audited)",
        security: [{ session: [] }],
        params: caseParams,
        body: z.object({ reason: z.string().trim().min(2).max(200) }),
        response: {
          200: revealedCallerSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return revealCaller(ctx, { user: requireUser(request), caseId: request.params.id, reason: request.body.reason, ip: request.ip });
    },
  );

  r.post(
    '/api/v1/cases/:id/contacts',
    {
      schema: {
        tags: ['cases'],
        summary: 'Attach a repeat contact to an existing case instead of opening a new one',
        security: [{ session: [] }],
        params: caseParams,
        body: repeatContactInput,
        response: {
          201: repeatContactReceiptSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (request, reply) => {
      return reply.status(201).send(await attachRepeatContact(ctx, { user: requireUser(request), caseId: request.params.id, input: request.body }));
    },
  );

  r.get(
    '/api/v1/search/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Ranked full-text search over visible cases, with highlight ranges in the content',
        security: [{ session: [] }],
        querystring: z.object({ q: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(50).default(20) }),
        response: {
          200: caseSearchResultSchema,
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => ({ items: await searchCases(ctx, { user: requireUser(request), q: request.query.q, limit: request.query.limit }) }),
  );
}
