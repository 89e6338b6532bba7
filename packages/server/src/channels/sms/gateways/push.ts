import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LineCodeMap, SmsInboundGateways } from '../../../config-sms-gateways.js';
import type { PiiCipher } from '../../../crypto/pii.js';
import type { ErrorBody } from '../../../errors.js';
import type { AppContext } from '../../../lib/app-context.js';
import { errorSchema } from '../../../plugins/schemas.js';
import { answerErrorsAs, checkPushSource, gatewayDisabled, type GatewayItem } from './common.js';
import { receiveGatewayMessages } from './service.js';

/**
 * A provider that pushes its customers' replies, unsigned, to a URL carrying our token (Aliyun's
 * SmsUp push, Tencent's reply callback): what differs is only how a delivery is read and how it
 * is answered. The route around it — token and source check, translation, the neutral inbound
 * service, the provider's success or refusal shape — is the same for each (ADR 0030).
 */
export interface PushGateway<Body, Ok extends Record<string, unknown>> {
  /** For messages and the 503 while unconfigured: "Aliyun". */
  name: string;
  path: string;
  summary: string;
  description: string;
  body: z.ZodType<Body>;
  ok: Ok;
  okSchema: z.ZodType<Ok>;
  /** The provider's fields in a refusal, beside our `error` (the provider reads these, people read ours). */
  refusalFields: z.ZodRawShape;
  refusal: (status: number, error: ErrorBody['error']) => Record<string, unknown>;
  /** The path token and the destination-code map, or undefined while the provider is not configured. */
  configOf: (gateways: SmsInboundGateways) => { token: string; codes: LineCodeMap } | undefined;
  /** One delivery's messages in the neutral shape, or refused one by one, each with where it stands. */
  translate: (pii: PiiCipher, body: Body, codes: LineCodeMap) => GatewayItem[];
}

export interface GatewayRouteOptions {
  gateways: SmsInboundGateways;
  publicBaseUrl: string | undefined;
  /** The petition line's follow-up window (ADR 0029): the providers' texts are petitions too. */
  petitionWindowHours: number;
}

const tokenParams = z.object({ token: z.string().max(200) });

/** One push provider's path, in a scope of its own so that its refusals take the provider's shape. */
export function registerPushGateway<Body, Ok extends Record<string, unknown>>(
  app: FastifyInstance, ctx: AppContext, gateway: PushGateway<Body, Ok>, options: GatewayRouteOptions,
): void {
  void app.register(async (scope) => {
    answerErrorsAs(scope, gateway.refusal);
    const refused = errorSchema.extend(gateway.refusalFields);
    scope.withTypeProvider<ZodTypeProvider>().post(
      gateway.path,
      {
        schema: {
          tags: ['channels'], summary: gateway.summary, description: gateway.description, params: tokenParams, body: gateway.body,
          response: { 200: gateway.okSchema, 400: refused, 401: refused, 403: refused, 415: refused, 422: refused, 503: refused },
        },
        // Before the body is parsed: nothing is read for whoever does not know the path.
        onRequest: async (request) => {
          const config = gateway.configOf(options.gateways);
          if (!config) throw gatewayDisabled(gateway.name);
          const given = String((request.params as { token?: unknown }).token ?? '');
          checkPushSource({ expected: config.token, given, ip: request.ip, allowed: options.gateways.pushAllowedIps });
        },
      },
      async (request) => {
        const codes = gateway.configOf(options.gateways)?.codes ?? { codes: {}, fallback: undefined };
        // Parsed by gateway.body above; the type provider cannot see through the generic.
        const items = gateway.translate(ctx.pii, request.body as Body, codes);
        await receiveGatewayMessages(ctx, { items, ip: request.ip, publicBaseUrl: options.publicBaseUrl, petitionWindowHours: options.petitionWindowHours });
        return gateway.ok;
      },
    );
  });
}
