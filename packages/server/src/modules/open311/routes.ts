import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { classifyDatabaseError } from '../../db/refusals.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { parseFormBody } from '../telephony/cti-input.js';
import { parseFormat, render, renderErrors, type Open311Format } from './render.js';
import { discovery, getRequest, listRequests, listServices, requestIdForToken, serviceDefinition } from './service.js';
import { submitRequest } from './submit.js';

export const OPEN311_PREFIX = '/open311/v2';

const formatParam = z.string().max(10).describe('json or xml');
const jurisdictionQuery = z.object({ jurisdiction_id: z.string().max(100).optional().describe("the jurisdiction's code; empty or absent: this deployment's") });
const idText = z.string().min(1).max(100);

/** The format a request asked for, from the path's suffix; JSON when it named none we serve. */
function formatOf(request: FastifyRequest): Open311Format {
  const params = request.params as { format?: unknown } | undefined;
  const fromParam = typeof params?.format === 'string' ? parseFormat(params.format) : null;
  if (fromParam) return fromParam;
  const suffix = /\.(\w+)(?:\?|$)/.exec(request.url)?.[1];
  return (suffix && parseFormat(suffix)) || 'json';
}

function send(reply: FastifyReply, format: Open311Format, root: string, value: unknown, status = 200): FastifyReply {
  const out = render(format, root, value);
  return reply.status(status).header('content-type', out.contentType).send(out.body);
}

function requireFormat(raw: string): Open311Format {
  const format = parseFormat(raw);
  if (!format) throw new AppError('NOT_FOUND', `format ${raw} is not served: use .json or .xml`);
  return format;
}

/**
 * GeoReport v2 (issue 11 §3, ADR 0031), in a scope of its own: form bodies as the specification
 * posts them (JSON too), answers in the format the path's suffix names, and every refusal in the
 * specification's shape, a list of {code, description} with the HTTP status as code — never our
 * `{"error": …}` envelope, which no Open311 client would read.
 */
