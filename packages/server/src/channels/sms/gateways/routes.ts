import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../lib/app-context.js';
import { errorSchema } from '../../../plugins/schemas.js';
import { aliyunPush } from './aliyun.js';
import { gatewayDisabled } from './common.js';
import { registerPushGateway, type GatewayRouteOptions } from './push.js';
import { receiveGatewayMessages } from './service.js';
import { tencentPush } from './tencent.js';
import { formParams, TWILIO_SIGNATURE_HEADER, twilioMessage, TWIML_EMPTY, verifyTwilioSignature } from './twilio.js';

export const ALIYUN_PUSH_PATH = aliyunPush.path;
export const TENCENT_PUSH_PATH = tencentPush.path;
export const TWILIO_PATH = '/api/v1/channels/sms/twilio';

/**
 * The SMS providers' own inbound formats beside the neutral endpoint (ADR 0030), each in a scope
 * of its own for its parsing and its answer shape; all of them end in the neutral inbound service.
 */
export function registerSmsGatewayRoutes(app: FastifyInstance, ctx: AppContext, options: GatewayRouteOptions): void {
  registerPushGateway(app, ctx, aliyunPush, options);
  registerPushGateway(app, ctx, tencentPush, options);
  void app.register(async (scope) => registerTwilio(scope, ctx, options));
}

function registerTwilio(scope: FastifyInstance, ctx: AppContext, { gateways, publicBaseUrl, petitionWindowHours }: GatewayRouteOptions): void {
  // Whatever the declared type, the body is read as Twilio's form after the signature check:
  // nothing unsigned is parsed further.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // Untyped: its 200 is TwiML text, which no JSON response schema describes.
  scope.post(
    TWILIO_PATH,
    {
      schema: {
        tags: ['channels'],
        summary: 'Twilio messaging webhook (X-Twilio-Signature; idempotent on MessageSid); answers empty TwiML',
        description:
          'Body application/x-www-form-urlencoded with Twilio\'s parameters (MessageSid, From, To, Body, …), signed with X-Twilio-Signature ' +
          '(HMAC-SHA1 under TWILIO_AUTH_TOKEN of the URL Twilio called, TWILIO_WEBHOOK_BASE_URL or PUBLIC_BASE_URL plus this path, followed by ' +
          'the parameters sorted by name). Answers `<Response></Response>` as text/xml; the reply goes out through the outbox. Refusals in our error model.',
        consumes: ['application/x-www-form-urlencoded'],
        response: { 400: errorSchema, 401: errorSchema, 422: errorSchema, 503: errorSchema },
      },
    },
    async (request, reply) => {
      const twilio = gateways.twilio;
      if (!twilio?.webhookBaseUrl) throw gatewayDisabled('Twilio');
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      let params: Array<[string, string]>;
      try {
        params = formParams(raw);
      } catch {
        params = [];
      }
      const signature = request.headers[TWILIO_SIGNATURE_HEADER];
      verifyTwilioSignature({ authToken: twilio.authToken, url: twilio.webhookBaseUrl + request.url, params, signature: Array.isArray(signature) ? signature[0] : signature });
      const message = twilioMessage(params);
      await receiveGatewayMessages(ctx, { items: [{ message, path: '' }], ip: request.ip, publicBaseUrl, petitionWindowHours });
      return reply.type('text/xml; charset=utf-8').send(TWIML_EMPTY);
    },
  );
}
