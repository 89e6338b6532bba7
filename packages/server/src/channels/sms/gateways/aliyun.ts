import { aliyunOkSchema } from '@openline/core';
import { z } from 'zod';
import type { LineCodeMap } from '../../../config-sms-gateways.js';
import type { PiiCipher } from '../../../crypto/pii.js';
import { AppError } from '../../../errors.js';
import type { InboundSms } from '../service.js';
import { gatewayMessageId, lineForCode, neutralMessage, translate } from './common.js';
import type { PushGateway } from './push.js';

/**
 * Aliyun SMS "SmsUp" (上行短信) in HTTP batch-push mode: the console's push URL receives a JSON
 * array, one element per reply a citizen sent to our number (dest_code: the extension code the
 * outgoing message was sent with). Aliyun retries a push whose answer is not `{"code":0}`.
 */
const digits = (max: number) => z.union([z.string().trim().regex(new RegExp(`^\\d{0,${max}}$`)), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]).transform(String);

export const aliyunSmsUpItem = z.object({
  phone_number: z.string().trim().min(1).max(32),
  content: z.string().max(4000),
  // Beijing time, as Aliyun documents it: "2017-01-01 00:00:00".
  send_time: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, 'yyyy-MM-dd HH:mm:ss'),
  dest_code: digits(20).describe('the extension code the citizen replied to; mapped to a line by SMS_ALIYUN_DEST_CODES'),
  sequence_id: digits(30),
  sign_name: z.string().max(60).optional(),
});
export const aliyunSmsUpPush = z.array(aliyunSmsUpItem).min(1).max(500);
export type AliyunSmsUpItem = z.infer<typeof aliyunSmsUpItem>;

export const ALIYUN_OK = { code: 0, msg: '接收成功' } as const;

/**
 * One pushed reply in the neutral shape. The key is (sequence_id, phone_number, dest_code,
 * send_time): Aliyun does not document sequence_id as unique on its own.
 */
export function aliyunMessage(pii: PiiCipher, item: AliyunSmsUpItem, destCodes: LineCodeMap, index: number): InboundSms {
  const receivedAt = `${item.send_time.replace(' ', 'T')}+08:00`;
  if (Number.isNaN(Date.parse(receivedAt))) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: `${index}.send_time`, message: 'no such time' }]);
  }
  return neutralMessage(
    {
      messageId: gatewayMessageId(pii, 'aliyun', [item.sequence_id, item.phone_number, item.dest_code, item.send_time]),
      from: item.phone_number,
      to: lineForCode(destCodes, item.dest_code, `${index}.dest_code`),
      text: item.content,
      receivedAt,
    },
    String(index),
  );
}

/** The SmsUp push path (ADR 0030): a batch of replies, each taken or refused on its own. */
export const aliyunPush: PushGateway<AliyunSmsUpItem[], z.infer<typeof aliyunOkSchema>> = {
  name: 'Aliyun',
  path: '/api/v1/channels/sms/aliyun/:token',
  summary: 'Aliyun SmsUp HTTP push: citizens\' replies to our number (path token; idempotent)',
  description:
    'Body: the JSON array Aliyun pushes, `[{phone_number, content, send_time, dest_code, sequence_id, sign_name}]`. Authenticated by the ' +
    'token in the path (SMS_ALIYUN_PUSH_TOKEN) and, when SMS_PUSH_ALLOWED_IPS is set, the source address: Aliyun does not sign pushes. ' +
    'dest_code picks the line (SMS_ALIYUN_DEST_CODES). Idempotent on (sequence_id, phone_number, dest_code, send_time). Answers ' +
    '`{"code":0,"msg":"接收成功"}`; refusals `{code: <HTTP status>, msg, error}` with our stable error code.',
  body: aliyunSmsUpPush,
  ok: ALIYUN_OK,
  okSchema: aliyunOkSchema,
  refusalFields: { code: z.number().int().optional(), msg: z.string().optional() },
  refusal: (status, error) => ({ code: status, msg: `${error.code}: ${error.message}` }),
  configOf: (gateways) => (gateways.aliyun ? { token: gateways.aliyun.token, codes: gateways.aliyun.destCodes } : undefined),
  translate: (pii, body, codes) => body.map((item, i) => translate(String(i), () => aliyunMessage(pii, item, codes, i))),
};
