import { calendarOverviewSchema, calendarYearSchema, deadlinePolicyAnswerSchema, deadlinePolicySchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { assertRole } from '../../lib/access.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { getCalendar, getDeadlinePolicy, packageYear, setCalendarYear, setDeadlinePolicy } from './service.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const yearParam = z.object({ year: z.coerce.number().int().min(1949).max(2200) });

export function registerCalendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secured = { tags: ['admin'], security: [{ session: [] }] };
  r.get('/api/v1/admin/deadline-policy', { schema: { ...secured, summary: 'Deadline policy per case type and urgency', response: { 200: deadlinePolicyAnswerSchema, ...errors } } }, async (request) =>
    getDeadlinePolicy(ctx, { user: requireUser(request) }),
  );
  r.put(
    '/api/v1/admin/deadline-policy',
    { schema: { ...secured, summary: 'Replace the deadline policy (audited)', body: z.object({ policy: deadlinePolicySchema }), response: { 200: deadlinePolicyAnswerSchema, ...errors } } },
    async (request) => setDeadlinePolicy(ctx, { user: requireUser(request), ip: request.ip, policy: request.body.policy }),
  );
  r.get('/api/v1/admin/calendar', { schema: { ...secured, summary: 'Working calendar: years, coverage and warnings', response: { 200: calendarOverviewSchema, ...errors } } }, async (request) =>
    getCalendar(ctx, { user: requireUser(request) }),
  );
  r.put(
    '/api/v1/admin/calendar/:year',
    {
      schema: {
        ...secured,
        summary: "Load a year's holidays and make-up working days (replaces the packaged data for that year; audited)",
        params: yearParam,
        body: z.object({ holidays: z.array(z.string()).max(60), makeupWorkdays: z.array(z.string()).max(30), name: z.string().max(100).optional() }),
        response: { 200: calendarOverviewSchema, ...errors },
      },
    },
    async (request) => setCalendarYear(ctx, { user: requireUser(request), ip: request.ip, year: request.params.year, input: request.body }),
  );
  r.get(
    '/api/v1/admin/calendar/:year/package',
    { schema: { ...secured, summary: 'The statutory calendar the bundled package has for a year', params: yearParam, response: { 200: calendarYearSchema, ...errors } } },
    async (request) => {
      assertRole(requireUser(request), ['admin']);
      return packageYear(request.params.year);
    },
  );
}
