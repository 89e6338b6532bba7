import { z } from 'zod';
import { coldLineThresholdsSchema } from '../telephony/answer-rate.js';
import { LINE_MODES } from './line-codes.js';

/* The cold-line monitor (冷线, issue 10 §4, ADR 0021, ADR 0041): answer rates per line, public and for admins (ADR 0042). */

const count = z.number().int().min(0);
const rate = z.number().min(0).max(1).nullable().describe('null when nothing was offered');

/** A line's thresholds as an admin sets them (`PUT /api/v1/admin/lines/:id/cold-thresholds` body). */
export const coldThresholdsSchema = coldLineThresholdsSchema.describe('answerRate and promptRate as fractions (0.95 = 95 %); promptSeconds the wait that counts as prompt');

/** A line's calls over a day, a month, or the month so far. */
export const periodCallsSchema = z.object({
  offered: count.describe('inbound calls that ended'),
  pickedUp: count,
  calledBack: count.describe('missed calls whose caller the line reached within 1 h (DESIGN §6)'),
  answered: count.describe('picked up or called back within 1 h'),
  missed: count.describe('offered and not answered'),
  answeredWithin15s: count,
  answerRate: rate.describe('接通率: answered / offered'),
  answeredWithin15sRate: rate,
});
export type PeriodCalls = z.infer<typeof periodCallsSchema>;

/** A line's rolling 24 h as the monitor last computed it. */
export const currentCallsSchema = z.object({
  offered: count, pickedUp: count, calledBack: count, answered: count, missed: count,
  answerRate: rate.describe('接通率 over the rolling 24 h, callbacks within 1 h included'),
  answeredWithin15sRate: rate,
  promptRate: rate.describe("picked up within the line's own prompt limit / offered"),
  cold: z.boolean().describe("below the line's thresholds, with at least its minimum of calls offered"),
  judged: z.boolean().describe('at least the line\'s minimum of calls was offered (thresholds.minOffered): below it no line is called cold (ADR 0041)'),
  coldSince: z.string().nullable().describe('when the open cold-line episode began'),
  computedAt: z.string().describe('the end of the rolling 24 h: the public pages serve the worker\'s snapshot, at most 2 minutes old (ADR 0041)'),
});
export type CurrentCalls = z.infer<typeof currentCallsSchema>;

/** A line's thresholds and rolling 24 h, as the admin's cold-line table shows them. */
export const coldLineSettingSchema = z.object({
  lineId: z.string(), number: z.string(), name: z.string(), mode: z.enum(LINE_MODES), isPublic: z.boolean(),
  ownerTitle: z.string(), ownerName: z.string().nullable(),
  thresholds: coldThresholdsSchema.extend({ minOffered: z.number().int(), custom: z.boolean().describe('false: the GB/T 33358-2016 defaults') }),
  current: currentCallsSchema.nullable(),
});
export type ColdLineSetting = z.infer<typeof coldLineSettingSchema>;

/** `GET /api/v1/admin/cold-lines`. */
export const coldLineSettingListSchema = z.object({ items: z.array(coldLineSettingSchema) });
export type ColdLineSettingList = z.infer<typeof coldLineSettingListSchema>;

/** A published line with its call figures. */
export const publicAnswerRateSchema = z.object({
  id: z.string(), number: z.string(), name: z.string(), mode: z.enum(LINE_MODES), ownerTitle: z.string(), ownerName: z.string().nullable(),
  thresholds: coldThresholdsSchema.nullable(),
  current: currentCallsSchema.nullable().describe('rolling 24 h; null for a tip line'),
  month: periodCallsSchema.nullable().describe('the month so far; null for a tip line'),
});
export type PublicAnswerRate = z.infer<typeof publicAnswerRateSchema>;

/** `GET /api/v1/public/lines/answer-rates`. */
export const publicAnswerRatesSchema = z.object({
  month: z.string().describe('the local month so far (YYYY-MM)'),
  items: z.array(publicAnswerRateSchema),
});
export type PublicAnswerRates = z.infer<typeof publicAnswerRatesSchema>;

/** One line's calls per local day or month. */
export const lineCallFiguresSchema = z.object({
  lineId: z.string(), number: z.string(), name: z.string(), ownerTitle: z.string(),
  total: periodCallsSchema,
  periods: z.array(periodCallsSchema.extend({ period: z.string().describe('YYYY-MM-DD or YYYY-MM') })),
});
export type LineCallFigures = z.infer<typeof lineCallFiguresSchema>;

/** `GET /api/v1/stats/line-calls`. */
export const lineCallFigureListSchema = z.object({
  from: z.string(), to: z.string(), by: z.enum(['day', 'month']),
  items: z.array(lineCallFiguresSchema),
});
export type LineCallFigureList = z.infer<typeof lineCallFigureListSchema>;
