import { z } from 'zod';
import { CASE_STATUSES } from '../case-status.js';
import { VULNERABILITIES } from '../priority/vulnerability-lexicon.js';

/* Intake assistance while the operator types (ADR 0042): repeats, urgency, routing, categories; the emergency redirect. */

const candidate = {
  caseId: z.string(),
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  similarity: z.number().describe('0…1'),
  createdAt: z.string(),
};
export const duplicateCandidateSchema = z.object(candidate);
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

/** `POST /api/v1/intake/check`: repeat and same-incident candidates (writes nothing). */
export const intakeCheckResultSchema = z.object({
  repeats: z.array(duplicateCandidateSchema).describe('open cases from the same caller about the same thing'),
  callerOpen: z
    .array(duplicateCandidateSchema)
    .describe("the caller's other open cases of the last 90 days, newest first: worded differently, so not called repeats, but the caller may mean one"),
  sameIncident: z.array(z.object({ ...candidate, reason: z.enum(['address', 'community', 'text']) })).describe("other callers' cases about the same incident"),
});
export type IntakeCheckResult = z.infer<typeof intakeCheckResultSchema>;

const span = z.tuple([z.number(), z.number()]).describe('[start, end) in the content sent');

export const urgencySuggestionSchema = z.object({
  level: z.enum(['normal', 'urgent', 'emergency']),
  utilitiesOutage: z.boolean(),
  redirect: z.object({ number: z.string(), reason: z.string(), category: z.string() }).optional().describe('emergencies: the number the caller must ring instead (110, 119, 120…)'),
  matches: z.array(z.object({ rule: z.string(), category: z.string(), level: z.string(), span, term: z.string() })),
});
export type UrgencySuggestion = z.infer<typeof urgencySuggestionSchema>;

export const vulnerabilitySuggestionSchema = z
  .object({
    flags: z.array(z.enum(VULNERABILITIES)),
    matches: z.array(z.object({ flag: z.enum(VULNERABILITIES), span, term: z.string().describe('the word that raised the flag (独居老人, 82岁)') })),
  })
  .describe('suggested flags and the words behind them; only the flags the operator ticks are stored');
export type VulnerabilitySuggestion = z.infer<typeof vulnerabilitySuggestionSchema>;

export const unitSuggestionSchema = z.object({ unitId: z.string(), unitName: z.string().nullable(), probability: z.number().describe('0…1') });
export type UnitSuggestion = z.infer<typeof unitSuggestionSchema>;

export const suggestedCategorySchema = z.object({ categoryId: z.string(), code: z.string(), name: z.string(), share: z.number(), matched: z.array(z.string()) });
export type SuggestedCategory = z.infer<typeof suggestedCategorySchema>;

/** `POST /api/v1/intake/suggest`. */
export const intakeSuggestionSchema = z.object({
  urgency: urgencySuggestionSchema,
  vulnerability: vulnerabilitySuggestionSchema,
  routing: z
    .object({ source: z.enum(['model', 'keywords']), modelVersion: z.number().int().nullable(), suggestions: z.array(unitSuggestionSchema) })
    .nullable()
    .describe("null when neither a trained model nor a matching keyword rule exists; 'model': calibrated probabilities, 'keywords': an admin's cold-start rules"),
  categories: z
    .array(suggestedCategorySchema)
    .describe('likeliest categories (诉求分类); with a learned model (categorySource "model") share is its calibrated probability, with keywords the share of matched words'),
  categorySource: z.enum(['model', 'keywords']).describe("what ranked the categories: the jurisdiction's learned category model, or the categories' keywords and names"),
  categoryModelVersion: z.number().int().nullable(),
});
export type IntakeSuggestion = z.infer<typeof intakeSuggestionSchema>;

/** `POST /api/v1/contacts/emergency-redirect`: the contact recorded (never a case). */
export const emergencyRedirectRecordedSchema = z.object({ contactId: z.string(), redirectNumber: z.string() });
export type EmergencyRedirectRecorded = z.infer<typeof emergencyRedirectRecordedSchema>;
