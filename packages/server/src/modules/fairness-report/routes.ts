import { monthSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { fairnessReport } from './service.js';

const count = z.number().int().min(0);
const minutes = z.number().min(0).nullable();
const summary = z.object({
  key: z.string(),
  cases: count,
  dispatched: count,
  dispatchMedianMinutes: minutes.describe('received → first dispatch, nearest-rank median'),
  dispatchP90Minutes: minutes,
  contacted: count,
  contactMedianMinutes: minutes.describe('received → first contact of the citizen'),
  contactP90Minutes: minutes,
  averagePriority: z.number().nullable(),
});

export function registerFairnessRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/stats/fairness',
    {
      schema: {
        tags: ['stats'],
        summary: 'Fairness report of a month (DESIGN §7): waits and priority by band, urgency and callers’ contact counts, and the priority check',
        security: [{ session: [] }],
        querystring: z.object({ month: monthSchema }),
        response: {
          200: z.object({
            month: z.string(),
            cases: count,
            byBand: z.array(summary).describe('P0 ≥ 400 … P4 < 20 (core PRIORITY_BANDS)'),
            byUrgency: z.array(summary),
            byContacts: z.array(summary).describe('contacts by the case’s own caller on it: 1, 2-3, 4+'),
            byCaller: z.array(summary).describe('frequent callers (frequentCallerRule) and others'),
            frequentCallerRule: z.object({ overContacts: count, days: count }),
            check: z.object({
              checked: count,
              violations: count.describe('cases whose stored priority exceeds what urgency, distinct callers, flags and age allow'),
              caseNumbers: z.array(z.string()).describe('up to 20 of them'),
            }),
          }),
          400: errorSchema,
          401: errorSchema,
          403: errorSchema,
        },
      },
    },
    async (request) => fairnessReport(ctx, { user: requireUser(request), ...request.query }),
  );
}
