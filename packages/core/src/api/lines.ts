import { z } from 'zod';
import { HOLIDAY_RULES, LINE_MODES } from './line-codes.js';
import { lineFiguresSchema } from './figures.js';

/* Published lines (公开电话): the public directory and the admin's register (ADR 0042). */

const span = z.tuple([z.string(), z.string()]);
/** Opening spans per weekday as ["08:00", "22:00"] pairs; a missing day is closed. */
export const serviceHoursSchema = z.object({
  weekly: z.object({
    mon: z.array(span).optional(),
    tue: z.array(span).optional(),
    wed: z.array(span).optional(),
    thu: z.array(span).optional(),
    fri: z.array(span).optional(),
    sat: z.array(span).optional(),
    sun: z.array(span).optional(),
  }),
  onHolidays: z.enum(HOLIDAY_RULES),
});
export type ServiceHours = z.infer<typeof serviceHoursSchema>;

const rate = z.number().min(0).max(1).nullable();
export const lineCallsSchema = z
  .object({
    offered: z.number().int().describe('inbound calls that ended in the last 24 h'),
    answered: z.number().int().describe('picked up, or called back within 1 h (DESIGN §6)'),
    missed: z.number().int().describe('offered and not answered (missed, abandoned, busy, voicemail, rejected) nor called back within 1 h'),
    answerRate: rate.describe('接通率 answered / offered; null when nothing was offered'),
    answeredWithin15sRate: rate.describe('answered within 15 s / offered; null when nothing was offered'),
    cold: z.boolean().describe("冷线: below the line's thresholds (default: answer rate or answered-within-15-s rate below 95 %, GB/T 33358-2016)"),
  })
  .nullable()
  .describe('calls over the last 24 h (rolling); null for a tip line');
export type LineCalls = z.infer<typeof lineCallsSchema>;

export const publicLineSchema = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  mode: z.enum(LINE_MODES).describe(
    'direct: the official answers; staffed: a call centre answers and forwards; sms_only: text messages only; tip: crime reports, reporter protected',
  ),
  ownerTitle: z.string(),
  ownerName: z.string().nullable(),
  serviceHours: serviceHoursSchema,
  acceptsVoice: z.boolean().describe('the line takes calls'),
  acceptsSms: z.boolean().describe('the line takes text messages'),
  figures: lineFiguresSchema.describe('the last complete month (响应率, 解决率, 满意率); null for a tip line'),
  calls: lineCallsSchema,
});
export type PublicLine = z.infer<typeof publicLineSchema>;

/** `GET /api/v1/public/lines`. */
export const publicLineListSchema = z.object({ items: z.array(publicLineSchema) });
export type PublicLineList = z.infer<typeof publicLineListSchema>;

/** HH:MM, 24:00 only as an end, the start before the end: what the console checks, and what the hours rules can read. */
const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const inputSpan = z
  .tuple([z.string().regex(TIME), z.string().regex(TIME)])
  .refine(([start, end]) => start !== '24:00' && start < end, { message: 'the start must be a time before the end' });
const inputDay = z.array(inputSpan).max(8).optional();
const inputServiceHours = serviceHoursSchema.extend({
  weekly: z.object({ mon: inputDay, tue: inputDay, wed: inputDay, thu: inputDay, fri: inputDay, sat: inputDay, sun: inputDay }),
});

/** `POST|PATCH /api/v1/admin/lines` bodies. */
export const lineInputSchema = z.object({
  number: z.string().trim().min(3).max(32),
  name: z.string().trim().min(1).max(100),
  mode: z.enum(LINE_MODES),
  ownerTitle: z.string().trim().min(1).max(100),
  ownerUserId: z.string().uuid().nullable().optional(),
  isPublic: z.boolean(),
  // Malformed hours once got through and broke every page that asks whether the line is open.
  serviceHours: inputServiceHours,
  acceptsVoice: z.boolean().optional().describe('takes calls; unset on create: calls for direct and staffed lines'),
  acceptsSms: z.boolean().optional().describe('takes text messages; unset on create: texts for SMS-only and tip lines. A text to a line that takes none is answered with where to send it'),
});
export type LineInput = z.infer<typeof lineInputSchema>;

/** A line as the admin's register shows it, internal ones included. */
export const adminLineSchema = lineInputSchema.extend({
  serviceHours: serviceHoursSchema,
  id: z.string(), ownerUserId: z.string().nullable(), ownerName: z.string().nullable(), acceptsVoice: z.boolean(), acceptsSms: z.boolean(),
});
export type AdminLine = z.infer<typeof adminLineSchema>;

/** `GET /api/v1/admin/lines`. */
export const adminLineListSchema = z.object({ items: z.array(adminLineSchema) });
export type AdminLineList = z.infer<typeof adminLineListSchema>;
