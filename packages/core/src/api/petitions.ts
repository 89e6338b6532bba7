import { z } from 'zod';
import { PETITION_FIELDS } from '../petition/types.js';

/* The SMS petition line's pending petitions (issue 11 §1, ADR 0029, ADR 0042): operators see, reveal and complete them. */

export const petitionFieldSchema = z.enum(PETITION_FIELDS);
/** A field the sender gave but wrongly (today only an ID number failing its check). */
export const petitionProblemSchema = z.object({ field: petitionFieldSchema, reason: z.enum(['checksum', 'format', 'birthdate']) });
export type PetitionProblem = z.infer<typeof petitionProblemSchema>;

export const PETITION_STATUSES = ['pending', 'opened', 'expired'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];
export const petitionStatusSchema = z.enum(PETITION_STATUSES);

export const petitionSummarySchema = z.object({
  id: z.string(),
  status: petitionStatusSchema,
  line: z.object({ id: z.string(), name: z.string(), number: z.string() }),
  from: z.string().nullable().describe('masked; null for a sender this viewer may not know (a tip line, ADR 0006)'),
  unit: z.object({ id: z.string(), name: z.string() }).nullable().describe('the unit the petition is about, as matched'),
  missing: z.array(petitionFieldSchema),
  invalid: z.array(petitionProblemSchema),
  parts: z.number().int().describe('messages received for this petition'),
  receivedAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
});
export type PetitionSummary = z.infer<typeof petitionSummarySchema>;

/** `GET /api/v1/petitions`. */
export const petitionListSchema = z.object({ items: z.array(petitionSummarySchema) });
export type PetitionList = z.infer<typeof petitionListSchema>;

/** `GET /api/v1/petitions/:id`. */
export const petitionDetailSchema = petitionSummarySchema.extend({
  text: z.string().describe('the messages, redacted (ADR 0009); the original only through the audited reveal'),
  name: z.string().nullable().describe('masked'),
  address: z.string().nullable().describe('masked'),
  idNumber: z.string().nullable().describe('masked'),
  demand: z.string().nullable().describe('redacted'),
});
export type PetitionDetail = z.infer<typeof petitionDetailSchema>;

/** `POST /api/v1/petitions/:id/reveal`: everything in full (audited). */
export const revealedPetitionSchema = z.object({
  from: z.string().nullable(),
  name: z.string().nullable(),
  address: z.string().nullable(),
  idNumber: z.string().nullable(),
  demand: z.string().nullable(),
  text: z.string(),
});
export type RevealedPetition = z.infer<typeof revealedPetitionSchema>;

/** `POST /api/v1/petitions/:id/complete`: what unattended intake made of the completed petition. */
export const completedPetitionSchema = z.object({
  id: z.string(),
  outcome: z.enum(['redirected', 'attached', 'merged', 'opened']),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
});
export type CompletedPetition = z.infer<typeof completedPetitionSchema>;
