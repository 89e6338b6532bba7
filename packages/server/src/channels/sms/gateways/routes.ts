import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SmsInboundGateways } from '../../../config-sms-gateways.js';
import { AppError } from '../../../errors.js';
import type { AppContext } from '../../../lib/app-context.js';
import { errorSchema } from '../../../plugins/schemas.js';
import { aliyunMessage, aliyunOkSchema, aliyunSmsUpPush, ALIYUN_OK } from './aliyun.js';
import { answerErrorsAs, checkPushSource, translate } from './common.js';
import { receiveGatewayMessages } from './service.js';
import { tencentCallback, tencentMessage, tencentOkSchema, TENCENT_OK } from './tencent.js';
import { formParams, TWILIO_SIGNATURE_HEADER, twilioMessage, TWIML_EMPTY, verifyTwilioSignature } from './twilio.js';

export const ALIYUN_PUSH_PATH = '/api/v1/channels/sms/aliyun/:token';
export const TENCENT_PUSH_PATH = '/api/v1/channels/sms/tencent/:token';
export const TWILIO_PATH = '/api/v1/channels/sms/twilio';

const tokenParams = z.object({ token: z.string().max(200) });
const disabled = (what: string) => new AppError('SMS_CHANNEL_DISABLED', `The ${what} SMS push is not configured`);
const tokenOf = (request: FastifyRequest): string => String((request.params as { token?: unknown }).token ?? '');

interface Options {
  gateways: SmsInboundGateways;
  publicBaseUrl: string | undefined;
  /** The petition line's follow-up window (ADR 0029): the providers' texts are petitions too. */
  petitionWindowHours: number;
}

/**
 * The SMS providers' own inbound formats beside the neutral endpoint (ADR 0030), each in a scope
 * of its own for its parsing and its answer shape; all of them end in the neutral inbound service.
 */
export function registerSmsGatewayRoutes(app: FastifyInstance, ctx: AppContext, options: Options): void {
  void app.register(async (scope) => {
    answerErrorsAs(scope, (status, error) => ({ code: status, msg: `${error.code}: ${error.message}` }));
    registerAliyun(scope, ctx, options);
  });
  void app.register(async (scope) => {
    answerErrorsAs(scope, (status, error) => ({ result: status, errmsg: `${error.code}: ${error.message}` }));
    registerTencent(scope, ctx, options);
  });
  void app.register(async (scope) => registerTwilio(scope, ctx, options));
}

function registerAliyun(scope: FastifyInstance, ctx: AppContext, { gateways, publicBaseUrl, petitionWindowHours }: Options): void {
  const errorShape = errorSchema.extend({ code: z.number().int().optional(), msg: z.string().optional() });
  scope.withTypeProvider<ZodTypeProvider>().post(
    ALIYUN_PUSH_PATH,
    {
      schema: {
        tags: ['channels'],
        summary: 'Aliyun SmsUp HTTP push: citizens\' replies to our number (path token; idempotent)',
        description:
          'Body: the JSON array Aliyun pushes, `[{phone_number, content, send_time, dest_code, sequence_id, sign_name}]`. Authenticated by the ' +
          'token in the path (SMS_ALIYUN_PUSH_TOKEN) and, when SMS_PUSH_ALLOWED_IPS is set, the source address: Aliyun does not sign pushes. ' +
          'dest_code picks the line (SMS_ALIYUN_DEST_CODES). Idempotent on (sequence_id, phone_number, dest_code, send_time). Answers ' +
          '`{"code":0,"msg":"接收成功"}`; refusals `{code: <HTTP status>, msg, error}` with our stable error code.',
        params: tokenParams,
        body: aliyunSmsUpPush,
        response: { 200: aliyunOkSchema, 400: errorShape, 401: errorShape, 403: errorShape, 415: errorShape, 422: errorShape, 503: errorShape },
      },
      onRequest: async (request) => {
        if (!gateways.aliyun) throw disabled('Aliyun');
        checkPushSource({ expected: gateways.aliyun.token, given: tokenOf(request), ip: request.ip, allowed: gateways.pushAllowedIps });
      },
    },
    async (request) => {
      const destCodes = gateways.aliyun?.destCodes ?? { codes: {}, fallback: undefined };
      const items = request.body.map((item, i) => translate(String(i), () => aliyunMessage(ctx.pii, item, destCodes, i)));
      await receiveGatewayMessages(ctx, { items, ip: request.ip, publicBaseUrl, petitionWindowHours });
      return ALIYUN_OK;
    },
  );
}

function registerTencent(scope: FastifyInstance, ctx: AppContext, { gateways, publicBaseUrl, petitionWindowHours }: Options): void {
  const errorShape = errorSchema.extend({ result: z.number().int().optional(), errmsg: z.string().optional() });
  scope.withTypeProvider<ZodTypeProvider>().post(
    TENCENT_PUSH_PATH,
    {
      schema: {
        tags: ['channels'],
        summary: 'Tencent Cloud SMS reply callback (path token; idempotent on a key of all fields)',
        description:
          'Body `{extend, mobile, nationcode, sign, text, time}` (or an array of them). Authenticated by the token in the path ' +
          '(SMS_TENCENT_PUSH_TOKEN) and, when set, SMS_PUSH_ALLOWED_IPS: Tencent does not sign callbacks. extend picks the line ' +
          '(SMS_TENCENT_EXTEND_CODES). Answers `{"result":0,"errmsg":"OK"}`; refusals `{result: <HTTP status>, errmsg, error}`.',
        params: tokenParams,
        body: tencentCallback,
        response: { 200: tencentOkSchema, 400: errorShape, 401: errorShape, 403: errorShape, 415: errorShape, 422: errorShape, 503: errorShape },
      },
      onRequest: async (request) => {
        if (!gateways.tencent) throw disabled('Tencent');
        checkPushSource({ expected: gateways.tencent.token, given: tokenOf(request), ip: request.ip, allowed: gateways.pushAllowedIps });
      },
    },
    async (request) => {
      const codes = gateways.tencent?.extendCodes ?? { codes: {}, fallback: undefined };
      const replies = Array.isArray(request.body) ? request.body : [request.body];
      const items = replies.map((reply, i) => {
        const path = Array.isArray(request.body) ? String(i) : '';
        return translate(path, () => tencentMessage(ctx.pii, reply, codes, path));
      });
      await receiveGatewayMessages(ctx, { items, ip: request.ip, publicBaseUrl, petitionWindowHours });
      return TENCENT_OK;
    },
  );
}

function registerTwilio(scope: FastifyInstance, ctx: AppContext, { gateways, publicBaseUrl, petitionWindowHours }: Options): void {
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
      if (!twilio?.webhookBaseUrl) throw disabled('Twilio');
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
