import { z } from 'zod';
import { issuedTokenSchema } from '../issued-tokens.js';
import { CDR_REJECT_CODES } from '../telephony/cdr-csv.js';

/* Telephony administration and the phone system's webhook (issue 10; ADR 0042). */

/** `GET /api/v1/admin/cti-tokens`. */
export const ctiTokenListSchema = z.object({ items: z.array(issuedTokenSchema) });
export type CtiTokenList = z.infer<typeof ctiTokenListSchema>;

/** `POST /api/v1/admin/cti-tokens` (201): the secret, shown this once. */
export const issuedCtiTokenSchema = z.object({
  id: z.string(),
  token: z.string().describe('the secret: the webhook is /api/v1/cti/<token>; never shown again'),
  prefix: z.string(),
});
export type IssuedCtiToken = z.infer<typeof issuedCtiTokenSchema>;

/** A caller the phone system is told to reject. */
export const blockedNumberSchema = z.object({ id: z.string(), number: z.string().describe('masked'), note: z.string(), createdAt: z.string() });
export type BlockedNumber = z.infer<typeof blockedNumberSchema>;

/** `GET /api/v1/admin/blocked-numbers`. */
export const blockedNumberListSchema = z.object({ items: z.array(blockedNumberSchema) });
export type BlockedNumberList = z.infer<typeof blockedNumberListSchema>;

/** `POST /api/v1/admin/call-records/import`. */
export const cdrImportReportSchema = z.object({
  imported: z.number().int(),
  duplicates: z.number().int().describe('rows whose uniqueid was imported before (or earlier in the file)'),
  rejected: z.array(z.object({
    row: z.number().int().describe("the file's line number"),
    code: z.enum(CDR_REJECT_CODES).describe('why, as a stable code the console translates'),
    reason: z.string().describe('why, in English'),
    params: z.object({
      found: z.number().int().optional().describe('column_count: the columns the row has'),
      min: z.number().int().optional().describe('column_count: the fewest columns read'),
      max: z.number().int().optional().describe('column_count: the most columns read; uniqueid_too_long: the longest uniqueid'),
      value: z.string().optional().describe('unknown_disposition: the disposition written (at most 40 characters)'),
    }).optional(),
  })),
});
export type CdrImportReport = z.infer<typeof cdrImportReportSchema>;

/**
 * `POST /api/v1/cti/:token`: Zammad's answers, which bridges written for Zammad read, so their
 * bytes are a contract: `{}`, `{"action":"reject","reason":"busy"}`, and our
 * `{"action":"forward","destination":"…"}` (ADR 0022). Keys serialize in this order.
 */
export const ctiAnswerSchema = z.object({
  action: z.enum(['reject', 'forward']).optional(),
  reason: z.literal('busy').optional(),
  destination: z.string().optional().describe('forward: the after-hours desk of a line called outside its hours (ADR 0022)'),
});
export type CtiAnswerBody = z.infer<typeof ctiAnswerSchema>;

/** `PUT /api/v1/calls/:id/case`: the case a call led to. */
export const callLinkSchema = z.object({ callId: z.string(), caseId: z.string() });
export type CallLink = z.infer<typeof callLinkSchema>;
