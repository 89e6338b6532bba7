import { z } from 'zod';
import { petitionFieldSchema, petitionProblemSchema } from './petitions.js';

/*
 * Text messages (ADR 0029, 0030, 0042): the gateways' answers and the held messages operators
 * process. The gateway answers are contracts with the SMS providers: what a provider retries
 * on. Keep them exactly as they are (fields, order, literals).
 */

/** `POST /api/v1/channels/sms/inbound`: the neutral gateway webhook's answer. */
export const inboundSmsResultSchema = z.object({
  messageId: z.string(),
  outcome: z
    .enum(['redirected', 'attached', 'merged', 'opened', 'held', 'dismissed', 'incomplete', 'not_accepted'])
    .describe(
      'held: the sender was over their limit; the message is kept for an operator (never dropped). dismissed: an operator set a held message aside. ' +
        'incomplete: a petition-line message still missing a field or with an invalid ID number; it waits for follow-ups (see missing, invalid). ' +
        'not_accepted: the line takes no text messages; the sender was told where to send it, nothing opened',
    ),
  missing: z.array(petitionFieldSchema).optional().describe('incomplete: the fields the petition still lacks'),
  invalid: z.array(petitionProblemSchema).optional().describe('incomplete: fields given but not valid (an ID number failing its check character)'),
  caseNumber: z.string().optional().describe('petition line, opened: the case the completed petition opened'),
  duplicate: z.boolean().describe('true: this message id was taken before; nothing new was written or sent'),
});
export type InboundSmsResult = z.infer<typeof inboundSmsResultSchema>;

/** `POST /api/v1/channels/sms/aliyun/:token`: Aliyun retries a push not answered `{"code":0,…}`. */
export const aliyunOkSchema = z.object({ code: z.literal(0), msg: z.string() });
/** `POST /api/v1/channels/sms/tencent/:token`: Tencent retries unless answered `{"result":0,"errmsg":"OK"}`. */
export const tencentOkSchema = z.object({ result: z.literal(0), errmsg: z.string() });

export const heldSmsSchema = z.object({
  messageId: z.string(),
  line: z.object({ id: z.string(), number: z.string(), name: z.string() }),
  from: z.string().nullable().describe('masked; null for a tip-line reporter the viewer may not know'),
  text: z.string().describe("redacted like a case's text (ADR 0009); the original is revealed on the case it opens"),
  receivedAt: z.string(),
});
export type HeldSms = z.infer<typeof heldSmsSchema>;

/** `GET /api/v1/sms/held`: held because the sender was over the limit (ADR 0007), oldest first. */
export const heldSmsListSchema = z.object({ messages: z.array(heldSmsSchema) });
export type HeldSmsList = z.infer<typeof heldSmsListSchema>;

/** `POST /api/v1/sms/held/:messageId/process`. */
export const heldSmsProcessedSchema = z.object({
  messageId: z.string(),
  outcome: z.enum(['redirected', 'attached', 'merged', 'opened', 'incomplete']).describe('incomplete: a petition-line message that now waits as a pending petition'),
  caseNumber: z.string().nullable(),
});
export type HeldSmsProcessed = z.infer<typeof heldSmsProcessedSchema>;
