import { tencentOkSchema } from '@openline/core';
import { z } from 'zod';
import type { LineCodeMap } from '../../../config-sms-gateways.js';
import type { PiiCipher } from '../../../crypto/pii.js';
import type { InboundSms } from '../service.js';
import { gatewayMessageId, lineForCode, neutralMessage, translate } from './common.js';
import type { PushGateway } from './push.js';

/**
 * Tencent Cloud SMS reply callback (回复短信回调): one JSON object per reply, `extend` being the
 * channel extension code the outgoing message carried (empty unless the account has them).
 * Tencent retries unless answered `{"result":0,"errmsg":"OK"}`. An array of such objects is
 * taken too, as Tencent's status callbacks arrive that way.
 */
const numeric = (max: number) => z.union([z.string().trim().regex(new RegExp(`^\\d{0,${max}}$`)), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]).transform(String);

export const tencentReply = z.object({
  extend: numeric(20).nullish().transform((v) => v ?? '').describe('the extension code; mapped to a line by SMS_TENCENT_EXTEND_CODES'),
  mobile: z.string().trim().min(1).max(20),
  nationcode: numeric(4).refine((v) => v.length > 0, 'required'),
  sign: z.string().max(60),
  text: z.string().max(4000),
  // Unix seconds; bounded so that it always makes a valid date.
  time: z.union([z.number().int(), z.string().regex(/^\d{1,11}$/).transform(Number)]).pipe(z.number().int().min(0).max(99_999_999_999)),
});
export const tencentCallback = z.union([tencentReply, z.array(tencentReply).min(1).max(500)]);
export type TencentReply = z.infer<typeof tencentReply>;

export const TENCENT_OK = { result: 0, errmsg: 'OK' } as const;

/**
 * One reply in the neutral shape. Tencent sends no message id: the key is the blind index of
 * every field, so the same reply delivered twice is taken once, and two different replies in
 * the same second are two messages.
 */
export function tencentMessage(pii: PiiCipher, reply: TencentReply, extendCodes: LineCodeMap, path: string): InboundSms {
  return neutralMessage(
    {
      messageId: gatewayMessageId(pii, 'tencent', [reply.extend, reply.mobile, reply.nationcode, reply.sign, reply.text, String(reply.time)]),
      from: `+${reply.nationcode.replace(/^0+/, '')}${reply.mobile.replace(/\s+/g, '')}`,
      to: lineForCode(extendCodes, reply.extend, path ? `${path}.extend` : 'extend'),
      text: reply.text,
      receivedAt: new Date(reply.time * 1000).toISOString(),
    },
    path,
  );
}

/** The reply callback path (ADR 0030): one reply, or an array of them each taken or refused on its own. */
export const tencentPush: PushGateway<TencentReply | TencentReply[], z.infer<typeof tencentOkSchema>> = {
  name: 'Tencent',
  path: '/api/v1/channels/sms/tencent/:token',
  summary: 'Tencent Cloud SMS reply callback (path token; idempotent on a key of all fields)',
  description:
    'Body `{extend, mobile, nationcode, sign, text, time}` (or an array of them). Authenticated by the token in the path ' +
    '(SMS_TENCENT_PUSH_TOKEN) and, when set, SMS_PUSH_ALLOWED_IPS: Tencent does not sign callbacks. extend picks the line ' +
    '(SMS_TENCENT_EXTEND_CODES). Answers `{"result":0,"errmsg":"OK"}`; refusals `{result: <HTTP status>, errmsg, error}`.',
  body: tencentCallback,
  ok: TENCENT_OK,
  okSchema: tencentOkSchema,
  refusalFields: { result: z.number().int().optional(), errmsg: z.string().optional() },
  refusal: (status, error) => ({ result: status, errmsg: `${error.code}: ${error.message}` }),
  configOf: (gateways) => (gateways.tencent ? { token: gateways.tencent.token, codes: gateways.tencent.extendCodes } : undefined),
  translate: (pii, body, codes) =>
    Array.isArray(body)
      ? body.map((reply, i) => translate(String(i), () => tencentMessage(pii, reply, codes, String(i))))
      : [translate('', () => tencentMessage(pii, body, codes, ''))],
};
