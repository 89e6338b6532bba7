import { coldLineThresholdsSchema } from '@openline/core';
import { z } from 'zod';

const count = z.number().int().min(0);
const rate = z.number().min(0).max(1).nullable().describe('null when nothing was offered');

export const thresholdsSchema = coldLineThresholdsSchema.describe('answerRate and promptRate as fractions (0.95 = 95 %); promptSeconds the wait that counts as prompt');

export const periodFiguresSchema = z.object({
  offered: count.describe('inbound calls that ended'),
  pickedUp: count,
  calledBack: count.describe('missed calls whose caller the line reached within 1 h (DESIGN §6)'),
  answered: count.describe('picked up or called back within 1 h'),
  missed: count.describe('offered and not answered'),
  answeredWithin15s: count,
  answerRate: rate.describe('接通率: answered / offered'),
  answeredWithin15sRate: rate,
});

export const currentSchema = z
  .object({
    offered: count, pickedUp: count, calledBack: count, answered: count, missed: count,
    answerRate: rate.describe('接通率 over the rolling 24 h, callbacks within 1 h included'),
    answeredWithin15sRate: rate,
    promptRate: rate.describe("picked up within the line's own prompt limit / offered"),
    cold: z.boolean().describe("below the line's thresholds, with at least its minimum of calls offered"),
    judged: z.boolean().describe('at least the line\'s minimum of calls was offered (thresholds.minOffered): below it no line is called cold (ADR 0041)'),
    coldSince: z.string().nullable().describe('when the open cold-line episode began'),
    computedAt: z.string().describe('the end of the rolling 24 h: the public pages serve the worker\'s snapshot, at most 2 minutes old (ADR 0041)'),
  })
  .nullable();

export const coldLineSettingSchema = z.object({
  lineId: z.string(), number: z.string(), name: z.string(), mode: z.enum(['direct', 'staffed', 'sms_only', 'tip']), isPublic: z.boolean(),
  ownerTitle: z.string(), ownerName: z.string().nullable(),
  thresholds: thresholdsSchema.extend({ minOffered: z.number().int(), custom: z.boolean().describe('false: the GB/T 33358-2016 defaults') }),
  current: currentSchema,
});

export const publicAnswerRatesSchema = z.object({
  month: z.string().describe('the local month so far (YYYY-MM)'),
  items: z.array(
    z.object({
      id: z.string(), number: z.string(), name: z.string(), mode: z.enum(['direct', 'staffed', 'sms_only', 'tip']), ownerTitle: z.string(), ownerName: z.string().nullable(),
      thresholds: thresholdsSchema.nullable(),
      current: currentSchema.describe('rolling 24 h; null for a tip line'),
      month: periodFiguresSchema.nullable().describe('the month so far; null for a tip line'),
    }),
  ),
});

export const lineCallFiguresSchema = z.object({
  from: z.string(), to: z.string(), by: z.enum(['day', 'month']),
  items: z.array(
    z.object({
      lineId: z.string(), number: z.string(), name: z.string(), ownerTitle: z.string(),
      total: periodFiguresSchema,
      periods: z.array(periodFiguresSchema.extend({ period: z.string().describe('YYYY-MM-DD or YYYY-MM') })),
    }),
  ),
});
