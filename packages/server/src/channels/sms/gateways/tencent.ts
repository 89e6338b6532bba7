import { z } from 'zod';
import type { LineCodeMap } from '../../../config-sms-gateways.js';
import type { PiiCipher } from '../../../crypto/pii.js';
import type { InboundSms } from '../service.js';
import { gatewayMessageId, lineForCode, neutralMessage } from './common.js';

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
export const tencentOkSchema = z.object({ result: z.literal(0), errmsg: z.string() });

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
