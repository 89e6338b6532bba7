import { ACTION_SCHEMAS, ACTION_TYPES, caseDetailSchema, type ActionType, type CaseAction } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { getCaseDetail } from './detail.js';
import { performCaseAction } from './transitions.js';

/** URL segment per action: the names, with nested paths for the extension ruling. */
export const ACTION_PATHS: Record<ActionType, string> = {
  triage: 'triage',
  answer_directly: 'answer-directly',
  dispatch: 'dispatch',
  accept: 'accept',
  return: 'return',
  contact: 'contact',
  progress: 'progress',
  extension_request: 'extension',
  extension_approve: 'extension/approve',
  extension_reject: 'extension/reject',
  reply: 'reply',
  visit: 'visit',
  close: 'close',
  reopen: 'reopen',
  merge: 'merge',
  unmerge: 'unmerge',
  invalidate: 'invalidate',
  restore: 'restore',
  arbitrate: 'arbitrate',
  redispatch: 'redispatch',
};

/** POST /api/v1/cases/:id/<action> for every verb of the status machine; answers the updated case. */
export function registerCaseActionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const type of ACTION_TYPES) {
    const body = ACTION_SCHEMAS[type] as z.ZodType<Record<string, unknown>>;
    r.post(
      `/api/v1/cases/:id/${ACTION_PATHS[type]}`,
      {
        schema: {
          tags: ['case lifecycle'],
          summary: `Case action: ${type}`,
          security: [{ session: [] }],
          params: z.object({ id: z.string().uuid() }),
          body,
          response: { 200: caseDetailSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const action = { type, payload: request.body } as CaseAction;
        await performCaseAction(ctx, { jurisdictionId: user.jurisdictionId, caseId: request.params.id, action, actor: { kind: 'staff', user, ip: request.ip } });
        return getCaseDetail(ctx, { user, caseId: request.params.id, justActed: true });
      },
    );
  }
}
