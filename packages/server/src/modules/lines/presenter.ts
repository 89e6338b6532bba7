import { z } from 'zod';
import { lineFiguresSchema, type LineFigures } from '../transparency/presenter.js';
import { lineCallsSchema, type LineCalls } from '../telephony/answer-rate.js';
import type { LineWithOwner } from './repository.js';

const span = z.tuple([z.string(), z.string()]);
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
  onHolidays: z.enum(['closed', 'as_weekend', 'open']),
});

export const publicLineSchema = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  mode: z.enum(['direct', 'staffed', 'sms_only', 'tip']).describe(
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

export function presentPublicLine(line: LineWithOwner, figures: LineFigures, calls: LineCalls): PublicLine {
  return {
    id: line.id,
    number: line.number,
    name: line.name,
    mode: line.mode,
    ownerTitle: line.ownerTitle,
    ownerName: line.ownerName,
    // Stored by our own code as JSON; parsing validates it rather than trusting the cast.
    serviceHours: serviceHoursSchema.parse(JSON.parse(line.serviceHours)),
    acceptsVoice: line.acceptsVoice === 1,
    acceptsSms: line.acceptsSms === 1,
    figures,
    calls,
  };
}
