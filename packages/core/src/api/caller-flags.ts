import { z } from 'zod';
import { callerFlagSettingsSchema, callerFlagViewSchema } from '../callers/flags.js';

/* Frequent and abusive callers (DESIGN §7, issue 12 §3, ADR 0036, ADR 0042). */

/** `GET /api/v1/caller-flags`. */
export const callerFlagListSchema = z.object({ items: z.array(callerFlagViewSchema) });
export type CallerFlagList = z.infer<typeof callerFlagListSchema>;

/** An open case of a flagged caller, in the designated handler's queue. */
export const flaggedCaseSchema = z.object({
  caseId: z.string(), caseNumber: z.string(), status: z.string(), type: z.string(), summary: z.string(),
  callerPhone: z.string().nullable().describe('masked'), createdAt: z.string(),
});
export type FlaggedCase = z.infer<typeof flaggedCaseSchema>;

/** `GET /api/v1/caller-flags/cases`. */
export const flaggedCaseListSchema = z.object({ items: z.array(flaggedCaseSchema) });
export type FlaggedCaseList = z.infer<typeof flaggedCaseListSchema>;

/** `GET|PUT /api/v1/caller-flags/settings`: who the designated handler (专席) is, and who may be. */
export const callerFlagSettingsViewSchema = callerFlagSettingsSchema.extend({
  designatedName: z.string().nullable(),
  candidates: z.array(z.object({ id: z.string(), name: z.string() })).describe('who may be designated: the centre\'s active operators'),
});
export type CallerFlagSettingsView = z.infer<typeof callerFlagSettingsViewSchema>;