export function registerOpen311Routes(app: FastifyInstance, ctx: AppContext, options: { publicBaseUrl?: string | undefined }): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
      try {
        done(null, parseFormBody(body));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const format = formatOf(request);
      if (error instanceof AppError) {
        if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
        const descriptions = error.details && error.code === 'BAD_REQUEST' ? error.details.map((d) => d.message) : [error.message];
        return send(reply, format, 'errors', descriptions.map((description) => ({ code: error.status, description })), error.status);
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const descriptions = error.validation.map((v) => `${(v.instancePath.replace(/^\//, '') || error.validationContext) ?? 'request'}: ${v.message ?? 'invalid'}`);
        const out = renderErrors(format, 400, descriptions);
        return reply.status(400).header('content-type', out.contentType).send(out.body);
      }
      const refusal = classifyDatabaseError(error);
      const status = refusal ? 400 : (error.statusCode ?? 500);
      if (status >= 500) request.log.error({ err: error }, 'unhandled error');
      else if (refusal) request.log.warn({ err: error }, `database refused the request (${refusal.kind})`);
      const out = renderErrors(format, status, [status >= 500 ? 'Internal server error' : error.message]);
      return reply.status(status).header('content-type', out.contentType).send(out.body);
    });
    scope.setNotFoundHandler((request, reply) => {
      const out = renderErrors(formatOf(request), 404, [`${request.method} ${request.url.split('?')[0] ?? ''} is not a GeoReport v2 resource`]);
      return reply.status(404).header('content-type', out.contentType).send(out.body);
    });

    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['open311'];
    const answer = { 200: z.string().describe('XML (text/xml) or JSON, per the suffix; errors as a list of {code, description}') };

    r.get('/discovery.:format', {
      schema: { tags, summary: 'GeoReport v2 discovery: the endpoint, its formats and the jurisdiction', params: z.object({ format: formatParam }), querystring: jurisdictionQuery, response: answer },
    }, async (request, reply) => {
      const format = requireFormat(request.params.format);
      const base = options.publicBaseUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`;
      return send(reply, format, 'discovery', await discovery(ctx, { baseUrl: base, jurisdictionCode: request.query.jurisdiction_id, ip: request.ip }));
    });

    r.get('/services.:format', {
      schema: { tags, summary: "GeoReport v2 services: the jurisdiction's categories (leaves), grouped by the top of the tree", params: z.object({ format: formatParam }), querystring: jurisdictionQuery, response: answer },
    }, async (request, reply) => {
      const format = requireFormat(request.params.format);
      return send(reply, format, 'services', await listServices(ctx, { jurisdictionCode: request.query.jurisdiction_id, ip: request.ip }));
    });

    r.get('/services/:service_code.:format', {
      schema: { tags, summary: 'GeoReport v2 service definition: the questions (attributes) a service asks', params: z.object({ service_code: idText, format: formatParam }), querystring: jurisdictionQuery, response: answer },
    }, async (request, reply) => {
      const format = requireFormat(request.params.format);
      return send(reply, format, 'service_definition', await serviceDefinition(ctx, { jurisdictionCode: request.query.jurisdiction_id, code: request.params.service_code, ip: request.ip }));
    });

    r.get('/requests.:format', {
      schema: {
        tags, summary: 'GeoReport v2 service requests (public: no personal data, never a tip-line case; default the last 90 days)',
        params: z.object({ format: formatParam }),
        querystring: jurisdictionQuery.extend({
          service_request_id: z.string().max(10_000).optional().describe('comma-separated; overrides every other filter'),
          service_code: z.string().max(2_000).optional().describe('comma-separated'),
          start_date: z.string().max(40).optional(),
          end_date: z.string().max(40).optional(),
          status: z.string().max(40).optional().describe('open, closed or both, comma-separated'),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
        response: answer,
      },
    }, async (request, reply) => {
      const format = requireFormat(request.params.format);
      const q = request.query;
      return send(reply, format, 'service_requests', await listRequests(ctx, {
        jurisdictionCode: q.jurisdiction_id, serviceRequestIds: q.service_request_id, serviceCodes: q.service_code, startDate: q.start_date, endDate: q.end_date,
        statuses: q.status, limit: q.limit, ip: request.ip,
      }));
    });

    r.post('/requests.:format', {
      schema: {
        tags, summary: 'GeoReport v2: file a service request (api_key required; form-encoded as the specification posts, or JSON)',
        params: z.object({ format: formatParam }),
        body: z.record(z.string(), z.unknown()).describe('api_key, jurisdiction_id, service_code, lat/long or address_string or address_id, email, device_id, account_id, first_name, last_name, phone, description, media_url, attribute[code]'),
        response: answer,
      },
    }, async (request, reply) => {
      const format = requireFormat(request.params.format);
      return send(reply, format, 'service_requests', await submitRequest(ctx, request.body, { ip: request.ip }));
    });

    r.get('/requests/:service_request_id.:format', {
      schema: { tags, summary: 'GeoReport v2: one service request', params: z.object({ service_request_id: idText, format: formatParam }), querystring: jurisdictionQuery, response: answer },
    }, async (request, reply) => {
      const format = requireFormat(request.params.format);
      return send(reply, format, 'service_requests', await getRequest(ctx, { jurisdictionCode: request.query.jurisdiction_id, id: request.params.service_request_id, ip: request.ip }));
    });

    r.get('/tokens/:token.:format', {
      schema: { tags, summary: 'GeoReport v2: the service_request_id a token stands for', params: z.object({ token: idText, format: formatParam }), querystring: jurisdictionQuery, response: answer },
    }, async (request, reply) => {
      const format = requireFormat(request.params.format);
      return send(reply, format, 'service_requests', await requestIdForToken(ctx, { jurisdictionCode: request.query.jurisdiction_id, token: request.params.token, ip: request.ip }));
    });
  }, { prefix: OPEN311_PREFIX });
}
