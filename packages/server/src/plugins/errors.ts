import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { classifyDatabaseError, classifyDatabaseOutage, type DatabaseRefusal } from '../db/refusals.js';
import { AppError, errorBody, type ErrorBody, type ErrorCode, type ErrorDetail } from '../errors.js';

/** Fastify's own 4xx errors, mapped onto our stable codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

/** A client (a citizen's browser, an SMS gateway, a PBX) may try again this soon after a 503. */
const OUTAGE_RETRY_AFTER_SECONDS = 30;

/** What the caller is told when the database, not a service, refused the request's data. */
function refusalAnswer(refusal: DatabaseRefusal): { status: number; body: ErrorBody } {
  switch (refusal.kind) {
    case 'unique':
      return { status: 409, body: errorBody('CONFLICT', 'A record with this value already exists', refusal.fields.length > 0 ? refusal.fields.map((path) => ({ path, message: 'taken' })) : undefined) };
    case 'foreign_key':
      return { status: 400, body: errorBody('REFERENCE_NOT_FOUND', 'The request refers to something that does not exist') };
    case 'invalid_value':
      return { status: 400, body: errorBody('VALIDATION_FAILED', 'A value in the request cannot be stored') };
  }
}

/**
 * One error model for the whole API: {"error":{"code","message","details?"}}. 4xx say what was
 * wrong; 5xx are logged in full and answered with a generic message so no internals leak.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => validationDetail(v, error.validationContext ?? ''));
      return reply.status(400).send(errorBody('VALIDATION_FAILED', 'The request is not valid', details));
    }
    const refusal = classifyDatabaseError(error);
    if (refusal) {
      // A 4xx for the caller, but a warning for us: a service let this reach the database.
      request.log.warn({ err: error }, `database refused the request (${refusal.kind})`);
      const answer = refusalAnswer(refusal);
      return reply.status(answer.status).send(answer.body);
    }
    const outage = classifyDatabaseOutage(error);
    if (outage) {
      request.log.error({ err: error, outage }, 'database unavailable; answered 503');
      const message = outage === 'unreachable' ? 'The database cannot be reached; nothing was stored' : 'The database cannot store anything now; nothing was stored';
      return reply.status(503).header('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS)).send(errorBody('DATABASE_UNAVAILABLE', message));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[error.code] ?? (status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST');
      return reply.status(status).send(errorBody(code, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL_ERROR', 'Internal server error'));
  });
}

type ZodValidation = FastifyError['validation'] extends (infer V)[] | undefined ? V : never;

/** One zod issue as an error detail, with what a screen needs to say it in the user's language. */
function validationDetail(v: ZodValidation, context: string): ErrorDetail {
  const detail: ErrorDetail = {
    path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || context,
    message: v.message ?? 'invalid',
    issue: v.keyword,
  };
  const params: Record<string, unknown> = v.params;
  const limit = params.minimum ?? params.maximum;
  if (typeof limit === 'number' || typeof limit === 'bigint') detail.limit = Number(limit);
  if (typeof params.origin === 'string') detail.origin = params.origin;
  return detail;
}
