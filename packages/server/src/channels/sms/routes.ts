import { inboundSmsResultSchema, maskPhone } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { errorSchema } from '../../plugins/schemas.js';
import { assertStorableText, decodeUtf8Body } from '../../plugins/text-input.js';
import { receiveInboundSms, inboundSmsInput } from './service.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from './signature.js';

export const SMS_INBOUND_PATH = '/api/v1/channels/sms/inbound';

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

function parseBody(raw: Buffer): ReturnType<typeof inboundSmsInput.parse> {
  const text = decodeUtf8Body(raw);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'The body is not JSON');
  }
  const parsed = inboundSmsInput.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', details);
  }
  // The same rule as every other route's (plugins/text-input.ts), applied after the signature check.
  assertStorableText(parsed.data);
  return parsed.data;
}

/**
 * The SMS gateway's inbound webhook (docs/architecture.md, "Unattended intake"). In a scope of
 * its own, JSON arrives as raw bytes: the signature is over exactly what was sent, and it is
 * checked before the body is even parsed.
 */
export function registerSmsRoutes(app: FastifyInstance, ctx: AppContext, options: { secret: string | undefined; publicBaseUrl?: string | undefined; petitionWindowHours: number }): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      SMS_INBOUND_PATH,
      {
        schema: {
          tags: ['channels'],
          summary: 'An inbound text message from the SMS gateway (HMAC-signed; idempotent on messageId)',
          description:
            `Body {messageId, from, to, text, receivedAt?} as application/json, signed with ${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 ` +
            `of the raw body under SMS_WEBHOOK_SECRET>; with ${TIMESTAMP_HEADER} (unix seconds) the signed text is "<timestamp>.<body>" ` +
            'and deliveries more than 5 minutes off are refused.',
          response: {
            200: inboundSmsResultSchema,
            400: errorSchema,
            401: errorSchema.describe('SIGNATURE_INVALID or REQUEST_EXPIRED'),
            409: errorSchema,
            422: errorSchema.describe('UNKNOWN_LINE: `to` is no published line; nothing was taken (logged)'),
            503: errorSchema.describe('SMS_CHANNEL_DISABLED: no SMS_WEBHOOK_SECRET is configured'),
          },
        },
      },
      async (request) => {
        if (!options.secret) throw new AppError('SMS_CHANNEL_DISABLED', 'The SMS channel is not configured');
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        verifyWebhookSignature({
          secret: options.secret,
          rawBody: raw,
          signature: header(request.headers[SIGNATURE_HEADER]),
          timestamp: header(request.headers[TIMESTAMP_HEADER]),
          now: new Date(),
        });
        const message = parseBody(raw);
        try {
          return await receiveInboundSms(ctx, { message, ip: request.ip, publicBaseUrl: options.publicBaseUrl, petitionWindowHours: options.petitionWindowHours });
        } catch (error) {
          // The gateway still holds the message: the log says which, without its text.
          if (error instanceof AppError && error.code === 'UNKNOWN_LINE') {
            request.log.warn({ messageId: message.messageId, to: message.to, from: maskPhone(message.from) }, 'inbound SMS to an unknown line');
          }
          throw error;
        }
      },
    );
  });
}
