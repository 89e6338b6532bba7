import { blockedNumberListSchema, blockedNumberSchema, cdrImportReportSchema, ctiTokenListSchema, issuedCtiTokenSchema, issueTokenInput } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { requireUser } from '../../plugins/auth.js';
import { errorSchema } from '../../plugins/schemas.js';
import { decodeUtf8Body } from '../../plugins/text-input.js';
import { blockNumber, listBlockedNumbers, unblockNumber } from './blocked.js';
import { importCdrCsv } from './cdr-import.js';
import { issueCtiToken, listPhoneSystemTokens, revokePhoneSystemToken } from './tokens.js';

/** A Master.csv of a busy month; larger files are imported in parts. */
const IMPORT_LIMIT_BYTES = 8 * 1024 * 1024;

export function registerTelephonyAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secured = { tags: ['admin'], security: [{ session: [] }] };
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
  const idParams = z.object({ id: z.string().uuid() });

  r.get('/api/v1/admin/cti-tokens', { schema: { ...secured, summary: 'Phone-system tokens for the CTI webhook (admin)', response: { 200: ctiTokenListSchema, ...errors } } }, async (request) => ({
    items: await listPhoneSystemTokens(ctx, { user: requireUser(request) }),
  }));
  r.post(
    '/api/v1/admin/cti-tokens',
    {
      schema: {
        ...secured, summary: 'Issue a token for one phone system; shown only in this response (audited). Its webhook is /api/v1/cti/<token>',
        body: issueTokenInput,
        response: { 201: issuedCtiTokenSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(await issueCtiToken(ctx, { user: requireUser(request), ip: request.ip, name: request.body.name }));
    },
  );
  r.delete('/api/v1/admin/cti-tokens/:id', { schema: { ...secured, summary: 'Revoke a phone-system token (audited)', params: idParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await revokePhoneSystemToken(ctx, { user: requireUser(request), ip: request.ip, tokenId: request.params.id });
    return reply.status(204).send(null);
  });

  r.get('/api/v1/admin/blocked-numbers', { schema: { ...secured, summary: 'Callers the phone system is told to reject (masked)', response: { 200: blockedNumberListSchema, ...errors } } }, async (request) => ({
    items: await listBlockedNumbers(ctx, { user: requireUser(request) }),
  }));
  r.post(
    '/api/v1/admin/blocked-numbers',
    {
      schema: {
        ...secured, summary: 'Block a caller: their newCall is answered with reject (audited)',
        body: z.object({ number: z.string().trim().min(3).max(32), note: z.string().trim().max(200).default('') }),
        response: { 201: blockedNumberSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await blockNumber(ctx, { user: requireUser(request), ip: request.ip, ...request.body })),
  );
  r.delete('/api/v1/admin/blocked-numbers/:id', { schema: { ...secured, summary: 'Unblock a caller (audited)', params: idParams, response: { 204: z.null(), ...errors } } }, async (request, reply) => {
    await unblockNumber(ctx, { user: requireUser(request), ip: request.ip, id: request.params.id });
    return reply.status(204).send(null);
  });

  void app.register(async (scope) => {
    // API clients may send the file as it is; the console sends JSON {csv} (cookie writes must be JSON).
    scope.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES }, (_request, body: Buffer, done) => {
      try {
        done(null, { csv: decodeUtf8Body(body) });
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/admin/call-records/import',
      {
        bodyLimit: IMPORT_LIMIT_BYTES,
        schema: {
          ...secured, summary: 'Import an Asterisk cdr_csv Master.csv (text/csv body or JSON {csv}); idempotent on uniqueid (audited)',
          body: z.object({ csv: z.string().max(IMPORT_LIMIT_BYTES) }),
          response: { 200: cdrImportReportSchema, ...errors, 413: errorSchema, 415: errorSchema },
        },
      },
      async (request) => importCdrCsv(ctx, { user: requireUser(request), ip: request.ip, csv: request.body.csv }),
    );
  });
}
