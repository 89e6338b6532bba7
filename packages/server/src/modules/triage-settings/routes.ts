import { keywordRulesAnswerSchema, urgencyLexiconAnswerSchema } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { getKeywordRules, keywordRulesSchema, setKeywordRules } from './keywords.js';
import { getUrgencyLexicon, setUrgencyLexicon } from './lexicon.js';

export function registerTriageSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secured = { tags: ['admin'], security: [{ session: [] }] };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
  // The lexicon's own zod schema validates in the service, so errors carry its field paths.
  r.get('/api/v1/admin/urgency-lexicon', { schema: { ...secured, summary: 'The urgency and emergency lexicon', response: { 200: urgencyLexiconAnswerSchema, ...errors } } }, async (request) =>
    getUrgencyLexicon(ctx, { user: requireUser(request) }),
  );
  r.put(
    '/api/v1/admin/urgency-lexicon',
    { schema: { ...secured, summary: 'Replace the urgency lexicon (validated by compiling it; audited)', body: z.object({ lexicon: z.unknown() }), response: { 200: urgencyLexiconAnswerSchema, ...errors } } },
    async (request) => setUrgencyLexicon(ctx, { user: requireUser(request), ip: request.ip, lexicon: request.body.lexicon }),
  );
  r.get('/api/v1/admin/routing/keywords', { schema: { ...secured, summary: 'Cold-start keyword rules per unit', response: { 200: keywordRulesAnswerSchema, ...errors } } }, async (request) =>
    getKeywordRules(ctx, { user: requireUser(request) }),
  );
  r.put(
    '/api/v1/admin/routing/keywords',
    { schema: { ...secured, summary: 'Replace the cold-start keyword rules (audited)', body: z.object({ rules: keywordRulesSchema }), response: { 200: keywordRulesAnswerSchema, ...errors } } },
    async (request) => setKeywordRules(ctx, { user: requireUser(request), ip: request.ip, rules: request.body.rules }),
  );
}
